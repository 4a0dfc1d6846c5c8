#include "request_check.h"

#include "docker_command.h"

#include <unistd.h>

namespace sandbox::agent {

namespace {

bool hasNul(const std::string &text) {
    return text.find('\0') != std::string::npos;
}

std::optional<std::string> envProblem(const std::string &key, const std::string &value,
                                      Runtime runtime) {
    if (key.empty() || key.find('=') != std::string::npos || hasNul(key))
        return "env name \"" + key + "\" is not a valid variable name";
    if (hasNul(value))
        return "env " + key + " contains a NUL byte";
    if (runtime != Runtime::Docker)
        return std::nullopt;
    // docker reads the values from an env file: one KEY=VALUE per line, '#' starts a comment.
    if (key.find_first_of(" \t\r\n") != std::string::npos || key.front() == '#')
        return "env name \"" + key + "\" cannot be passed to docker";
    if (value.find('\n') != std::string::npos)
        return "env " + key + " contains a newline, which docker's --env-file cannot carry";
    return std::nullopt;
}

} // namespace

std::optional<std::string> RequestCheck::argumentListProblem(
    const workflow::plugin::external::sandbox::SandboxExecRequest &request) {
    size_t total = 0;
    size_t strings = 0;
    for (int i = 0; i < request.command_size(); ++i) {
        const size_t bytes = request.command(i).size() + 1;
        if (bytes > kMaxArgBytes)
            return "argument list too long (argument " + std::to_string(i) + " is " +
                   std::to_string(bytes) + " bytes; the kernel limit is " +
                   std::to_string(kMaxArgBytes) + " bytes per argument)";
        total += bytes;
        ++strings;
    }
    for (const auto &[key, value] : request.env()) {
        const size_t bytes = key.size() + value.size() + 2;
        if (bytes > kMaxArgBytes)
            return "argument list too long (env " + key + " is " + std::to_string(bytes) +
                   " bytes; the kernel limit is " + std::to_string(kMaxArgBytes) +
                   " bytes per variable)";
        total += bytes;
        ++strings;
    }
    total += (strings + 2) * sizeof(char *);
    const long limit = ::sysconf(_SC_ARG_MAX);
    if (limit > 0 && total > static_cast<size_t>(limit))
        return "argument list too long (" + std::to_string(total) +
               " bytes of arguments and env; the kernel limit is " + std::to_string(limit) +
               " bytes)";
    return std::nullopt;
}

std::optional<std::string>
RequestCheck::problem(const workflow::plugin::external::sandbox::SandboxExecRequest &request,
                      Runtime runtime) {
    if (request.command().empty() || request.command(0).empty())
        return "command must not be empty";
    if (request.image().empty())
        return "image must not be empty";
    for (const auto &[field, text] :
         {std::pair<const char *, const std::string &>{"workdir", request.workdir()},
          {"image", request.image()},
          {"profile", request.profile()}}) {
        if (hasNul(text))
            return std::string(field) + " must not contain NUL bytes";
    }
    if (runtime == Runtime::Docker) {
        if (auto bad = DockerCommand::checkImage(request.image()))
            return bad;
    }
    for (const auto &arg : request.command()) {
        if (hasNul(arg))
            return "command arguments must not contain NUL";
    }
    for (const auto &[key, value] : request.env()) {
        if (auto bad = envProblem(key, value, runtime))
            return bad;
    }
    return argumentListProblem(request);
}

} // namespace sandbox::agent
