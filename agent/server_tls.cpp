#include "server_tls.h"
#include "tls_version_floor.h"

#include "text_file.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <grpcpp/security/server_credentials.h>

namespace sandbox::agent {

namespace {

struct BioDeleter {
    void operator()(BIO *bio) const { BIO_free(bio); }
};
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

BioPtr memoryBio(const std::string &pem) {
    return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

} // namespace

bool ServerTls::checkPair(const std::string &certPem, const std::string &keyPem,
                          const AgentOptions &options, std::string *error) {
    std::unique_ptr<X509, decltype(&X509_free)> cert(
        PEM_read_bio_X509(memoryBio(certPem).get(), nullptr, nullptr, nullptr), X509_free);
    if (!cert) {
        *error = "--tls-cert: " + options.tlsCert + " holds no PEM certificate";
        return false;
    }
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(memoryBio(keyPem).get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    if (!key) {
        *error = "--tls-key: " + options.tlsKey + " holds no unencrypted PEM private key";
        return false;
    }
    if (X509_check_private_key(cert.get(), key.get()) != 1) {
        *error = "--tls-key: " + options.tlsKey + " does not match the certificate in " +
                 options.tlsCert;
        return false;
    }
    return true;
}

bool ServerTls::checkCa(const std::string &caPem, const std::string &path, std::string *error) {
    std::unique_ptr<X509, decltype(&X509_free)> ca(
        PEM_read_bio_X509(memoryBio(caPem).get(), nullptr, nullptr, nullptr), X509_free);
    if (!ca) {
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
