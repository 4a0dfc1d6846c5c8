#include "process_probe.h"

#include <QDir>

#include <cerrno>
#include <csignal>
#include <sstream>
#include <string>
#include <thread>

#include <fcntl.h>
#include <unistd.h>

namespace sandbox::test {

namespace {

struct Stat {
    bool ok = false;
    char state = '?';
    pid_t ppid = 0;
};

// Empty when the process is gone. Plain read(2): libstdc++'s filebuf throws when a process
// vanishes between open and read (ESRCH), which is exactly what these probes wait for.
std::string readProcFile(pid_t pid, const char *name) {
    const std::string path = "/proc/" + std::to_string(pid) + "/" + name;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    std::string text;
    char buffer[4096];
    ssize_t n = 0;
    while ((n = ::read(fd, buffer, sizeof buffer)) > 0)
        text.append(buffer, static_cast<std::size_t>(n));
    ::close(fd);
    return n < 0 ? std::string() : text;
}

// /proc/PID/stat: "pid (comm) state ppid ..."; comm may contain spaces and parentheses.
Stat readStat(pid_t pid) {
    const std::string text = readProcFile(pid, "stat");
    Stat s;
    const auto close = text.rfind(')');
    if (close == std::string::npos)
        return s;
    std::istringstream rest(text.substr(close + 1));
    rest >> s.state >> s.ppid;
    s.ok = static_cast<bool>(rest);
    return s;
}

bool poll(std::chrono::milliseconds bound, auto condition) {
    const auto deadline = std::chrono::steady_clock::now() + bound;
    while (!condition()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return true;
}

} // namespace

bool ProcessProbe::anyRuns(const std::string &cmdline) {
    return findRunning(cmdline) != 0;
}

pid_t ProcessProbe::findRunning(const std::string &cmdline) {
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &name : pids) {
        bool number = false;
        const pid_t pid = name.toInt(&number);
        if (number && readProcFile(pid, "cmdline") == cmdline && !gone(pid))
            return pid;
    }
    return 0;
}

bool ProcessProbe::blockedOnPipeWrite(pid_t pid) {
    // "pipe_write" on older kernels, "anon_pipe_write" on newer ones.
    return readStat(pid).state == 'S' &&
           readProcFile(pid, "wchan").find("pipe_write") != std::string::npos;
}

bool ProcessProbe::waitUntilNoneRuns(const std::string &cmdline, std::chrono::milliseconds bound) {
    return poll(bound, [&] { return !anyRuns(cmdline); });
}

bool ProcessProbe::gone(pid_t pid) {
    if (::kill(pid, 0) != 0 && errno == ESRCH)
        return true;
    const Stat s = readStat(pid);
    return !s.ok || s.state == 'Z' || s.state == 'X';
}

bool ProcessProbe::waitUntilGone(pid_t pid, std::chrono::milliseconds bound) {
    return poll(bound, [pid] { return gone(pid); });
}

long ProcessProbe::residentKiB(pid_t pid) {
    std::istringstream in(readProcFile(pid, "status"));
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    }
    return 0;
}

std::vector<pid_t> ProcessProbe::zombieChildren(pid_t parent) {
    std::vector<pid_t> zombies;
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool isPid = false;
        const int pid = entry.toInt(&isPid);
        if (!isPid)
            continue;
        const Stat s = readStat(pid);
        if (s.ok && s.ppid == parent && s.state == 'Z')
            zombies.push_back(pid);
    }
    return zombies;
}

namespace {

// The last number of the "NSpid:" line of /proc/PID/status, or 0.
pid_t innermostPid(pid_t pid) {
    std::istringstream in(readProcFile(pid, "status"));
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("NSpid:", 0) != 0)
            continue;
        std::istringstream ids(line.substr(6));
        pid_t last = 0;
        for (pid_t id = 0; ids >> id;)
            last = id;
        return last;
    }
    return 0;
}

bool descendsFrom(pid_t pid, pid_t ancestor) {
    for (int depth = 0; depth < 64 && pid > 1; ++depth) {
        const Stat s = readStat(pid);
        if (!s.ok)
            return false;
        if (s.ppid == ancestor)
            return true;
        pid = s.ppid;
    }
    return false;
}

} // namespace

pid_t ProcessProbe::hostPid(pid_t ancestor, pid_t nsPid) {
    const QStringList entries = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &entry : entries) {
        bool isPid = false;
        const int pid = entry.toInt(&isPid);
        if (isPid && innermostPid(pid) == nsPid && descendsFrom(pid, ancestor))
            return pid;
    }
    return 0;
}

bool ProcessProbe::waitUntilNoZombies(pid_t parent, std::chrono::milliseconds bound) {
    return poll(bound, [parent] { return zombieChildren(parent).empty(); });
}

} // namespace sandbox::test
