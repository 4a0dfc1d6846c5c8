#include "grpc_status_mapper.h"

#include <openssl/x509_vfy.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>

namespace sandbox {

namespace {

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

bool containsAny(const std::string &haystack, std::initializer_list<const char *> needles) {
    return std::any_of(needles.begin(), needles.end(), [&](const char *needle) {
        return haystack.find(needle) != std::string::npos;
    });
}

std::string withDetail(std::string text, const std::string &detail) {
    if (!detail.empty())
        text += " (" + detail + ")";
    return text;
}

std::string seconds(std::chrono::milliseconds ms) {
    const auto whole = ms.count() / 1000;
    const auto tenths = (ms.count() % 1000) / 100;
    return std::to_string(whole) + (tenths ? "." + std::to_string(tenths) : "") + " s";
}

ExecError makeError(ExecErrorKind kind, const grpc::Status &status, std::string message) {
    return {kind, static_cast<int>(status.error_code()), std::move(message),
            status.error_message()};
}

} // namespace

const char *const GrpcStatusMapper::kClientCertificateLikely =
    "the agent may require a client certificate (mTLS); configure one";
const char *const GrpcStatusMapper::kReceiveLimitSetting = "Largest output message";

bool GrpcStatusMapper::isTlsFailure(const std::string &message) {
    return containsAny(lower(message),
                       {"handshake", "ssl", "tls", "certificate", "peer name", "alert"});
}

ExecError GrpcStatusMapper::map(const grpc::Status &status, const TlsVerifyFacts *tlsFacts) const {
    const std::string &agent = status.error_message();
    switch (status.error_code()) {
    case grpc::StatusCode::UNAUTHENTICATED:
        return makeError(ExecErrorKind::Unauthenticated, status,
                         withDetail(config_.token.empty()
                                        ? "the agent requires a token and none is configured"
                                        : "the agent refused the token",
                                    agent));
    case grpc::StatusCode::PERMISSION_DENIED:
        return makeError(ExecErrorKind::PermissionDenied, status,
                         withDetail("the agent refused the request", agent));
    case grpc::StatusCode::UNAVAILABLE:
        return unavailable(agent, tlsFacts);
    case grpc::StatusCode::INVALID_ARGUMENT:
        return makeError(ExecErrorKind::InvalidArgument, status,
                         "the agent rejected the request: " + agent);
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
        return resourceExhausted(agent);
    case grpc::StatusCode::DEADLINE_EXCEEDED:
        return makeError(ExecErrorKind::DeadlineExceeded, status,
                         config_.execDeadline
                             ? "the command did not finish within its deadline of " +
                                   seconds(*config_.execDeadline) +
                                   "; the agent was told to stop it"
                             : withDetail("the call timed out", agent));
    case grpc::StatusCode::INTERNAL:
        return makeError(ExecErrorKind::Internal, status,
                         withDetail("the sandbox failed to run the command", agent));
    case grpc::StatusCode::UNIMPLEMENTED:
        return makeError(ExecErrorKind::Other, status,
                         withDetail("the server at " + config_.address +
                                        " does not serve the sandbox Exec method; is it a "
                                        "sandbox agent?",
                                    agent));
    default:
        return makeError(ExecErrorKind::Other, status,
                         "gRPC error " + std::to_string(status.error_code()) + ": " + agent);
    }
}

ExecError GrpcStatusMapper::unavailable(const std::string &agentMessage,
                                        const TlsVerifyFacts *tlsFacts) const {
    const grpc::Status status(grpc::StatusCode::UNAVAILABLE, agentMessage);
    const std::string m = lower(agentMessage);
    // With TLS 1.3 an agent that refuses the client certificate just closes the fresh
    // connection: the client sees "Socket closed" while connecting, not a handshake alert.
    const bool closedWhileConnecting =
        containsAny(m, {"failed to connect"}) &&
        containsAny(m, {"socket closed", "connection reset", "end of file"});
    // A port that accepts the connection but never answers the handshake is not a
    // certificate problem: no alert, no verification error, just silence.
    const bool silentPeer =
        containsAny(m, {"handshake read failed", "timed out", "timeout", "deadline"}) &&
        !containsAny(m, {"alert", "certificate", "verify", "peer name", "expired"});
    if (silentPeer) {
        if (config_.tlsEnabled())
            return handshakeStalled(agentMessage);
        return makeError(ExecErrorKind::Unavailable, status,
                         "agent unreachable at " + config_.address +
                             ": it accepted the "
                             "connection but did not answer within " +
                             seconds(config_.connectTimeout) + " (" + agentMessage + ")");
    }
    // gRPC's words when the peer drops the connection mid-handshake without an alert it
    // could read (the Go agent refusing a missing client certificate).
    const bool droppedInHandshake =
        containsAny(m, {"endpoint read failed", "endpoint write failed", "broken pipe"});
    if (config_.tlsEnabled() &&
        (isTlsFailure(agentMessage) || closedWhileConnecting || droppedInHandshake)) {
        const std::string cause = tlsFacts ? verifiedTlsCause(*tlsFacts) : std::string();
        if (!cause.empty()) {
            ExecError error = makeError(ExecErrorKind::TlsFailure, status,
                                        "TLS handshake with " + config_.address +
                                            " failed: " + cause + " (" + agentMessage + ")");
            error.tlsVerifyResult = tlsFacts->verifyResult;
            error.tlsCause = cause;
            return error;
        }
        const std::string likely = tlsLikelyCause(lower(agentMessage));
        ExecError error =
            makeError(ExecErrorKind::TlsFailure, status,
                      "TLS handshake with " + config_.address + " failed; likely cause: " + likely +
                          " (" + agentMessage + ")");
        if (likely == kClientCertificateLikely) {
            error.cause = ExecErrorCause::ClientCertificateLikely;
            error.tlsCause = likely;
        }
        return error;
    }
    std::string hint;
    if (!config_.tlsEnabled() && containsAny(m, {"failed to connect"}) &&
        containsAny(m, {"socket closed", "connection reset", "end of file", "http"}))
        hint = "; does the agent require TLS?";
    return makeError(ExecErrorKind::Unavailable, status,
                     "agent unreachable at " + config_.address + ": " + agentMessage + hint);
}

ExecError GrpcStatusMapper::handshakeStalled(const std::string &agentMessage) const {
    const grpc::Status status(grpc::StatusCode::UNAVAILABLE, agentMessage);
    ExecError error = makeError(ExecErrorKind::Unavailable, status,
                                config_.address +
                                    " accepted the connection but never completed the TLS "
                                    "handshake (is it a TLS port?)" +
                                    (agentMessage.empty() ? "" : " (" + agentMessage + ")"));
    error.cause = ExecErrorCause::HandshakeStalled;
    return error;
}

ExecError GrpcStatusMapper::connectionLost(const grpc::Status &status,
                                           std::uint64_t bytesReceived) const {
    ExecError error = makeError(ExecErrorKind::StreamCut, status,
                                withDetail("the connection to " + config_.address +
                                               " was lost after " + std::to_string(bytesReceived) +
                                               " bytes of output; the command's end is unknown",
                                           status.error_message()));
    error.cause = ExecErrorCause::ConnectionLost;
    error.bytesReceived = bytesReceived;
    return error;
}

ExecError GrpcStatusMapper::resourceExhausted(const std::string &agentMessage) const {
    const grpc::Status status(grpc::StatusCode::RESOURCE_EXHAUSTED, agentMessage);
    if (containsAny(lower(agentMessage), {"larger than max", "message larger", "max ("})) {
        ExecError error =
            makeError(ExecErrorKind::ResourceExhausted, status,
                      "one output message from " + config_.address +
                          " was larger than the receive limit of " +
                          std::to_string(config_.maxReceiveMessageBytes) +
                          " bytes; raise it with the profile's setting \"" + kReceiveLimitSetting +
                          "\" or with sandboxctl --max-chunk SIZE (" + agentMessage + ")");
        error.cause = ExecErrorCause::ReceiveLimit;
        error.receiveLimitBytes = config_.maxReceiveMessageBytes;
        return error;
    }
    return makeError(
        ExecErrorKind::ResourceExhausted, status,
        withDetail("the agent is busy (too many concurrent commands); retry later", agentMessage));
}

std::string GrpcStatusMapper::verifiedTlsCause(const TlsVerifyFacts &f) const {
    const std::string whose =
        f.errorDepth == 0 ? "the agent's certificate" : "a CA certificate in the agent's chain";
    switch (f.verifyResult) {
    case X509_V_OK:
        return {};
    case X509_V_ERR_CERT_HAS_EXPIRED:
        return whose + " expired on " + f.notAfter;
    case X509_V_ERR_CERT_NOT_YET_VALID:
        return whose + " is not valid until " + f.notBefore;
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH: {
        std::string names;
        for (const auto &name : f.names)
            names += (names.empty() ? "" : ", ") + name;
        return "the agent's certificate was issued for " + (names.empty() ? "no name" : names) +
               ", not " + f.checkedName +
               (config_.serverNameOverride.empty()
                    ? "; connect by one of those names or set the server-name override to one"
                    : "");
    }
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    case X509_V_ERR_CERT_SIGNATURE_FAILURE:
        if (!config_.caCert.path.empty() && config_.caCert.pem.empty())
            return "the agent's certificate is not signed by the CA in " + config_.caCert.path;
        return config_.caCert.isSet()
                   ? "the agent's certificate is not signed by the configured CA certificate"
                   : "the agent's certificate is not signed by a CA the system trusts; "
                     "configure the CA that signed it";
    default:
        return "the agent's certificate failed verification: " +
               std::string(X509_verify_cert_error_string(f.verifyResult));
    }
}

std::string GrpcStatusMapper::tlsLikelyCause(const std::string &m) const {
    if (containsAny(m, {"peer name", "not in peer certificate", "hostname", "ip address mismatch"}))
        return config_.serverNameOverride.empty()
                   ? "the agent's certificate is not issued for this host name; set the "
                     "server-name override to the name in the certificate"
                   : "the agent's certificate is not issued for the server name override '" +
                         config_.serverNameOverride + "'";
    if (containsAny(m, {"expired", "not yet valid"}))
        return "the agent's certificate has expired or is not yet valid";
    // Our own agent names a refused client certificate in an alert; the Go agent just drops
    // the connection. Without a client certificate configured, mTLS is the likely cause.
    if (containsAny(m, {"certificate required", "alert handshake failure", "bad certificate",
                        "unknown ca", "certificate unknown", "alert", "socket closed",
                        "connection reset", "end of file", "endpoint read failed"}))
        return config_.clientCert.isSet()
                   ? "the agent rejected the client certificate (not signed by the CA the "
                     "agent trusts, or expired)"
                   : kClientCertificateLikely;
    if (containsAny(m, {"verify failed", "verify_failed", "self signed", "self-signed",
                        "unable to get local issuer"}))
        return config_.caCert.isSet()
                   ? "the agent's certificate is not signed by the configured CA (wrong CA file), "
                     "or it has expired"
                   : "the agent's certificate is not trusted by the system roots; configure "
                     "the CA that signed it";
    if (containsAny(m, {"wrong version number", "packet length", "record layer", "http"}))
        return "the agent does not speak TLS on this port (is it running without TLS?)";
    if (!config_.clientCert.isSet())
        return kClientCertificateLikely;
    return "check the CA, the server name and the client certificate";
}

} // namespace sandbox
