#pragma once

#include <string>

namespace sandbox::test {

// A bare OpenSSL client handshake against host:port, to check what the agent's TLS
// accepts independently of gRPC (protocol versions, ALPN h2).
class TlsProbe {
public:
    struct Result {
        bool handshakeOk = false;
        std::string version; // e.g. "TLSv1.3" when the handshake succeeded
        std::string error;   // OpenSSL's reason otherwise
    };

    // maxVersion: e.g. TLS1_2_VERSION; 0 = library default. caPem verifies the server.
    static Result handshake(int port, const std::string &caPem, int maxVersion);
};

} // namespace sandbox::test
