#include "docker_command.h"

namespace sandbox::agent {

namespace {

const std::vector<std::string> kLimits = {"--memory", "256m",         "--cpus",
                                          "0.5",      "--pids-limit", "64"};

void append(std::vector<std::string> &to, const std::vector<std::string> &from) {
    to.insert(to.end(), from.begin(), from.end());
}

bool isDockerClientVariable(const std::string &name) {
    return name == "PATH" || name == "HOME" || name == "XDG_RUNTIME_DIR" ||
           name.rfind("DOCKER_", 0) == 0;
}

} // namespace

std::vector<std::string> DockerCommand::profileArgs(const SecurityProfile &profile) {
    std::vector<std::string> args;
    switch (profile.level()) {
    case SecurityProfile::Level::Strict:
        args = {"--network",   "none",           "--cap-drop",       "ALL",
                "--read-only", "--security-opt", "no-new-privileges"};
        append(args, kLimits);
        append(args, {"--tmpfs", "/tmp:rw,noexec,nosuid,size=64m"});
        break;
    case SecurityProfile::Level::Standard:
        args = {"--network",  "bridge",           "--cap-drop",     "NET_ADMIN",
                "--cap-drop", "SYS_ADMIN",        "--cap-drop",     "SYS_PTRACE",
                "--cap-drop", "SETUID",           "--cap-drop",     "SETGID",
                "--cap-add",  "NET_BIND_SERVICE", "--security-opt", "no-new-privileges"};
        append(args, kLimits);
        break;
    case SecurityProfile::Level::Permissive:
        args = {"--network", "bridge"};
        break;
    }
    return args;
}

std::vector<std::string> DockerCommand::argv(const Request &request) {
    std::vector<std::string> args = {"docker", "run", "--rm", "-i"};
    append(args, profileArgs(request.profile));
    // Values travel in an in-memory file on fd 3: never on docker's command line, and never in
    // the docker CLI's own environment (DOCKER_HOST or PATH from a request would steer it).
    if (!request.env.empty())
        append(args, {"--env-file", "/dev/fd/3"});
    if (!request.workdir.empty())
        append(args, {"-w", request.workdir});
    args.push_back(request.image);
    append(args, request.command);
    return args;
}

ProcessSpec DockerCommand::processSpec(const Request &request,
                                       const std::map<std::string, std::string> &agentEnv) {
    ProcessSpec spec;
    spec.argv = argv(request);
    for (const auto &[name, value] : agentEnv) {
        if (isDockerClientVariable(name))
            spec.env[name] = value;
    }
    // The agent's PATH finds docker; the requested env is what the container sees.
    spec.searchPath = spec.env.count("PATH") ? spec.env["PATH"] : "/usr/local/bin:/usr/bin:/bin";
    if (!request.env.empty())
        spec.fd3Data = envFile(request.env);
    // The container enforces the profile; the client process only gets the timeout.
    spec.limits.timeout = request.profile.hostLimits().timeout;
    return spec;
}

std::string DockerCommand::envFile(const std::map<std::string, std::string> &env) {
    std::string text;
    for (const auto &[name, value] : env)
        text += name + "=" + value + "\n";
    return text;
}

std::optional<std::string> DockerCommand::checkImage(const std::string &image) {
    if (image.empty())
        return "image must not be empty";
    if (image.front() == '-')
        return "image \"" + image + "\" is not a valid image reference";
    return std::nullopt;
}

} // namespace sandbox::agent
