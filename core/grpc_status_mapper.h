#pragma once

#include "exec_result.h"
#include "runner_config.h"
#include "tls_failure_probe.h"

#include <grpcpp/support/status.h>

#include <cstdint>
#include <string>

namespace sandbox {

// Turns a failed gRPC status into an ExecError that keeps the code and the agent's words and
// tells the user what it means for them. Private to core: gRPC stays out of public headers.
class GrpcStatusMapper {
public:
    explicit GrpcStatusMapper(const RunnerConfig &config)
        : config_(config) {}

    // tlsFacts: what a TlsFailureProbe found after a TLS failure, if it ran.
    ExecError map(const grpc::Status &status, const TlsVerifyFacts *tlsFacts = nullptr) const;
    // The TLS handshake failed (judged from gRPC's status text).
    static bool isTlsFailure(const std::string &message);
    // The port accepted the TCP connection and then said nothing (TLS on).
    ExecError handshakeStalled(const std::string &agentMessage) const;
    // The call failed after output had arrived: the command may still run or have ended.
    ExecError connectionLost(const grpc::Status &status, std::uint64_t bytesReceived) const;

    // The likely cause named when TLS fails and no client certificate is configured.
    static const char *const kClientCertificateLikely;
    // The profile editor's label of the receive limit (untranslated; ExecErrorText
    // translates it for the GUI).
    static const char *const kReceiveLimitSetting;

private:
    ExecError unavailable(const std::string &agentMessage, const TlsVerifyFacts *tlsFacts) const;
    // The clause naming a verification failure the probe found; empty for X509_V_OK.
    std::string verifiedTlsCause(const TlsVerifyFacts &facts) const;
    ExecError resourceExhausted(const std::string &agentMessage) const;
    std::string tlsLikelyCause(const std::string &lowerMessage) const;

    const RunnerConfig &config_;
};

} // namespace sandbox
