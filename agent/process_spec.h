#pragma once

#include "security_profile.h"

#include <map>
#include <string>
#include <vector>

namespace sandbox::agent {

// What to run on this host: argv (no shell), its exact environment, where, and its limits.
struct ProcessSpec {
    std::vector<std::string> argv;
    std::map<std::string, std::string> env; // the child's whole environment
    std::string workdir;                    // empty = the agent's working directory
    std::string searchPath;                 // PATH used to find argv[0] when it has no '/'
    HostLimits limits;
};

} // namespace sandbox::agent
