#include "tls_probe.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <arpa/inet.h>
#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

namespace sandbox::test {

namespace {

std::string lastError() {
    std::string text;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        if (!text.empty())
            text += "; ";
        text += buf;
    }
    return text.empty() ? "handshake failed" : text;
}

} // namespace

TlsProbe::Result TlsProbe::handshake(int port, const std::string &caPem, int maxVersion) {
    Result result;
    std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx(SSL_CTX_new(TLS_client_method()),
                                                          &SSL_CTX_free);
    if (!ctx) {
        result.error = lastError();
        return result;
    }
    if (maxVersion != 0)
        SSL_CTX_set_max_proto_version(ctx.get(), maxVersion);
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_PEER, nullptr);
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(caPem.data(), static_cast<int>(caPem.size())), &BIO_free);
    while (X509 *cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
        X509_STORE_add_cert(SSL_CTX_get_cert_store(ctx.get()), cert);
        X509_free(cert);
    }
    ERR_clear_error();
    static const unsigned char alpn[] = {2, 'h', '2'};
    SSL_CTX_set_alpn_protos(ctx.get(), alpn, sizeof alpn);

    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        result.error = "socket() failed";
        return result;
    }
    // Bounded: a server that never answers cannot hang the test.
    timeval tv{30, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0) {
        ::close(fd);
        result.error = "connect() failed";
        return result;
    }
    std::unique_ptr<SSL, decltype(&SSL_free)> ssl(SSL_new(ctx.get()), &SSL_free);
    SSL_set_fd(ssl.get(), fd);
    SSL_set_tlsext_host_name(ssl.get(), "localhost");
    SSL_set1_host(ssl.get(), "localhost");
    if (SSL_connect(ssl.get()) == 1) {
        result.handshakeOk = true;
        result.version = SSL_get_version(ssl.get());
        SSL_shutdown(ssl.get());
    } else {
        result.error = lastError();
    }
    ssl.reset();
    ::close(fd);
    return result;
}

} // namespace sandbox::test
