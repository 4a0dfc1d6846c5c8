#pragma once

#include <string>

namespace sandbox::agent {

// Keeps the agent's token out of reach of anything else on the host: no core dumps or
// ptrace/proc-mem access by same-uid processes, and no copy left in the memory that
// /proc/PID/environ and /proc/PID/cmdline show.
class ProcessHardening {
public:
    // prctl(PR_SET_DUMPABLE, 0): /proc/PID/mem, environ and ptrace need root from now on.
    static void makeUndumpable();
    // Overwrites the value of --token/--token=VALUE in argv's memory and the value of
    // SANDBOX_RUNNER_TOKEN in the environ block, then removes that variable.
    static void scrubToken(int argc, char **argv);
};

} // namespace sandbox::agent
