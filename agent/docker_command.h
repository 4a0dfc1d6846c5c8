#pragma once

#include "process_spec.h"
#include "security_profile.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sandbox::agent {

// Maps an exec onto `docker run --rm -i` with the reference container settings of each
// security profile (wire contract item 8). Env values never appear on docker's command line
// nor in the CLI's environment: docker reads them with --env-file from fd 3.
class DockerCommand {
public:
    struct Request {
        std::string image;
        std::vector<std::string> command;
        std::map<std::string, std::string> env;
        std::string workdir;
        SecurityProfile profile = SecurityProfile::clamp("standard");
    };

    // The container settings of a profile, as docker run options.
    static std::vector<std::string> profileArgs(const SecurityProfile &profile);
    // The whole argv, starting with "docker".
    static std::vector<std::string> argv(const Request &request);
    // What the agent runs: docker, with only the variables the docker CLI itself needs (PATH,
    // HOME, DOCKER_*) taken from `agentEnv`, and the requested env as the fd 3 env file.
    static ProcessSpec processSpec(const Request &request,
                                   const std::map<std::string, std::string> &agentEnv);
    // KEY=VALUE lines for --env-file (values checked free of newlines beforehand).
    static std::string envFile(const std::map<std::string, std::string> &env);
    // An image reference docker would misread as an option, or empty; nullopt when fine.
    static std::optional<std::string> checkImage(const std::string &image);
};

} // namespace sandbox::agent
