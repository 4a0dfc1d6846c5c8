#include "dropping_tls_server.h"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sandbox::test {

namespace {

int acceptAnyCertificate(int, X509_STORE_CTX *) {
    return 1;
}

// Close with RST: what a peer that gives up on the connection at once looks like.
void reset(int fd) {
    linger l{1, 0};
    ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
    ::close(fd);
}

} // namespace

DroppingTlsServer::DroppingTlsServer(const std::string &certPem, const std::string &keyPem) {
    SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
    BIO *certBio = BIO_new_mem_buf(certPem.data(), static_cast<int>(certPem.size()));
    BIO *keyBio = BIO_new_mem_buf(keyPem.data(), static_cast<int>(keyPem.size()));
    X509 *cert = PEM_read_bio_X509(certBio, nullptr, nullptr, nullptr);
    EVP_PKEY *key = PEM_read_bio_PrivateKey(keyBio, nullptr, nullptr, nullptr);
    BIO_free(certBio);
    BIO_free(keyBio);
    const bool loaded = ctx && cert && key && SSL_CTX_use_certificate(ctx, cert) == 1 &&
                        SSL_CTX_use_PrivateKey(ctx, key) == 1;
    X509_free(cert);
    EVP_PKEY_free(key);
    if (!loaded) {
        SSL_CTX_free(ctx);
        return;
    }
    SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, acceptAnyCertificate);
    SSL_CTX_set_alpn_select_cb(
        ctx,
        [](SSL *, const unsigned char **out, unsigned char *outLen, const unsigned char *in,
           unsigned int inLen, void *) {
            static const unsigned char kH2[] = {2, 'h', '2'};
            unsigned char *selected = nullptr;
            if (SSL_select_next_proto(&selected, outLen, kH2, sizeof kH2, in, inLen) !=
                OPENSSL_NPN_NEGOTIATED)
                return SSL_TLSEXT_ERR_NOACK;
            *out = selected;
            return SSL_TLSEXT_ERR_OK;
        },
        nullptr);
    ctx_ = ctx;

    listenFd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    if (listenFd_ >= 0 && ::bind(listenFd_, reinterpret_cast<sockaddr *>(&addr), len) == 0 &&
        ::listen(listenFd_, 16) == 0 &&
        ::getsockname(listenFd_, reinterpret_cast<sockaddr *>(&addr), &len) == 0)
        port_ = ntohs(addr.sin_port);
    if (port_ > 0)
        thread_ = std::thread([this] { serve(); });
}

DroppingTlsServer::~DroppingTlsServer() {
    stop_ = true;
    if (thread_.joinable())
        thread_.join();
    if (listenFd_ >= 0)
        ::close(listenFd_);
    SSL_CTX_free(static_cast<SSL_CTX *>(ctx_));
}

void DroppingTlsServer::serve() {
    // A client that gives up first must not take the test process down with SIGPIPE (it is
    // sent to the writing thread; blocked here, the write just fails with EPIPE).
    sigset_t pipe;
    sigemptyset(&pipe);
    sigaddset(&pipe, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe, nullptr);
    while (!stop_) {
        pollfd p{listenFd_, POLLIN, 0};
        if (::poll(&p, 1, 50) <= 0)
            continue;
        const int fd = ::accept4(listenFd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd >= 0)
            handle(fd);
    }
}

void DroppingTlsServer::handle(int fd) {
    timeval timeout{5, 0}; // a stuck client must not keep the test's server busy
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    SSL *ssl = SSL_new(static_cast<SSL_CTX *>(ctx_));
    SSL_set_fd(ssl, fd);
    const bool handshaken = SSL_accept(ssl) == 1;
    const bool hasCertificate = handshaken && SSL_get0_peer_certificate(ssl) != nullptr;
    SSL_free(ssl);
    if (handshaken && !hasCertificate)
        ++dropped_;
    reset(fd);
}

} // namespace sandbox::test
