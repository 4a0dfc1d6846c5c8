#pragma once

#include "agent_options.h"

#include <memory>
#include <string>

#include <grpcpp/security/server_credentials.h>

namespace sandbox::agent {

// Server credentials from --tls-cert/--tls-key/--tls-ca, checked up front with OpenSSL so a
// bad file is named at startup instead of failing every handshake later.
class ServerTls {
public:
    // Insecure credentials when TLS is off; nullptr with *error naming the file at fault.
    static std::shared_ptr<grpc::ServerCredentials> credentials(const AgentOptions &options,
                                                                std::string *error);

private:
    static bool checkPair(const std::string &certPem, const std::string &keyPem,
                          const AgentOptions &options, std::string *error);
    static bool checkCa(const std::string &caPem, const std::string &path, std::string *error);
};

} // namespace sandbox::agent
