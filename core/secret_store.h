#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QUuid>

namespace QKeychain {
class Job;
}

namespace sandbox {

// Profile tokens in the OS keychain (qtkeychain; service "sandbox-console", one entry per
// profile id). Asynchronous only: every call returns at once and reports by signal on the
// calling thread. When a write fails the token is kept in memory for this session only
// (isSessionOnly) and the message says so; reads consult that memory first. No plaintext
// fallback. Tokens are never logged.
class SecretStore : public QObject {
    Q_OBJECT
public:
    enum class Status {
        Ok,
        NotFound,     // no token stored for this profile
        Unavailable,  // no Secret Service / keychain backend
        AccessDenied, // keychain locked or access refused
        Failed,       // anything else; message has the backend's words
    };
    Q_ENUM(Status)

    static QString defaultService() { return QStringLiteral("sandbox-console"); }

    explicit SecretStore(QObject *parent = nullptr);
    // Another service name, e.g. to keep tests apart from real entries.
    explicit SecretStore(const QString &service, QObject *parent = nullptr);
    ~SecretStore() override;

    QString service() const { return service_; }

    // Results: tokenRead / tokenWritten / tokenDeleted, exactly once per call.
    void readToken(const QUuid &id);
    void writeToken(const QUuid &id, const QString &token);
    // An empty token deletes the entry (reported as tokenWritten).
    // deleteToken also forgets a session-only token; a missing entry counts as deleted (Ok).
    void deleteToken(const QUuid &id);

    bool isSessionOnly(const QUuid &id) const { return sessionTokens_.contains(id); }
    // Keychain jobs started and not yet answered; a write still pending at exit would be lost.
    int pendingJobs() const { return pendingJobs_; }

    enum class Operation { Read, Write, Delete };
    // A plain-words sentence for a failed operation: what happened and what it means
    // (empty for Ok / NotFound). detail is the backend's own words, for Failed.
    static QString statusMessage(Status status, Operation operation, const QString &detail = {});

Q_SIGNALS:
    // token is empty unless status is Ok. message is for the user (empty for Ok/NotFound).
    void tokenRead(const QUuid &id, const QString &token, sandbox::SecretStore::Status status,
                   const QString &message);
    // Unavailable/AccessDenied/Failed: the token is kept for this session only.
    void tokenWritten(const QUuid &id, sandbox::SecretStore::Status status, const QString &message);
    void tokenDeleted(const QUuid &id, sandbox::SecretStore::Status status, const QString &message);

    // pendingJobs() dropped to zero.
    void idle();

private:
    QString keyFor(const QUuid &id) const;
    void startTracked(QKeychain::Job *job);
    void startDelete(const QUuid &id, bool reportAsWrite);

    QString service_;
    QHash<QUuid, QString> sessionTokens_;
    int pendingJobs_ = 0;
};

} // namespace sandbox
