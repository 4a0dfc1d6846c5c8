#include "child_launch.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sandbox::agent {

namespace {

// RLIMIT_NPROC counts every task of the user, not of this sandbox; to allow "N more
// processes" the cap is what the user already runs plus N. Root ignores the limit anyway.
rlim_t userTaskCount() {
    rlim_t count = 0;
    DIR *proc = ::opendir("/proc");
    if (proc == nullptr)
        return 0;
    const uid_t uid = ::getuid();
    while (const dirent *entry = ::readdir(proc)) {
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9')
            continue;
        struct stat st {};
        const std::string tasks = std::string("/proc/") + entry->d_name + "/task";
        if (::stat(tasks.c_str(), &st) == 0 && st.st_uid == uid && st.st_nlink > 2)
            count += st.st_nlink - 2;
    }
    ::closedir(proc);
    return count;
}

} // namespace

ChildLaunch::ChildLaunch(const ProcessSpec &spec)
    : argvStore_(spec.argv)
    , workdir_(spec.workdir) {
    for (const auto &[key, value] : spec.env)
        envStore_.push_back(key + "=" + value);
    const std::string &program = argvStore_.front();
    if (program.find('/') != std::string::npos) {
        candidates_.push_back(program);
    } else {
        size_t start = 0;
        for (;;) {
            const size_t end = spec.searchPath.find(':', start);
            std::string dir = spec.searchPath.substr(start, end - start);
            candidates_.push_back((dir.empty() ? "." : dir) + "/" + program);
            if (end == std::string::npos)
                break;
            start = end + 1;
        }
    }
    argv_ = pointers(argvStore_);
    envp_ = pointers(envStore_);
    notFound_ = "sandbox-agent: " + program + ": command not found\n";
    notExecutable_ = "sandbox-agent: " + program + ": cannot execute\n";
    prepareLimits(spec.limits);
}

std::vector<char *> ChildLaunch::pointers(std::vector<std::string> &strings) {
    std::vector<char *> out;
    for (auto &s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

void ChildLaunch::prepareLimits(const HostLimits &limits) {
    auto add = [this](int resource, rlim_t wanted, rlim_t hardExtra) {
        rlimit current{};
        ::getrlimit(resource, &current);
        rlimit value{wanted, wanted + hardExtra};
        if (current.rlim_max != RLIM_INFINITY && value.rlim_max > current.rlim_max)
            value.rlim_max = current.rlim_max;
        if (value.rlim_cur > value.rlim_max)
            value.rlim_cur = value.rlim_max;
        limits_.push_back({resource, value});
    };
    add(RLIMIT_CORE, 0, 0);
    if (limits.cpuSeconds > 0)
        add(RLIMIT_CPU, limits.cpuSeconds, 1); // SIGXCPU at the soft cap, SIGKILL a second later
    if (limits.addressSpaceBytes > 0)
        add(RLIMIT_AS, limits.addressSpaceBytes, 0);
    if (limits.processes > 0) {
        const rlim_t base = ::getuid() == 0 ? 0 : userTaskCount();
        add(RLIMIT_NPROC, base + limits.processes, 0);
    }
}

void ChildLaunch::writeError(const std::string &message) const noexcept {
    [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, message.data(), message.size());
}

void ChildLaunch::execInChild(int stdoutFd, int stderrFd) const noexcept {
    sigset_t all;
    ::sigfillset(&all);
    ::pthread_sigmask(SIG_UNBLOCK, &all, nullptr);
    struct sigaction dfl {};
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; ++sig)
        ::sigaction(sig, &dfl, nullptr); // fails harmlessly for SIGKILL/SIGSTOP
    ::setsid();
    const int devNull = ::open("/dev/null", O_RDONLY);
    if (devNull < 0 || ::dup2(devNull, STDIN_FILENO) < 0 || ::dup2(stdoutFd, STDOUT_FILENO) < 0 ||
        ::dup2(stderrFd, STDERR_FILENO) < 0)
        ::_exit(126);
    ::close_range(3, ~0U, 0); // pipes, listening sockets, anything else the agent holds
    if (!workdir_.empty() && ::chdir(workdir_.c_str()) != 0) {
        writeError("sandbox-agent: cannot change to the workdir\n");
        ::_exit(126);
    }
    for (const Limit &limit : limits_)
        ::setrlimit(limit.resource, &limit.value);
    bool denied = false;
    for (const std::string &path : candidates_) {
        ::execve(path.c_str(), argv_.data(), envp_.data());
        if (errno != ENOENT && errno != ENOTDIR)
            denied = true; // found but not runnable (permissions, format): 126 like a shell
        if (errno != ENOENT && errno != ENOTDIR && errno != EACCES)
            break;
    }
    writeError(denied ? notExecutable_ : notFound_);
    ::_exit(denied ? 126 : 127);
}

} // namespace sandbox::agent
