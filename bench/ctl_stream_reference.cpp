#include "ctl_stream_reference.h"

#include "bench_stats.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <vector>

extern char **environ;

namespace sandbox {

namespace {

constexpr const char *kTokenVariable = "SANDBOX_BENCH_TOKEN";

std::vector<std::string> childEnvironment(const std::string &token) {
    std::vector<std::string> env;
    const std::string prefix = std::string(kTokenVariable) + "=";
    for (char **entry = environ; *entry; ++entry) {
        if (std::strncmp(*entry, prefix.c_str(), prefix.size()) != 0)
            env.emplace_back(*entry);
    }
    env.push_back(prefix + token);
    return env;
}

std::vector<char *> pointers(std::vector<std::string> &strings) {
    std::vector<char *> list;
    for (auto &s : strings)
        list.push_back(s.data());
    list.push_back(nullptr);
    return list;
}

// The child's VmHWM: the peak RSS of its own program. wait4's ru_maxrss would not do: a
// child started by posix_spawn (vfork) carries the bench's own high-water mark over exec.
double highWaterKib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmHWM:", 0) == 0)
            return std::strtod(line.c_str() + 6, nullptr);
    }
    return 0;
}

} // namespace

bool CtlStreamReference::run(std::uint64_t bytes, double &mibS, double &peakRssMib,
                             std::string &error) const {
    std::vector<std::string> argv = {setup_.ctlPath, "exec",
                                     "--addr",       setup_.address,
                                     "--ca",         setup_.caFile,
                                     "--cert",       setup_.certFile,
                                     "--key",        setup_.keyFile,
                                     "--token-env",  kTokenVariable,
                                     "--image",      "bench",
                                     "--",           "head",
                                     "-c",           std::to_string(bytes),
                                     "/dev/zero"};
    std::vector<std::string> env = childEnvironment(setup_.token);
    std::vector<char *> args = pointers(argv);
    std::vector<char *> envp = pointers(env);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    const auto start = BenchStats::Clock::now();
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, args[0], &actions, nullptr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) {
        error = "cannot start " + setup_.ctlPath + ": " + std::strerror(rc);
        return false;
    }
    int status = 0;
    double peakKib = 0;
    for (;;) {
        const pid_t done = ::waitpid(pid, &status, WNOHANG);
        if (done == pid)
            break;
        if (done < 0 && errno != EINTR) {
            error = "sandboxctl stream: " + std::string(std::strerror(errno));
            return false;
        }
        peakKib = std::max(peakKib, highWaterKib(pid));
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    const double ms = BenchStats::msSince(start);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        error = "sandboxctl stream: " +
                (WIFEXITED(status) ? "exit " + std::to_string(WEXITSTATUS(status))
                                   : "signal " + std::to_string(WTERMSIG(status))) +
                " (its stderr is above)";
        return false;
    }
    mibS = BenchStats::mibPerSecond(bytes, ms);
    peakRssMib = peakKib / 1024.0;
    return true;
}

} // namespace sandbox
