#pragma once

#include "child_process.h"

#include <QTemporaryDir>

#include <chrono>
#include <string>
#include <vector>

namespace sandbox::test {

// The real sandbox-agent binary (SANDBOX_AGENT_PATH), started on 127.0.0.1:0 unless the
// arguments give an --addr. start() waits, bounded, for its "listening on HOST:PORT" line.
// stderr is kept in a file across restarts so tests can check what the agent logged.
class AgentProcess {
public:
    AgentProcess();
    ~AgentProcess();
    AgentProcess(const AgentProcess &) = delete;
    AgentProcess &operator=(const AgentProcess &) = delete;

    static std::string binaryPath();

    // Returns false (and records a gtest failure naming the agent's stderr) when the agent
    // exits or does not announce itself within timeout.
    bool start(std::vector<std::string> args, EnvVars env = {},
               std::chrono::milliseconds timeout = std::chrono::seconds(30));
    // SIGTERM, then waits (bounded); SIGKILL if it does not exit. True if it exited by itself.
    bool stop(std::chrono::milliseconds timeout = std::chrono::seconds(20));
    // SIGKILL, as if the agent crashed.
    void kill();
    // Stops (if running) and starts again with the same arguments on the same port.
    bool restart(std::chrono::milliseconds timeout = std::chrono::seconds(30));

    bool running() const;
    pid_t pid() const { return child_.pid(); }
    const std::string &host() const { return host_; }
    int port() const { return port_; }
    std::string address() const { return host_ + ':' + std::to_string(port_); }
    // Everything the agent wrote to stderr so far, across restarts.
    std::string stderrText() const;
    // The wait status of the last run once it ended.
    ProcessResult lastResult() const { return child_.result(); }

private:
    enum class Launch { Ready, ExitedEarly, Failed };
    // report: record a gtest failure when the agent does not become ready.
    Launch launch(const std::vector<std::string> &args, std::chrono::milliseconds timeout,
                  bool report);

    QTemporaryDir dir_;
    mutable ChildProcess child_;
    std::vector<std::string> args_;
    EnvVars env_;
    std::string host_;
    int port_ = 0;
    int launches_ = 0;
};

} // namespace sandbox::test
