#pragma once

#include <map>
#include <string>

namespace sandbox {

// CPU time (user + system) this process's threads have used so far, summed by thread
// name (/proc/self/task/*/stat). A flood's cost per thread in CPU milliseconds holds
// still when the machine is shared, unlike its wall-clock rate.
class ThreadCpuTimes {
public:
    // Snapshot now. The main thread is listed as "main".
    static ThreadCpuTimes now();
    // Milliseconds a thread name used between `earlier` and this snapshot.
    double msSince(const ThreadCpuTimes &earlier, const std::string &name) const;

private:
    std::map<std::string, long long> ticks_; // name -> clock ticks
};

} // namespace sandbox
