#include "child_launch.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <grp.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sandbox::agent {

namespace {

// RLIMIT_NPROC counts every task of the user, not of this sandbox; to allow "N more
// processes" the cap is what the user already runs plus N. Root ignores the limit anyway.
rlim_t userTaskCount(uid_t uid) {
    rlim_t count = 0;
    DIR *proc = ::opendir("/proc");
    if (proc == nullptr)
        return 0;
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
    , workdir_(spec.workdir)
    , runAs_(spec.runAs) {
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
    size_t bytes = 0;
    for (const auto &s : argvStore_)
        bytes += s.size() + 1;
    for (const auto &s : envStore_)
        bytes += s.size() + 1;
    tooLong_ = "sandbox-agent: " + program + ": argument list too long (" + std::to_string(bytes) +
               " bytes; the kernel limit is " + std::to_string(::sysconf(_SC_ARG_MAX)) +
               " bytes in total and 131072 per argument)\n";
    prepareLimits(spec.limits, spec.runAs.value_or(::getuid()));
    if (spec.fd3Data)
        prepareFd3(*spec.fd3Data);
}

ChildLaunch::~ChildLaunch() {
    if (fd3_ >= 0)
        ::close(fd3_);
}

// A sealed-off in-memory file: its contents never touch a disk or a command line.
void ChildLaunch::prepareFd3(const std::string &data) {
    fd3_ = ::memfd_create("sandbox-agent-fd3", MFD_CLOEXEC);
    if (fd3_ < 0) {
        setupError_ = std::string("cannot create an in-memory file: ") + std::strerror(errno);
        return;
    }
    size_t done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd3_, data.data() + done, data.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            setupError_ = std::string("cannot write an in-memory file: ") + std::strerror(errno);
            return;
        }
        done += static_cast<size_t>(n);
    }
    ::lseek(fd3_, 0, SEEK_SET);
}

std::vector<char *> ChildLaunch::pointers(std::vector<std::string> &strings) {
    std::vector<char *> out;
    for (auto &s : strings)
        out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

void ChildLaunch::prepareLimits(const HostLimits &limits, uid_t taskOwner) {
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
        // Root ignores the limit; bubblewrap adds two tasks of its own (outer and init).
        const rlim_t base = taskOwner == 0 ? 0 : userTaskCount(taskOwner) + 2;
        add(RLIMIT_NPROC, base + limits.processes, 0);
    }
}

void ChildLaunch::writeError(const std::string &message) const noexcept {
    [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, message.data(), message.size());
}

// The command must not hold the agent's rights: no groups, then gid, then uid (in that order,
// or the later calls are no longer permitted).
void ChildLaunch::dropPrivileges() const noexcept {
    const auto id = static_cast<gid_t>(*runAs_);
    if (::setgroups(0, nullptr) != 0 || ::setresgid(id, id, id) != 0 ||
        ::setresuid(*runAs_, *runAs_, *runAs_) != 0) {
        writeError("sandbox-agent: cannot switch to the sandbox user\n");
        ::_exit(126);
    }
}

void ChildLaunch::execInChild(int stdoutFd, int stderrFd, int infoFd) const noexcept {
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
    if (fd3_ >= 0) {
        if (fd3_ != 3 && ::dup2(fd3_, 3) < 0)
            ::_exit(126);
        ::fcntl(3, F_SETFD, 0); // dup2 onto itself keeps FD_CLOEXEC
    }
    // Pipes, listening sockets, anything else the agent holds.
    if (infoFd >= 0) {
        if (infoFd != 4 && ::dup2(infoFd, 4) < 0)
            ::_exit(126);
        ::fcntl(4, F_SETFD, 0);
    }
    ::close_range(infoFd >= 0 ? 5 : fd3_ >= 0 ? 4 : 3, ~0U, 0);
    if (!workdir_.empty() && ::chdir(workdir_.c_str()) != 0) {
        writeError("sandbox-agent: cannot change to the workdir\n");
        ::_exit(126);
    }
    for (const Limit &limit : limits_)
        ::setrlimit(limit.resource, &limit.value);
    if (runAs_)
        dropPrivileges();
    bool denied = false;
    for (const std::string &path : candidates_) {
        ::execve(path.c_str(), argv_.data(), envp_.data());
        if (errno == E2BIG) {
            writeError(tooLong_);
            ::_exit(126);
        }
        if (errno != ENOENT && errno != ENOTDIR)
            denied = true; // found but not runnable (permissions, format): 126 like a shell
        if (errno != ENOENT && errno != ENOTDIR && errno != EACCES)
            break;
    }
    writeError(denied ? notExecutable_ : notFound_);
    ::_exit(denied ? 126 : 127);
}

} // namespace sandbox::agent
