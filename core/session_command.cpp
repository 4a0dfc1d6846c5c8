#include "session_command.h"

namespace sandbox {

ExecRequest SessionCommand::toExecRequest() const {
    ExecRequest request;
    request.argv.reserve(std::size_t(argv.size()));
    for (const QString &arg : argv)
        request.argv.push_back(arg.toStdString());
    if (image)
        request.overrides.image = image->toStdString();
    if (securityProfile)
        request.overrides.profile = securityProfile->toStdString();
    if (workdir)
        request.overrides.workdir = workdir->toStdString();
    request.overrides.env = env;
    request.overrides.deadline = timeout;
    return request;
}

} // namespace sandbox
