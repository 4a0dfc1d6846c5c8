#include "host_process.h"

#include "child_launch.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <mutex>
#include <optional>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace sandbox::agent {

namespace {

using Clock = std::chrono::steady_clock;
constexpr int kPollMs = 50; // how often cancellation and the timeout are checked
constexpr int kPipeBytes = 1024 * 1024;

// Orphans of a command (e.g. `sleep 100 &` in a shell) are reparented to us instead of init,
// so killAndReapGroup() can reap them: init may not reap zombies in containers.
void becomeSubreaper() {
    static std::once_flag once;
    std::call_once(once, [] { ::prctl(PR_SET_CHILD_SUBREAPER, 1); });
}

int openPidFd(pid_t pid) {
#ifdef SYS_pidfd_open
    return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
#else
    (void)pid;
    return -1;
#endif
}

std::optional<HostProcess::SpawnError> checkWorkdir(const std::string &workdir) {
    if (workdir.empty())
        return std::nullopt;
    struct stat st {};
    if (::stat(workdir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        return HostProcess::SpawnError{true, "workdir \"" + workdir +
                                                 "\" does not exist "
                                                 "or is not a directory"};
    return std::nullopt;
}

} // namespace

std::unique_ptr<HostProcess> HostProcess::spawn(const ProcessSpec &spec, SpawnError *error) {
    if (spec.argv.empty() || spec.argv.front().empty()) {
        *error = {true, "command must not be empty"};
        return nullptr;
    }
    if (auto bad = checkWorkdir(spec.workdir)) {
        *error = *bad;
        return nullptr;
    }
    becomeSubreaper();
    const ChildLaunch launch(spec);
    if (!launch.ok()) {
        *error = {false, launch.setupError()};
        return nullptr;
    }
    int out[2];
    int err[2];
    if (::pipe2(out, O_CLOEXEC) != 0) {
        *error = {false, std::string("cannot create a pipe: ") + std::strerror(errno)};
        return nullptr;
    }
    if (::pipe2(err, O_CLOEXEC) != 0) {
        *error = {false, std::string("cannot create a pipe: ") + std::strerror(errno)};
        ::close(out[0]);
        ::close(out[1]);
        return nullptr;
    }
    int info[2] = {-1, -1};
    if (spec.infoPipeOnFd4 && ::pipe2(info, O_CLOEXEC | O_NONBLOCK) != 0)
        info[0] = info[1] = -1;
    const int epollFd = watchPipes(out[0], err[0]);
    const pid_t pid = ::fork();
    if (pid == 0)
        launch.execInChild(out[1], err[1], info[1]);
    const int forkErrno = errno;
    ::close(out[1]);
    ::close(err[1]);
    if (info[1] >= 0)
        ::close(info[1]);
    if (pid < 0) {
        ::close(out[0]);
        ::close(err[0]);
        if (info[0] >= 0)
            ::close(info[0]);
        if (epollFd >= 0)
            ::close(epollFd);
        *error = {false, std::string("cannot start the command: ") + std::strerror(forkErrno)};
        return nullptr;
    }
    auto process = std::unique_ptr<HostProcess>(
        new HostProcess(pid, out[0], err[0], epollFd, spec.limits.timeout));
    process->infoFd_ = info[0];
    return process;
}

// One epoll set for both pipes, edge-triggered: the kernel lists pipes in the order they
// became readable, which poll() cannot tell when both are ready at once. Made before the
// child starts: a pipe that already holds output when it is added is listed at once, so
// adding them after a quick child had written to both would list them in the order added.
int HostProcess::watchPipes(int stdoutFd, int stderrFd) {
    // A larger pipe lets the command run ahead while a chunk is in flight; still bounded.
    ::fcntl(stdoutFd, F_SETPIPE_SZ, kPipeBytes);
    ::fcntl(stdoutFd, F_SETFL, ::fcntl(stdoutFd, F_GETFL) | O_NONBLOCK);
    ::fcntl(stderrFd, F_SETFL, ::fcntl(stderrFd, F_GETFL) | O_NONBLOCK);
    const int epollFd = ::epoll_create1(EPOLL_CLOEXEC);
    if (epollFd >= 0) {
        watch(epollFd, stdoutFd, kStdoutTag, EPOLLIN | EPOLLET);
        watch(epollFd, stderrFd, kStderrTag, EPOLLIN | EPOLLET);
    }
    return epollFd;
}

void HostProcess::watch(int epollFd, int fd, std::uint32_t tag, std::uint32_t events) {
    epoll_event ev{};
    ev.events = events;
    ev.data.u32 = tag;
    if (fd >= 0 && epollFd >= 0)
        ::epoll_ctl(epollFd, EPOLL_CTL_ADD, fd, &ev);
}

HostProcess::HostProcess(pid_t pid, int stdoutFd, int stderrFd, int epollFd,
                         std::chrono::milliseconds timeout)
    : pid_(pid)
    , stdoutFd_(stdoutFd)
    , stderrFd_(stderrFd)
    , pidFd_(openPidFd(pid))
    , epollFd_(epollFd)
    , timeout_(timeout) {
    watch(epollFd_, pidFd_, kPidTag, EPOLLIN);
}

HostProcess::~HostProcess() {
    if (!reaped_)
        killAndReapGroup();
    closeFd(stdoutFd_);
    closeFd(stderrFd_);
    closeFd(pidFd_);
    closeFd(infoFd_);
    closeFd(epollFd_);
}

void HostProcess::closeFd(int &fd) {
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

// Notices the end of the command without reaping it: the zombie keeps the process group id
// reserved until the rest of the group is killed.
bool HostProcess::pollExited() {
    if (exited_)
        return true;
    siginfo_t info{};
    if (::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) != 0 ||
        info.si_pid != pid_)
        return false;
    exited_ = true;
    exitCode_ = info.si_code == CLD_EXITED ? info.si_status : 128 + info.si_status;
    return true;
}

bool HostProcess::readChunk(int &fd, OutputStream stream, const OutputWriter &write,
                            Outcome &outcome) {
    // buffer_ keeps its full size from read to read: a chatty program leaves a few KiB in
    // the pipe per read, and zero-filling a fresh 256 KiB for each (plus its page faults)
    // cost the agent more than the read.
    if (buffer_.size() != kMaxChunk)
        buffer_.resize(kMaxChunk);
    const ssize_t n = ::read(fd, buffer_.data(), kMaxChunk);
    if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
        closeFd(fd);
        return false;
    }
    if (n < 0)
        return false;
    const auto size = static_cast<size_t>(n);
    // A mostly full buffer goes on as it is (the writer may take it); a smaller read is
    // copied into a buffer of its own size, so a queued chunk holds what it carries.
    const bool mostlyFull = size * 2 >= kMaxChunk;
    if (mostlyFull)
        buffer_.resize(size);
    else
        chunk_.assign(buffer_.data(), size);
    std::string &chunk = mostlyFull ? buffer_ : chunk_;
    if (!writerGone_) {
        if (write(stream, chunk))
            outcome.bytesOut += static_cast<std::uint64_t>(n);
        else
            writerGone_ = true;
    }
    return true;
}

// Appends the pipes that became readable, in the kernel's order, to ready_ (a pipe already
// queued keeps its place).
void HostProcess::collectReady(int waitMs) {
    const bool pipesOpen = stdoutFd_ >= 0 || stderrFd_ >= 0;
    if (!pipesOpen && pidFd_ < 0)
        waitMs = std::min(waitMs, 5); // nothing to wake us: check the child often
    epoll_event events[3];
    const int n = epollFd_ >= 0 ? ::epoll_wait(epollFd_, events, 3, waitMs) : 0;
    if (epollFd_ < 0 && waitMs > 0)
        std::this_thread::sleep_for(std::chrono::milliseconds(waitMs));
    for (int i = 0; i < n; ++i) {
        if (events[i].data.u32 == kPidTag)
            continue; // only wakes us; pollExited() looks
        const auto stream =
            events[i].data.u32 == kStdoutTag ? OutputStream::Stdout : OutputStream::Stderr;
        if (std::find(ready_.begin(), ready_.end(), stream) == ready_.end())
            ready_.push_back(stream);
    }
}

// Forwards one chunk of the pipe that became readable first. A pipe that gave data may hold
// more (edge-triggered epoll will not say so again): it goes to the back, so a flood on one
// stream cannot starve the other.
void HostProcess::forwardNext(const OutputWriter &write, Outcome &outcome) {
    const OutputStream stream = ready_.front();
    ready_.pop_front();
    int &fd = stream == OutputStream::Stdout ? stdoutFd_ : stderrFd_;
    if (fd >= 0 && readChunk(fd, stream, write, outcome))
        ready_.push_back(stream);
}

// Waits up to waitMs for output or the end of the command, and forwards one chunk.
void HostProcess::pumpOnce(const OutputWriter &write, Outcome &outcome, int waitMs) {
    collectReady(ready_.empty() ? waitMs : 0);
    if (!ready_.empty())
        forwardNext(write, outcome);
}

// After the command ended: forward what it left in the pipes, still in the order it became
// readable. Bounded, in case something outside the process group keeps writing.
void HostProcess::drain(const OutputWriter &write, Outcome &outcome) {
    for (int i = 0; i < 256; ++i) {
        collectReady(0);
        if (ready_.empty())
            return;
        forwardNext(write, outcome);
    }
}

void HostProcess::beginTermination() {
    if (termSent_)
        return;
    termSent_ = true;
    termSentAt_ = Clock::now();
    ::kill(-pid_, SIGTERM);
}

void HostProcess::escalate() {
    if (termSent_ && Clock::now() - termSentAt_ >= kKillGrace)
        ::kill(-pid_, SIGKILL);
}

HostProcess::Outcome HostProcess::run(const OutputWriter &write, const CancelCheck &cancelled) {
    Outcome outcome;
    const auto deadline = Clock::now() + timeout_;
    while (!pollExited()) {
        if (!outcome.cancelled && (writerGone_ || cancelled())) {
            outcome.cancelled = true;
            beginTermination();
        }
        if (!termSent_ && timeout_.count() > 0 && Clock::now() >= deadline) {
            outcome.timedOut = true;
            beginTermination();
        }
        escalate();
        pumpOnce(write, outcome, kPollMs);
    }
    ::kill(-pid_, SIGKILL); // background leftovers go with the command, as in a container
    drain(write, outcome);
    if (outcome.timedOut && !writerGone_) {
        std::string note = "sandbox-agent: timed out after " +
                           std::to_string(timeout_.count() / 1000) +
                           " s; the process group was killed\n";
        write(OutputStream::Stderr, note);
    }
    killAndReapGroup();
    outcome.exitCode = exitCode_;
    return outcome;
}

// Kills whatever is left of the group (background children, or everything when the command
// never ended), then reaps the leader and any orphans reparented to us. Bounded, never hangs.
void HostProcess::killAndReapGroup() {
    ::kill(-pid_, SIGKILL);
    int status = 0;
    if (::waitpid(pid_, &status, 0) == pid_ && !exited_) {
        exited_ = true;
        exitCode_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    reaped_ = true;
    reapBwrapInit();
    const auto giveUp = Clock::now() + std::chrono::seconds(2);
    while (Clock::now() < giveUp) {
        while (::waitpid(-pid_, nullptr, WNOHANG) > 0) {
        }
        if (::kill(-pid_, 0) != 0 && errno == ESRCH)
            return;
        ::kill(-pid_, SIGKILL);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

// bwrap exits as soon as its init reports the command's status; the init, orphaned to us
// (the subreaper), dies right after (or by --die-with-parent). Reap it by the pid bwrap told.
void HostProcess::reapBwrapInit() {
    if (infoFd_ < 0)
        return;
    char buffer[512];
    const ssize_t n = ::read(infoFd_, buffer, sizeof buffer - 1);
    closeFd(infoFd_);
    if (n <= 0)
        return;
    buffer[n] = '\0';
    const char *key = std::strstr(buffer, "\"child-pid\"");
    const char *digits = key ? std::strpbrk(key + 11, "0123456789") : nullptr;
    const pid_t init = digits ? static_cast<pid_t>(std::strtol(digits, nullptr, 10)) : 0;
    if (init > 0)
        ::waitpid(init, nullptr, 0);
}

} // namespace sandbox::agent
