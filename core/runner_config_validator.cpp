#include "runner_config_validator.h"

#include "token_transport_policy.h"

#include "pem_inspector.h"

#include <algorithm>
#include <cctype>

namespace sandbox {

namespace {

bool startsWith(const std::string &s, const std::string &prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

bool isHostChar(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
}

bool isIpv6Char(char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) || c == ':' || c == '.' || c == '%';
}

bool validPort(const std::string &port) {
    if (port.empty() || port.size() > 5 ||
        !std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return false;
    const int value = std::stoi(port);
    return value >= 1 && value <= 65535;
}

std::string quoted(const std::string &s) {
    return "'" + s + "'";
}

} // namespace

bool RunnerConfigValidator::validate(const RunnerConfig &config, TlsMaterial &tls,
                                     std::string &error) {
    if (!validateAddress(config.address, error) || !validateToken(config, error))
        return false;
    if (config.connectTimeout.count() <= 0) {
        error = "the connect timeout must be positive";
        return false;
    }
    if (config.execDeadline && config.execDeadline->count() <= 0) {
        error = "the exec deadline must be positive when set";
        return false;
    }
    if (config.maxReceiveMessageBytes == 0 || config.maxReceiveMessageBytes < -1) {
        error = "the receive message limit must be positive (or -1 for no limit)";
        return false;
    }
    return !config.tlsEnabled() || loadTls(config, tls, error);
}

bool RunnerConfigValidator::validateAddress(const std::string &address, std::string &error) {
    if (address.empty()) {
        error = "the agent address is empty; expected host:port, e.g. 127.0.0.1:50051";
        return false;
    }
    if (std::any_of(address.begin(), address.end(),
                    [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
        error = "the agent address " + quoted(address) + " contains whitespace";
        return false;
    }
    if (address.find("://") != std::string::npos && !startsWith(address, "dns://")) {
        error = "the agent address " + quoted(address) +
                " looks like a URL; expected host:port (TLS is configured separately)";
        return false;
    }
    for (const std::string prefix : {"unix:", "unix-abstract:"}) {
        if (startsWith(address, prefix)) {
            if (address.size() > prefix.size())
                return true;
            error = "the agent address " + quoted(address) + " names no socket path";
            return false;
        }
    }
    std::string hostPort = address;
    if (startsWith(hostPort, "dns:")) {
        hostPort.erase(0, 4);
        if (startsWith(hostPort, "//")) { // dns://[authority]/host:port
            const auto slash = hostPort.find('/', 2);
            hostPort = slash == std::string::npos ? std::string() : hostPort.substr(slash + 1);
        }
    }
    if (!validateHostPort(hostPort, error)) {
        error = "the agent address " + quoted(address) + " " + error;
        return false;
    }
    return true;
}

bool RunnerConfigValidator::validateHostPort(const std::string &hostPort, std::string &error) {
    std::string host;
    std::string port;
    if (startsWith(hostPort, "[")) {
        const auto close = hostPort.find(']');
        if (close == std::string::npos || close + 1 >= hostPort.size() ||
            hostPort[close + 1] != ':') {
            error = "is not valid: expected [ipv6]:port, e.g. [::1]:50051";
            return false;
        }
        host = hostPort.substr(1, close - 1);
        port = hostPort.substr(close + 2);
        if (host.empty() || host.find(':') == std::string::npos ||
            !std::all_of(host.begin(), host.end(), isIpv6Char)) {
            error = "has an invalid IPv6 address between the brackets";
            return false;
        }
    } else {
        const auto colon = hostPort.rfind(':');
        if (colon == std::string::npos) {
            error = "has no port; expected host:port, e.g. " + hostPort + ":50051";
            return false;
        }
        host = hostPort.substr(0, colon);
        port = hostPort.substr(colon + 1);
        if (host.find(':') != std::string::npos) {
            error = "is ambiguous: put an IPv6 address in brackets, e.g. [::1]:50051";
            return false;
        }
        if (host.empty() || !std::all_of(host.begin(), host.end(), isHostChar)) {
            error = host.empty() ? "has no host; expected host:port"
                                 : "has an invalid host name " + quoted(host);
            return false;
        }
    }
    if (!validPort(port)) {
        error = "has an invalid port " + quoted(port) + "; expected a number from 1 to 65535";
        return false;
    }
    return true;
}

bool RunnerConfigValidator::validateToken(const RunnerConfig &config, std::string &error) {
    if (config.token.empty())
        return true;
    // Metadata values must be printable ASCII; never echo the token itself.
    if (!std::all_of(config.token.begin(), config.token.end(),
                     [](char c) { return c > 0x20 && c < 0x7f; })) {
        error = "the token contains spaces, control or non-ASCII characters; a bearer token "
                "must be printable ASCII (check for a stray newline)";
        return false;
    }
    const auto assessment =
        TokenTransportPolicy::assess(true, config.tlsEnabled(), config.allowInsecure);
    if (TokenTransportPolicy::blocksExec(assessment)) {
        error = TokenTransportPolicy::message(assessment).toStdString();
        return false;
    }
    return true;
}

bool RunnerConfigValidator::loadPem(const PemSource &source, const std::string &what,
                                    std::string &pem, std::string &label, std::string &error) {
    if (!source.pem.empty()) {
        pem = source.pem;
        label = "the in-memory " + what;
        return true;
    }
    label = "the " + what + " file " + source.path;
    if (source.path.empty())
        return true;
    std::string readError;
    auto text = PemInspector::readFile(source.path, readError);
    if (!text) {
        error = what + ": " + readError;
        return false;
    }
    pem = std::move(*text);
    return true;
}

bool RunnerConfigValidator::loadTls(const RunnerConfig &config, TlsMaterial &tls,
                                    std::string &error) {
    std::string caLabel, certLabel, keyLabel;
    if (!loadPem(config.caCert, "CA certificate", tls.caPem, caLabel, error) ||
        !loadPem(config.clientCert, "client certificate", tls.certPem, certLabel, error) ||
        !loadPem(config.clientKey, "client key", tls.keyPem, keyLabel, error))
        return false;
    // An empty file is checked too: it is as wrong as a file of something else.
    if (config.caCert.isSet() && !PemInspector::isCertificateBundle(tls.caPem, caLabel, error))
        return false;
    if (config.clientCert.isSet() && !PemInspector::certificate(tls.certPem, certLabel, error))
        return false;
    if (config.clientKey.isSet() && !PemInspector::isPrivateKey(tls.keyPem, keyLabel, error))
        return false;
    if (config.clientCert.isSet() != config.clientKey.isSet()) {
        error = config.clientCert.isSet()
                    ? "a client certificate is set without its private key; mTLS needs both"
                    : "a client key is set without its certificate; mTLS needs both";
        return false;
    }
    if (config.clientCert.isSet() &&
        !PemInspector::keyMatchesCertificate(tls.certPem, tls.keyPem, error)) {
        error = keyLabel.substr(4) + " does not match " + certLabel.substr(4) + ": " + error;
        return false;
    }
    return true;
}

} // namespace sandbox
