#pragma once

#include "process_spec.h"
#include "security_profile.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sandbox::agent {

// Maps an exec onto `docker run --rm -i` with the reference container settings of each
// security profile (wire contract item 8). Env values never appear on docker's command line:
// it gets `-e NAME` only and reads the value from its own environment.
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
    // What the host runtime runs: docker, with the requested env added to the variables the
    // docker CLI itself needs (PATH, HOME, DOCKER_*), taken from `agentEnv`.
    static ProcessSpec processSpec(const Request &request,
                                   const std::map<std::string, std::string> &agentEnv);
    // An image reference docker would misread as an option, or empty; nullopt when fine.
    static std::optional<std::string> checkImage(const std::string &image);
};

} // namespace sandbox::agent
