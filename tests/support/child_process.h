#pragma once

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sandbox::test {

using EnvVars = std::vector<std::pair<std::string, std::string>>;

// How a finished (or abandoned) child ended, with everything it printed.
struct ProcessResult {
    bool finished = false; // false: still running at the deadline, then killed
    int exitCode = -1;     // valid when exited normally
    int termSignal = 0;    // non-zero when killed by a signal
    std::string out;
    std::string err;
};

// A child process started with posix_spawn. Output goes to files, never pipes, so a child
// that prints a lot can never block on a test that is not reading. Usable from any thread.
class ChildProcess {
public:
    ChildProcess() = default;
    ~ChildProcess();
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    // The child inherits this process's environment minus SANDBOX_RUNNER_TOKEN (tests must
    // be hermetic), plus env (which overrides). stdin is /dev/null. stdoutPath is truncated;
    // stderr is appended to stderrPath so logs survive restarts.
    bool spawn(const std::string &program, const std::vector<std::string> &args, const EnvVars &env,
               const std::string &stdoutPath, const std::string &stderrPath, std::string &error);

    pid_t pid() const { return pid_; }
    bool running() const { return pid_ > 0 && !status_; }
    // Polls (reaps) without blocking; true once the child has ended.
    bool poll();
    // Waits at most timeout; true when the child ended.
    bool waitFor(std::chrono::milliseconds timeout);
    void signal(int sig);
    // SIGKILL and reap; safe to call when already finished.
    void killAndReap();
    // Raw wait status once finished.
    std::optional<int> status() const { return status_; }
    ProcessResult result() const;

    // Runs program to completion (bounded by timeout; killed after it), capturing output.
    static ProcessResult run(const std::string &program, const std::vector<std::string> &args,
                             const EnvVars &env = {},
                             std::chrono::milliseconds timeout = std::chrono::seconds(60));

    static std::string readFile(const std::string &path);

private:
    pid_t pid_ = -1;
    std::optional<int> status_;
};

} // namespace sandbox::test
