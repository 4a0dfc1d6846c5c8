#pragma once

#include "agent_process.h"
#include "test_pki.h"

#include <remote_runner.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sandbox::test {

// The usual end-to-end setup: the real agent on loopback with TLS (the test PKI's server
// certificate), a random bearer token read from a file, and optionally mTLS; plus matching
// RunnerConfigs. Image defaults to a non-empty reference because the agent requires one.
class SecureAgent {
public:
    struct Options {
        bool mtls = false;
        const CertKey *serverCert = nullptr; // default: the PKI's valid server certificate
        std::vector<std::string> extraArgs;
        EnvVars env;

        Options &withMtls() {
            mtls = true;
            return *this;
        }
        Options &withServerCert(const CertKey &cert) {
            serverCert = &cert;
            return *this;
        }
        Options &withArgs(std::vector<std::string> args) {
            extraArgs = std::move(args);
            return *this;
        }
        Options &withEnv(EnvVars vars) {
            env = std::move(vars);
            return *this;
        }
    };

    static constexpr const char *kImage = "docker.io/library/debian:12";

    explicit SecureAgent(const TestPki &pki);
    ~SecureAgent();

    bool start(Options options);
    bool start() { return start(Options{}); }

    // Address, token, CA, and (with mTLS) the client certificate and key.
    RunnerConfig runnerConfig() const;
    // Creates a runner for config; records a gtest failure and returns nullptr on error.
    static std::unique_ptr<RemoteRunner> makeRunner(RunnerConfig config);
    std::unique_ptr<RemoteRunner> makeRunner() const { return makeRunner(runnerConfig()); }

    AgentProcess &process() { return agent_; }
    const std::string &token() const { return token_; }
    QString tokenFile() const;
    std::string address() const { return agent_.address(); }
    std::string stderrText() const { return agent_.stderrText(); }

    // A fresh random token ("tok-" + 32 hex digits), never equal to another.
    static std::string randomToken();

private:
    const TestPki &pki_;
    QTemporaryDir dir_;
    AgentProcess agent_;
    std::string token_;
    bool mtls_ = false;
};

// Shortcuts used by every suite.
ExecRequest command(std::vector<std::string> argv);
// Runs runner.exec on a helper thread and waits at most timeout, so a client that hangs
// fails the test instead of hanging CTest. On timeout it records a failure, cancels, and
// aborts the test process if even the cancel does not return. cancellation may be null.
std::optional<ExecResult> execWithin(RemoteRunner &runner, const ExecRequest &request,
                                     ExecSink &sink, std::chrono::seconds timeout,
                                     ExecCancellation *cancellation = nullptr);
// "Failed/Cancelled/Exited, kind K, grpc G: message (agent: ...)" for failure messages.
std::string describe(const ExecResult &result);
// True when haystack contains needle (for EXPECT_TRUE with a describing message).
bool contains(const std::string &haystack, const std::string &needle);
bool containsIgnoringCase(const std::string &haystack, const std::string &needle);

} // namespace sandbox::test
