#include "server_tls.h"
#include "tls_version_floor.h"

#include "pem_inspector.h"
#include "text_file.h"

#include <grpcpp/security/server_credentials.h>

namespace sandbox::agent {

// PemInspector parses (and never prompts for a passphrase); the messages name the flag.
bool ServerTls::checkPair(const std::string &certPem, const std::string &keyPem,
                          const AgentOptions &options, std::string *error) {
    std::string detail;
    if (!PemInspector::certificate(certPem, options.tlsCert, detail)) {
        *error = "--tls-cert: " + options.tlsCert + " holds no PEM certificate";
        return false;
    }
    if (!PemInspector::isPrivateKey(keyPem, options.tlsKey, detail)) {
        *error = "--tls-key: " + options.tlsKey + " holds no unencrypted PEM private key";
        return false;
    }
    if (!PemInspector::keyMatchesCertificate(certPem, keyPem, detail)) {
        *error = "--tls-key: " + options.tlsKey + " does not match the certificate in " +
                 options.tlsCert;
        return false;
    }
    return true;
}

bool ServerTls::checkCa(const std::string &caPem, const std::string &path, std::string *error) {
    std::string detail;
    if (!PemInspector::certificate(caPem, path, detail)) {
        *error = "--tls-ca: " + path + " holds no PEM certificate";
        return false;
    }
    return true;
}

std::shared_ptr<grpc::ServerCredentials> ServerTls::credentials(const AgentOptions &options,
                                                                std::string *error) {
    if (!options.tlsEnabled())
        return grpc::InsecureServerCredentials();
    const auto read = [error](const char *flag, const std::string &path) {
        auto text = TextFile::read(path, error);
        if (!text)
            *error = std::string(flag) + ": " + *error;
        return text;
    };
    const auto cert = read("--tls-cert", options.tlsCert);
    const auto key = cert ? read("--tls-key", options.tlsKey) : std::nullopt;
    if (!cert || !key || !checkPair(*cert, *key, options, error))
        return nullptr;
    // Like the reference agent: TLS 1.3 only (see TlsVersionFloor for why not via gRPC).
    if (!TlsVersionFloor::requireTls13(error))
        return nullptr;
    grpc::SslServerCredentialsOptions ssl(GRPC_SSL_DONT_REQUEST_CLIENT_CERTIFICATE);
    ssl.pem_key_cert_pairs.push_back({*key, *cert});
    if (options.mtlsEnabled()) {
        const auto ca = read("--tls-ca", options.tlsCa);
        if (!ca || !checkCa(*ca, options.tlsCa, error))
            return nullptr;
        ssl.pem_root_certs = *ca;
        ssl.client_certificate_request = GRPC_SSL_REQUEST_AND_REQUIRE_CLIENT_CERTIFICATE_AND_VERIFY;
    }
    return grpc::SslServerCredentials(ssl);
}

} // namespace sandbox::agent
