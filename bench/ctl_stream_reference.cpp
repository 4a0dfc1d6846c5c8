#include "ctl_stream_reference.h"

#include "bench_stats.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
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
    struct rusage usage {};
    while (::wait4(pid, &status, 0, &usage) < 0) {
        if (errno != EINTR) {
            error = "sandboxctl stream: " + std::string(std::strerror(errno));
            return false;
        }
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
    peakRssMib = static_cast<double>(usage.ru_maxrss) / 1024.0; // ru_maxrss is in KiB
    return true;
}

} // namespace sandbox
