#include "secret_store.h"

#include <QCoreApplication>
#include <QMetaObject>

#include <qt6keychain/keychain.h>

namespace sandbox {

namespace {

SecretStore::Status statusOfError(QKeychain::Error error) {
    switch (error) {
    case QKeychain::NoError:
        return SecretStore::Status::Ok;
    case QKeychain::EntryNotFound:
        return SecretStore::Status::NotFound;
    case QKeychain::NoBackendAvailable:
        return SecretStore::Status::Unavailable;
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return SecretStore::Status::AccessDenied;
    default:
        return SecretStore::Status::Failed;
    }
}

// qtkeychain's libsecret backend reports a missing bus or Secret Service as OtherError;
// users need to hear "no Secret Service", not D-Bus jargon.
bool looksUnavailable(const QString &detail) {
    static const char *const markers[] = {"Could not connect", "org.freedesktop.secrets",
                                          "ServiceUnknown", "not provided by any .service",
                                          "Cannot autolaunch"};
    for (const char *marker : markers) {
        if (detail.contains(QLatin1String(marker), Qt::CaseInsensitive))
            return true;
    }
    return false;
}

SecretStore::Status statusOf(const QKeychain::Job *job) {
    const SecretStore::Status status = statusOfError(job->error());
    if (status == SecretStore::Status::Failed && looksUnavailable(job->errorString()))
        return SecretStore::Status::Unavailable;
    return status;
}

// Jobs have no parent on purpose: destroying a job while libsecret still has a call in
// flight crashes later in the job's callback (qtkeychain issue 261). An unparented job
// deletes itself when it finishes; the connection to the store (its context object) is
// dropped when the store goes away first.
template <typename Job> Job *makeJob(const QString &service, const QString &key) {
    auto *job = new Job(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext file behind the user's back
    job->setKey(key);
    return job;
}

} // namespace

SecretStore::SecretStore(QObject *parent)
    : SecretStore(defaultService(), parent) {}

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent)
    , service_(service) {}

SecretStore::~SecretStore() {
    // Session-only tokens end with the session; overwrite before the memory is freed.
    for (QString &token : sessionTokens_)
        token.fill(u'\0');
}

QString SecretStore::keyFor(const QUuid &id) const {
    return id.toString(QUuid::WithoutBraces);
}

QString SecretStore::statusMessage(Status status, Operation operation, const QString &detail) {
    const bool write = operation == Operation::Write;
    const QString kept = write ? QCoreApplication::translate(
                                     "SecretStore", " It is kept in memory for this session only.")
                               : QString();
    switch (status) {
    case Status::Ok:
    case Status::NotFound:
        return {};
    case Status::Unavailable:
        return (write ? QCoreApplication::translate(
                            "SecretStore",
                            "No Secret Service is running, so the token can't be saved.")
                      : QCoreApplication::translate(
                            "SecretStore",
                            "No Secret Service is running, so the keychain can't be used.")) +
               kept;
    case Status::AccessDenied:
        return QCoreApplication::translate("SecretStore",
                                           "The keychain refused access (it may be locked).") +
               kept;
    case Status::Failed:
        return QCoreApplication::translate("SecretStore", "The keychain reported an error: %1.")
                   .arg(detail) +
               kept;
    }
    return {};
}

SecretJob *SecretStore::readToken(const QUuid &id) {
    auto *answer = new SecretJob(Operation::Read, id, this);
    if (sessionTokens_.contains(id)) {
        answer->finish(Status::Ok, {}, sessionTokens_.value(id));
        return answer;
    }
    auto *job = makeJob<QKeychain::ReadPasswordJob>(service_, keyFor(id));
    connect(job, &QKeychain::Job::finished, answer, [answer, job] {
        const Status status = statusOf(job);
        answer->finish(status, statusMessage(status, Operation::Read, job->errorString()),
                       status == Status::Ok ? job->textData() : QString());
    });
    startTracked(job);
    return answer;
}

SecretJob *SecretStore::writeToken(const QUuid &id, const QString &token) {
    if (token.isEmpty())
        return startDelete(id, Operation::Write);
    auto *answer = new SecretJob(Operation::Write, id, this);
    auto *job = makeJob<QKeychain::WritePasswordJob>(service_, keyFor(id));
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, answer, [this, id, answer, job, token] {
        Status status = statusOf(job);
        if (status == Status::NotFound)
            status = Status::Failed; // a write cannot miss an entry; treat as a failure
        if (status == Status::Ok)
            sessionTokens_.remove(id);
        else
            sessionTokens_.insert(id, token);
        answer->finish(status, statusMessage(status, Operation::Write, job->errorString()));
    });
    startTracked(job);
    return answer;
}

void SecretStore::startTracked(QKeychain::Job *job) {
    ++pendingJobs_;
    // Connected after the result handler, so "idle" follows the last answer.
    connect(job, &QKeychain::Job::finished, this, [this] {
        if (--pendingJobs_ == 0)
            Q_EMIT idle();
    });
    job->start();
}

SecretJob *SecretStore::deleteToken(const QUuid &id) {
    return startDelete(id, Operation::Delete);
}

SecretJob *SecretStore::startDelete(const QUuid &id, SecretOperation reportedAs) {
    sessionTokens_.remove(id);
    auto *answer = new SecretJob(reportedAs, id, this);
    auto *job = makeJob<QKeychain::DeletePasswordJob>(service_, keyFor(id));
    connect(job, &QKeychain::Job::finished, answer, [answer, job] {
        Status status = statusOf(job);
        if (status == Status::NotFound)
            status = Status::Ok; // nothing stored is what the caller wanted
        answer->finish(status, statusMessage(status, Operation::Delete, job->errorString()));
    });
    startTracked(job);
    return answer;
}

} // namespace sandbox
