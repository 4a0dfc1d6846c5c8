#pragma once

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace sandbox::test {

// Looks at processes the way a user would with ps: is it still there, what is left behind.
class ProcessProbe {
public:
    // True when pid no longer runs: gone, or a zombie waiting for a non-reaping init
    // (in a container PID 1 may never reap the orphans it inherits).
    static bool gone(pid_t pid);
    // Polls gone(pid) for at most bound; true once it is gone.
    static bool waitUntilGone(pid_t pid, std::chrono::milliseconds bound);
    // Resident memory (VmRSS) of pid in KiB; 0 when unknown.
    static long residentKiB(pid_t pid);
    // Zombie children of parent (ones it has not reaped).
    static std::vector<pid_t> zombieChildren(pid_t parent);
    // The host pid of the descendant of ancestor whose pid in its own (innermost) pid
    // namespace is nsPid: what a sandboxed `echo $$` printed, as the host sees it. 0 if none.
    static pid_t hostPid(pid_t ancestor, pid_t nsPid);
    // True while some live process runs exactly this argv (its /proc/PID/cmdline: the
    // arguments, each followed by a NUL). Give commands a unique argument to find them.
    static bool anyRuns(const std::string &cmdline);
    // A live process running exactly this argv (as anyRuns), or 0.
    static pid_t findRunning(const std::string &cmdline);
    // True while pid sleeps writing into a full pipe (its wait channel, /proc/PID/wchan):
    // the reader stopped reading.
    static bool blockedOnPipeWrite(pid_t pid);
    // Polls anyRuns(cmdline) for at most bound; true once none runs.
    static bool waitUntilNoneRuns(const std::string &cmdline, std::chrono::milliseconds bound);
    // Polls until parent has no zombie children, for at most bound; true when it has none.
    static bool waitUntilNoZombies(pid_t parent, std::chrono::milliseconds bound);
};

} // namespace sandbox::test
