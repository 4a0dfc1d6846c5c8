#pragma once

#include "runner_config.h"
#include "tls_material.h"

#include <string>

namespace sandbox {

// The checks RemoteRunner::create() runs before any network I/O. Every error names the
// setting or file at fault and says what to do. Private to core.
class RunnerConfigValidator {
public:
    // Checks the config and reads its PEM material into tls. False sets error.
    static bool validate(const RunnerConfig &config, TlsMaterial &tls, std::string &error);

    // host:port, [ipv6]:port, dns:[//authority/]host:port, unix:path, unix-abstract:name.
    static bool validateAddress(const std::string &address, std::string &error);

    // The token's characters, and the token-over-cleartext rule (TokenTransportPolicy).
    static bool validateToken(const RunnerConfig &config, std::string &error);

private:
    static bool validateHostPort(const std::string &hostPort, std::string &error);
    static bool loadPem(const PemSource &source, const std::string &what, std::string &pem,
                        std::string &label, std::string &error);
    static bool loadTls(const RunnerConfig &config, TlsMaterial &tls, std::string &error);
};

} // namespace sandbox
