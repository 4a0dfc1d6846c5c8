#include "child_process.h"

#include <QTemporaryDir>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <iterator>
#include <map>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace sandbox::test {

ChildProcess::~ChildProcess() {
    killAndReap();
}

bool ChildProcess::spawn(const std::string &program, const std::vector<std::string> &args,
                         const EnvVars &env, const std::string &stdoutPath,
                         const std::string &stderrPath, std::string &error) {
    killAndReap();
    status_.reset();
    pid_ = -1;

    std::map<std::string, std::string> vars;
    for (char **e = environ; e && *e; ++e) {
        const std::string entry = *e;
        const auto eq = entry.find('=');
        if (eq != std::string::npos)
            vars[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
    vars.erase("SANDBOX_RUNNER_TOKEN");
    for (const auto &[key, value] : env)
        vars[key] = value;
    std::vector<std::string> envStrings;
    envStrings.reserve(vars.size());
    for (const auto &[key, value] : vars)
        envStrings.push_back(key + '=' + value);

    std::vector<char *> argv;
    argv.push_back(const_cast<char *>(program.c_str()));
    for (const std::string &a : args)
        argv.push_back(const_cast<char *>(a.c_str()));
    argv.push_back(nullptr);
    std::vector<char *> envp;
    for (std::string &s : envStrings)
        envp.push_back(s.data());
    envp.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, 2, stderrPath.c_str(), O_WRONLY | O_CREAT | O_APPEND,
                                     0600);

    // The child starts with default signal dispositions and nothing blocked, whatever
    // threads of this process (gRPC, gtest) did to theirs.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    for (int sig : {SIGTERM, SIGINT, SIGPIPE, SIGHUP, SIGCHLD})
        sigaddset(&defaults, sig);
    posix_spawnattr_setsigmask(&attr, &none);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);

    pid_t pid = -1;
    const int rc = posix_spawn(&pid, program.c_str(), &actions, &attr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    posix_spawnattr_destroy(&attr);
    if (rc != 0) {
        error = "cannot start " + program + ": " + std::strerror(rc);
        return false;
    }
    pid_ = pid;
    return true;
}

bool ChildProcess::poll() {
    if (pid_ <= 0)
        return true;
    if (status_)
        return true;
    int st = 0;
    const pid_t r = waitpid(pid_, &st, WNOHANG);
    if (r == pid_) {
        status_ = st;
        return true;
    }
    if (r < 0 && errno == ECHILD) {
        status_ = 0;
        return true;
    }
    return false;
}

bool ChildProcess::waitFor(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!poll()) {
        if (std::chrono::steady_clock::now() >= deadline)
            return false;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return true;
}

void ChildProcess::signal(int sig) {
    if (pid_ > 0 && !poll())
        ::kill(pid_, sig);
}

void ChildProcess::killAndReap() {
    if (pid_ <= 0 || poll())
        return;
    ::kill(pid_, SIGKILL);
    int st = 0;
    if (waitpid(pid_, &st, 0) == pid_)
        status_ = st;
    else
        status_ = 0;
}

ProcessResult ChildProcess::result() const {
    ProcessResult r;
    r.finished = status_.has_value();
    if (status_) {
        if (WIFEXITED(*status_))
            r.exitCode = WEXITSTATUS(*status_);
        else if (WIFSIGNALED(*status_))
            r.termSignal = WTERMSIG(*status_);
    }
    return r;
}

std::string ChildProcess::readFile(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

ProcessResult ChildProcess::run(const std::string &program, const std::vector<std::string> &args,
                                const EnvVars &env, std::chrono::milliseconds timeout) {
    ProcessResult r;
    QTemporaryDir dir;
    const std::string outPath = dir.filePath(QStringLiteral("stdout")).toStdString();
    const std::string errPath = dir.filePath(QStringLiteral("stderr")).toStdString();
    ChildProcess child;
    std::string error;
    if (!dir.isValid() || !child.spawn(program, args, env, outPath, errPath, error)) {
        r.err = error.empty() ? "cannot create a temporary directory" : error;
        return r;
    }
    const bool finished = child.waitFor(timeout);
    if (!finished)
        child.killAndReap();
    r = child.result();
    r.finished = finished;
    r.out = readFile(outPath);
    r.err = readFile(errPath);
    return r;
}

} // namespace sandbox::test
