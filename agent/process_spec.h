#pragma once

#include "security_profile.h"

#include <map>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace sandbox::agent {

// What to run on this host: argv (no shell), its exact environment, where, and its limits.
struct ProcessSpec {
    std::vector<std::string> argv;
    std::map<std::string, std::string> env; // the child's whole environment
    std::string workdir;                    // empty = the agent's working directory
    std::string searchPath;                 // PATH used to find argv[0] when it has no '/'
    HostLimits limits;
    // Bytes the child can read from fd 3 (bubblewrap's --args, docker's --env-file):
    // what must not appear on a command line or in the launcher's own environment.
    std::optional<std::string> fd3Data;
    // The child gets a pipe on fd 4 for bwrap's --info-fd; its "child-pid" (bubblewrap's init,
    // which outlives bwrap briefly and is then orphaned to the agent) is reaped at the end.
    bool infoPipeOnFd4 = false;
    // Run as this uid and gid (no supplementary groups); only possible for a root agent.
    std::optional<uid_t> runAs;
};

} // namespace sandbox::agent
