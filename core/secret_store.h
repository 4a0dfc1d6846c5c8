#pragma once

#include "secret_job.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QUuid>

namespace QKeychain {
class Job;
}

namespace sandbox {

// Profile tokens in the OS keychain (qtkeychain; service "sandbox-console", one entry per
// profile id). Asynchronous only: every call returns at once with a SecretJob that
// answers on the calling thread. When a write fails the token is kept in memory for this session
// only (isSessionOnly) and the message says so; reads consult that memory first. No plaintext
// fallback. Tokens are never logged.
class SecretStore : public QObject {
    Q_OBJECT
public:
    using Status = SecretStatus;
    using Operation = SecretOperation;

    static QString defaultService() { return QStringLiteral("sandbox-console"); }

    explicit SecretStore(QObject *parent = nullptr);
    // Another service name, e.g. to keep tests apart from real entries.
    explicit SecretStore(const QString &service, QObject *parent = nullptr);
    ~SecretStore() override;

    QString service() const { return service_; }

    // Each call returns a job (owned by the store, deleted after it finished) whose
    // finished() signal answers exactly this request; connect to it right away.
    SecretJob *readToken(const QUuid &id);
    // An empty token deletes the entry (reported as a Write job). A failed write keeps the
    // token for this session only and says so in the message.
    SecretJob *writeToken(const QUuid &id, const QString &token);
    // Also forgets a session-only token; a missing entry counts as deleted (Ok).
    SecretJob *deleteToken(const QUuid &id);

    bool isSessionOnly(const QUuid &id) const { return sessionTokens_.contains(id); }
    // Keychain jobs started and not yet answered; a write still pending at exit would be lost.
    int pendingJobs() const { return pendingJobs_; }

    // A plain-words sentence for a failed operation: what happened and what it means
    // (empty for Ok / NotFound). detail is the backend's own words, for Failed.
    static QString statusMessage(Status status, Operation operation, const QString &detail = {});

Q_SIGNALS:
    // pendingJobs() dropped to zero.
    void idle();

private:
    QString keyFor(const QUuid &id) const;
    void startTracked(QKeychain::Job *job);
    SecretJob *startDelete(const QUuid &id, SecretOperation reportedAs);

    QString service_;
    QHash<QUuid, QString> sessionTokens_;
    int pendingJobs_ = 0;
};

} // namespace sandbox
