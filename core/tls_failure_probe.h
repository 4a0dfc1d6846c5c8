#pragma once

#include "runner_config.h"
#include "tls_material.h"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sandbox {

// What OpenSSL's own verification says about the agent's certificate. gRPC reports every
// failed server check as the same "certificate verify failed"; after such a failure the
// runner does one OpenSSL handshake with the same CA, client certificate and name to learn
// the real cause. Private to core; the words for it are GrpcStatusMapper's. The connection
// test uses the same handshake to show what the agent presents.
struct TlsVerifyFacts {
    long verifyResult = 0;          // X509_V_OK, or the first X509_V_ERR_* found
    int errorDepth = 0;             // 0 = the agent's own certificate, 1+ = a CA in its chain
    std::string notBefore;          // of the certificate at fault, "2024-05-01 12:00 UTC"
    std::string notAfter;           //
    std::vector<std::string> names; // the agent certificate's DNS/IP names (CN without SANs)
    std::string checkedName;        // the name gRPC checks: the server-name override or the host
    // The agent's own certificate and the session (Test connection shows them).
    std::string subject;  // one line, "CN=localhost, O=..."
    std::string issuer;   //
    std::string expires;  // its notAfter, as notAfter above
    std::string protocol; // "TLSv1.3"; empty when the handshake did not get that far
};

class TlsFailureProbe {
public:
    // One handshake to config.address, bounded by config.connectTimeout; stops early when
    // cancelled() turns true. nullopt when no certificate could be obtained (unreachable,
    // unix socket, cancelled). Blocking: call it on the exec's thread, never a GUI thread.
    static std::optional<TlsVerifyFacts> probe(const RunnerConfig &config, const TlsMaterial &tls,
                                               const std::function<bool()> &cancelled);
    // Whether config.address takes a TCP connection within `bound` (false for unix sockets).
    static bool acceptsConnections(const RunnerConfig &config, std::chrono::milliseconds bound,
                                   const std::function<bool()> &cancelled);
};

} // namespace sandbox
