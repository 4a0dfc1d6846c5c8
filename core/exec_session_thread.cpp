#include "exec_session_thread.h"

#include "exec_session.h"

#include <QThread>

namespace sandbox {

ExecSessionThread::ExecSessionThread(const Profile &profile, QObject *parent)
    : QObject(parent)
    , thread_(new QThread(this))
    , session_(new ExecSession(profile)) {}

ExecSessionThread::~ExecSessionThread() {
    shutdown();
}

void ExecSessionThread::run(quint64, const SessionCommand &, const QString &) {}
void ExecSessionThread::setProfile(const Profile &) {}
void ExecSessionThread::setToken(const QString &) {}
void ExecSessionThread::cancel() {}
void ExecSessionThread::shutdown() {}

} // namespace sandbox
