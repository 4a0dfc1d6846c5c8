#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace sandbox {

// Why an exec did not produce an exit code. Kept coarse: the UI maps each to a sentence.
enum class ExecErrorKind {
    None,
    InvalidConfig,     // runner could not be created (address, TLS files, token policy)
    InvalidRequest,    // rejected before any network I/O (empty argv)
    Unauthenticated,   // the agent refused the token or client certificate
    PermissionDenied,  // the agent refused the request
    Unavailable,       // agent unreachable
    TlsFailure,        // TLS handshake failed
    InvalidArgument,   // the agent rejected the request (empty image, bad secret ref, ...)
    ResourceExhausted, // agent at its concurrency limit, or a message over the size limit
    DeadlineExceeded,  // per-exec deadline hit
    Internal,          // the sandbox failed to run
    StreamCut,         // stream ended without an exit_code chunk
    Cancelled,         // cancelled by the user
    Other,
};

// What the runner found out beyond the kind, so that every front end names the same cause.
enum class ExecErrorCause {
    None,
    ConnectionLost,          // the connection broke after output arrived; the end is unknown
    HandshakeStalled,        // the port accepted the connection, the TLS handshake never ended
    ClientCertificateLikely, // TLS failed and no client certificate is configured (mTLS?)
    ReceiveLimit,            // one message from the agent was larger than the receive limit
};

struct ExecError {
    ExecErrorKind kind = ExecErrorKind::None;
    int grpcCode = 0;         // grpc::StatusCode, 0 when the error is not from gRPC
    std::string message;      // one line for the user: what happened and what it means
    std::string agentMessage; // the status message the agent sent, verbatim (may be empty)
    // TlsFailure only, when a check of the agent's certificate found the cause: OpenSSL's
    // X509_V_ERR_* code and one clause naming it ("the agent's certificate expired on ...").
    long tlsVerifyResult = 0;
    std::string tlsCause = {};
    ExecErrorCause cause = ExecErrorCause::None;
    std::uint64_t bytesReceived = 0;    // ConnectionLost: output bytes that did arrive
    std::int64_t receiveLimitBytes = 0; // ReceiveLimit: the limit that was hit
};

enum class ExecOutcome {
    Exited,    // exitCode is valid
    Cancelled, // the user cancelled; remote end unknown / killed
    Failed,    // see error
};

struct ExecResult {
    ExecOutcome outcome = ExecOutcome::Failed;
    int exitCode = -1;
    std::chrono::nanoseconds duration{0};
    std::uint64_t stdoutBytes = 0;
    std::uint64_t stderrBytes = 0;
    // Output messages the agent sent, and the largest one: the sink sees the bytes in
    // pieces of gRPC's choosing, these say how the agent chunked them.
    std::uint64_t outputMessages = 0;
    std::uint64_t largestOutputMessage = 0;
    ExecError error;

    bool exited() const { return outcome == ExecOutcome::Exited; }
};

// The result plus everything the command printed, for tests and the CLI.
struct CollectedExec {
    ExecResult result;
    std::string stdoutData;
    std::string stderrData;
};

} // namespace sandbox
