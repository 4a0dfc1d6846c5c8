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

void SecretStore::readToken(const QUuid &id) {
    if (sessionTokens_.contains(id)) {
        const QString token = sessionTokens_.value(id);
        // Still asynchronous, like every other answer.
        QMetaObject::invokeMethod(
            this, [this, id, token] { Q_EMIT tokenRead(id, token, Status::Ok, {}); },
            Qt::QueuedConnection);
        return;
    }
    auto *job = makeJob<QKeychain::ReadPasswordJob>(service_, keyFor(id));
    connect(job, &QKeychain::Job::finished, this, [this, id, job] {
        const Status status = statusOf(job);
        const QString token = status == Status::Ok ? job->textData() : QString();
        Q_EMIT tokenRead(id, token, status,
                         statusMessage(status, Operation::Read, job->errorString()));
    });
    startTracked(job);
}

void SecretStore::writeToken(const QUuid &id, const QString &token) {
    if (token.isEmpty()) {
        startDelete(id, true);
        return;
    }
    auto *job = makeJob<QKeychain::WritePasswordJob>(service_, keyFor(id));
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, id, job, token] {
        Status status = statusOf(job);
        if (status == Status::NotFound)
            status = Status::Failed; // a write cannot miss an entry; treat as a failure
        if (status == Status::Ok)
            sessionTokens_.remove(id);
        else
            sessionTokens_.insert(id, token);
        Q_EMIT tokenWritten(id, status,
                            statusMessage(status, Operation::Write, job->errorString()));
    });
    startTracked(job);
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

void SecretStore::deleteToken(const QUuid &id) {
    startDelete(id, false);
}

void SecretStore::startDelete(const QUuid &id, bool reportAsWrite) {
    sessionTokens_.remove(id);
    auto *job = makeJob<QKeychain::DeletePasswordJob>(service_, keyFor(id));
    connect(job, &QKeychain::Job::finished, this, [this, id, job, reportAsWrite] {
        Status status = statusOf(job);
        if (status == Status::NotFound)
            status = Status::Ok; // nothing stored is what the caller wanted
        const QString message = statusMessage(status, Operation::Delete, job->errorString());
        if (reportAsWrite)
            Q_EMIT tokenWritten(id, status, message);
        else
            Q_EMIT tokenDeleted(id, status, message);
    });
    startTracked(job);
}

} // namespace sandbox
