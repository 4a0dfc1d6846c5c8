#include "secret_job.h"

#include <QMetaObject>

namespace sandbox {

SecretJob::SecretJob(SecretOperation operation, const QUuid &profileId, QObject *parent)
    : QObject(parent)
    , operation_(operation)
    , profileId_(profileId) {}

SecretJob::~SecretJob() {
    token_.fill(u'\0');
}

void SecretJob::finish(SecretStatus status, const QString &message, const QString &token) {
    if (finished_)
        return;
    finished_ = true;
    status_ = status;
    message_ = message;
    token_ = status == SecretStatus::Ok ? token : QString();
    QMetaObject::invokeMethod(
        this,
        [this] {
            Q_EMIT finished(this);
            deleteLater();
        },
        Qt::QueuedConnection);
}

} // namespace sandbox
