#include "tls_version_floor.h"

#include <openssl/bio.h>
#include <openssl/conf.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <memory>

namespace sandbox::agent {

namespace {

// SSL_OP_NO_TLSv1_2 (what "-TLSv1.2" sets) survives gRPC's later
// SSL_CTX_set_min_proto_version(TLS1_2), unlike a MinProtocol line would.
constexpr char kConfig[] = "openssl_conf = agent_init\n"
                           "[agent_init]\n"
                           "ssl_conf = agent_ssl\n"
                           "[agent_ssl]\n"
                           "system_default = agent_tls\n"
                           "[agent_tls]\n"
                           "MinProtocol = TLSv1.3\n"
                           "Protocol = -SSLv3, -TLSv1, -TLSv1.1, -TLSv1.2\n";

std::string lastOpenSslError() {
    char buffer[256] = {};
    ERR_error_string_n(ERR_get_error(), buffer, sizeof buffer);
    return buffer;
}

} // namespace

bool TlsVersionFloor::requireTls13(std::string *error) {
    // Load the system configuration first, so that gRPC's own initialisation later finds
    // the configuration done and does not replace the section set below.
    OPENSSL_init_ssl(OPENSSL_INIT_LOAD_CONFIG, nullptr);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(kConfig, sizeof kConfig - 1),
                                                  &BIO_free);
    std::unique_ptr<CONF, decltype(&NCONF_free)> conf(NCONF_new(nullptr), &NCONF_free);
    long badLine = 0;
    if (!bio || !conf || NCONF_load_bio(conf.get(), bio.get(), &badLine) <= 0 ||
        CONF_modules_load(conf.get(), nullptr, 0) <= 0) {
        if (error)
            *error = "cannot require TLS 1.3: " + lastOpenSslError();
        return false;
    }
    return true;
}

} // namespace sandbox::agent
