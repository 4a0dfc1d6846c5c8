#include "exec_session_thread.h"

#include "exec_session.h"
#include "transcript_feed.h"

#include <QMetaObject>
#include <QThread>

namespace sandbox {

ExecSessionThread::ExecSessionThread(const Profile &profile, std::shared_ptr<TranscriptFeed> feed,
                                     QObject *parent)
    : QObject(parent)
    , thread_(new QThread(this))
    , session_(new ExecSession(profile, std::move(feed))) {
    thread_->setObjectName(QStringLiteral("exec-") + profile.name);
    session_->moveToThread(thread_);
    // The session (and its runner and token) is destroyed on its own thread as it ends.
    connect(thread_, &QThread::finished, session_.data(), &QObject::deleteLater);
    connect(thread_, &QThread::started, session_.data(), &TranscriptFeed::yieldToTheGui,
            Qt::DirectConnection);
    thread_->start();
}

ExecSessionThread::~ExecSessionThread() {
    shutdown();
}

void ExecSessionThread::run(quint64 commandId, const SessionCommand &command, const QString &token,
                            std::function<void()> onWorker) {
    if (!session_ || !thread_->isRunning())
        return;
    ExecSession *session = session_.data();
    session->notePending();
    QMetaObject::invokeMethod(
        session,
        [session, commandId, command, token, onWorker] {
            if (onWorker)
                onWorker();
            session->runWithToken(commandId, command, token);
        },
        Qt::QueuedConnection);
}

void ExecSessionThread::setProfile(const Profile &profile) {
    if (!session_)
        return;
    thread_->setObjectName(QStringLiteral("exec-") + profile.name);
    ExecSession *session = session_.data();
    QMetaObject::invokeMethod(
        session, [session, profile] { session->setProfile(profile); }, Qt::QueuedConnection);
}

void ExecSessionThread::cancel() {
    if (session_)
        session_->cancel();
}

void ExecSessionThread::shutdown() {
    if (!thread_->isRunning())
        return;
    cancel();
    thread_->quit();
    thread_->wait();
}

} // namespace sandbox
