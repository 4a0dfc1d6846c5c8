#pragma once

#include <QObject>
#include <QString>
#include <QUuid>

namespace sandbox {

enum class SecretStatus {
    Ok,
    NotFound,     // no token stored for this profile
    Unavailable,  // no Secret Service / keychain backend
    AccessDenied, // keychain locked or access refused
    Failed,       // anything else; the message has the backend's words
};

enum class SecretOperation { Read, Write, Delete };

// One keychain request (qtkeychain's model): the caller that started it, and only that
// caller, connects to finished(). The job emits finished exactly once, never before the
// caller got it back, and deletes itself afterwards. A read token is wiped from memory
// when the job goes away.
class SecretJob : public QObject {
    Q_OBJECT
public:
    SecretJob(SecretOperation operation, const QUuid &profileId, QObject *parent);
    ~SecretJob() override;

    SecretOperation operation() const { return operation_; }
    QUuid profileId() const { return profileId_; }
    SecretStatus status() const { return status_; }
    bool ok() const { return status_ == SecretStatus::Ok; }
    // For the user; empty for Ok and NotFound.
    QString message() const { return message_; }
    // Read jobs with status Ok only; empty otherwise.
    QString token() const { return token_; }

    // Called by SecretStore: records the answer and emits finished on the next event-loop
    // pass (so a caller connecting right after the request never misses it).
    void finish(SecretStatus status, const QString &message, const QString &token = {});

Q_SIGNALS:
    void finished(sandbox::SecretJob *job);

private:
    SecretOperation operation_;
    QUuid profileId_;
    SecretStatus status_ = SecretStatus::Failed;
    QString message_;
    QString token_;
    bool finished_ = false;
};

} // namespace sandbox
