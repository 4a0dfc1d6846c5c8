#include "exec_session.h"

#include "remote_runner.h"

namespace sandbox {

ExecSession::ExecSession(const Profile &profile, QObject *parent)
    : QObject(parent)
    , profile_(profile)
    , cancellation_(std::make_shared<ExecCancellation>()) {
    registerMetaTypes();
}

ExecSession::~ExecSession() = default;

void ExecSession::registerMetaTypes() {}
void ExecSession::cancel() {}
Profile ExecSession::profile() const {
    return profile_;
}
void ExecSession::run(quint64, const SessionCommand &) {}
void ExecSession::runWithToken(quint64, const SessionCommand &, const QString &) {}
void ExecSession::setToken(const QString &) {}
void ExecSession::setProfile(const Profile &) {}

} // namespace sandbox
