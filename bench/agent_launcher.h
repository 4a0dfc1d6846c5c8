#pragma once

#include <QProcess>

#include <string>
#include <vector>

namespace sandbox {

// Runs a sandbox-agent on 127.0.0.1:0 with a token (passed in its environment, never on its
// command line), with mTLS or (no cert) in plaintext, and learns its address from the
// "listening on HOST:PORT" line.
class AgentLauncher {
public:
    AgentLauncher() = default;
    ~AgentLauncher();

    AgentLauncher(const AgentLauncher &) = delete;
    AgentLauncher &operator=(const AgentLauncher &) = delete;

    struct Files {
        std::string cert, key, ca; // all empty: plaintext
        std::string log;           // the agent's stderr (one line per exec) goes here
        std::vector<std::string> extraArgs;
    };
    bool start(const std::string &agentPath, const Files &files, const std::string &token,
               std::string &error);
    const std::string &address() const { return address_; }
    long pid() const { return static_cast<long>(process_.processId()); }

private:
    QProcess process_;
    std::string address_;
};

} // namespace sandbox
