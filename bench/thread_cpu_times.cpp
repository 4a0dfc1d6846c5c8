#include "thread_cpu_times.h"

#include <dirent.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace sandbox {

namespace {

// utime + stime of one /proc/self/task/TID/stat line, and the thread's name.
bool readTask(const std::string &tid, std::string &name, long long &ticks) {
    std::ifstream in("/proc/self/task/" + tid + "/stat");
    std::string line;
    if (!std::getline(in, line))
        return false;
    const auto open = line.find('(');
    const auto close = line.rfind(')');
    if (open == std::string::npos || close == std::string::npos || close < open)
        return false;
    name = line.substr(open + 1, close - open - 1);
    std::istringstream fields(line.substr(close + 2));
    std::string skip;
    for (int i = 0; i < 11; ++i) // state ... cmajflt: fields 3 to 13
        fields >> skip;
    long long utime = 0;
    long long stime = 0;
    fields >> utime >> stime;
    ticks = utime + stime;
    return bool(fields);
}

} // namespace

ThreadCpuTimes ThreadCpuTimes::now() {
    ThreadCpuTimes times;
    const std::string self = std::to_string(getpid());
    DIR *dir = opendir("/proc/self/task");
    if (!dir)
        return times;
    while (const dirent *entry = readdir(dir)) {
        if (entry->d_name[0] == '.')
            continue;
        std::string name;
        long long ticks = 0;
        if (!readTask(entry->d_name, name, ticks))
            continue;
        times.ticks_[entry->d_name == self ? std::string("main") : name] += ticks;
    }
    closedir(dir);
    return times;
}

double ThreadCpuTimes::msSince(const ThreadCpuTimes &earlier, const std::string &name) const {
    const auto later = ticks_.find(name);
    const auto before = earlier.ticks_.find(name);
    const long long delta = (later == ticks_.end() ? 0 : later->second) -
                            (before == earlier.ticks_.end() ? 0 : before->second);
    return double(delta) * 1000.0 / double(sysconf(_SC_CLK_TCK));
}

} // namespace sandbox
