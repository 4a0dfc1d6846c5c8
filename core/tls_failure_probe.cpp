#include "tls_failure_probe.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <arpa/inet.h>
#include <cerrno>
#include <ctime>
#include <fcntl.h>
#include <memory>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace sandbox {

namespace {

using Clock = std::chrono::steady_clock;
constexpr std::chrono::milliseconds kSlice{50}; // how often a cancel is noticed

template <typename T, void (*Free)(T *)> struct Deleter {
    void operator()(T *p) const { Free(p); }
};
using CtxPtr = std::unique_ptr<SSL_CTX, Deleter<SSL_CTX, SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, Deleter<SSL, SSL_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using X509Ptr = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using KeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;

struct Fd {
    int fd = -1;
    ~Fd() {
        if (fd >= 0)
            ::close(fd);
    }
};

struct Deadline {
    Clock::time_point at;
    const std::function<bool()> &cancelled;
    // Waits for events on fd in short slices; false on timeout or cancel.
    bool wait(int fd, short events) const {
        for (;;) {
            if (cancelled && cancelled())
                return false;
            const auto left =
                std::chrono::duration_cast<std::chrono::milliseconds>(at - Clock::now());
            if (left.count() <= 0)
                return false;
            pollfd p{fd, events, 0};
            const int n = ::poll(&p, 1, static_cast<int>(std::min(left, kSlice).count()));
            if (n > 0)
                return true;
            if (n < 0 && errno != EINTR)
                return false;
        }
    }
};

// host and port of host:port, [v6]:port, dns:[//authority/]host:port; nullopt for unix sockets.
std::optional<std::pair<std::string, std::string>> splitAddress(std::string address) {
    if (address.rfind("unix", 0) == 0)
        return std::nullopt;
    if (address.rfind("dns:", 0) == 0) {
        address.erase(0, 4);
        if (address.rfind("//", 0) == 0) {
            const auto slash = address.find('/', 2);
            address = slash == std::string::npos ? std::string() : address.substr(slash + 1);
        }
    }
    const auto colon = address.rfind(':');
    if (colon == std::string::npos || colon == 0)
        return std::nullopt;
    std::string host = address.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        host = host.substr(1, host.size() - 2);
    return std::make_pair(host, address.substr(colon + 1));
}

bool isIpAddress(const std::string &host) {
    unsigned char buf[sizeof(in6_addr)];
    return ::inet_pton(AF_INET, host.c_str(), buf) == 1 ||
           ::inet_pton(AF_INET6, host.c_str(), buf) == 1;
}

int connectWithin(const std::string &host, const std::string &port, const Deadline &deadline) {
    addrinfo hints{};
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    addrinfo *found = nullptr;
    if (::getaddrinfo(host.c_str(), port.c_str(), &hints, &found) != 0)
        return -1;
    int connected = -1;
    for (addrinfo *ai = found; ai != nullptr && connected < 0; ai = ai->ai_next) {
        Fd s{::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                      ai->ai_protocol)};
        if (s.fd < 0)
            continue;
        if (::connect(s.fd, ai->ai_addr, ai->ai_addrlen) != 0) {
            if (errno != EINPROGRESS || !deadline.wait(s.fd, POLLOUT))
                continue;
            int err = 0;
            socklen_t len = sizeof err;
            if (::getsockopt(s.fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0 || err != 0)
                continue;
        }
        std::swap(connected, s.fd);
    }
    ::freeaddrinfo(found);
    return connected;
}

bool loadPem(SSL_CTX *ctx, const TlsMaterial &tls) {
    X509_STORE *store = SSL_CTX_get_cert_store(ctx);
    if (tls.caPem.empty()) {
        SSL_CTX_set_default_verify_paths(ctx); // what gRPC uses without a CA: system roots
    } else {
        BioPtr bio(BIO_new_mem_buf(tls.caPem.data(), static_cast<int>(tls.caPem.size())));
        while (X509Ptr cert{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)})
            X509_STORE_add_cert(store, cert.get());
        ERR_clear_error(); // the end of the PEM reads as an error
    }
    if (tls.certPem.empty() || tls.keyPem.empty())
        return true;
    BioPtr certBio(BIO_new_mem_buf(tls.certPem.data(), static_cast<int>(tls.certPem.size())));
    BioPtr keyBio(BIO_new_mem_buf(tls.keyPem.data(), static_cast<int>(tls.keyPem.size())));
    X509Ptr cert(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
    KeyPtr key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, nullptr, nullptr));
    return cert && key && SSL_CTX_use_certificate(ctx, cert.get()) == 1 &&
           SSL_CTX_use_PrivateKey(ctx, key.get()) == 1;
}

std::string formatTime(const ASN1_TIME *time) {
    std::tm tm{};
    if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1)
        return "an unreadable date";
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &tm);
    return text;
}

std::string nameLine(const X509_NAME *name) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB) < 0)
        return {};
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::vector<std::string> certificateNames(X509 *cert) {
    std::vector<std::string> names;
    auto *sans = static_cast<GENERAL_NAMES *>(
        X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; sans != nullptr && i < sk_GENERAL_NAME_num(sans); ++i) {
        const GENERAL_NAME *name = sk_GENERAL_NAME_value(sans, i);
        if (name->type == GEN_DNS) {
            const auto *s = name->d.dNSName;
            names.emplace_back(reinterpret_cast<const char *>(ASN1_STRING_get0_data(s)),
                               ASN1_STRING_length(s));
        } else if (name->type == GEN_IPADD) {
            const auto *ip = name->d.iPAddress;
            char text[INET6_ADDRSTRLEN] = {};
            const int family = ASN1_STRING_length(ip) == 4 ? AF_INET : AF_INET6;
            if (::inet_ntop(family, ASN1_STRING_get0_data(ip), text, sizeof text))
                names.emplace_back(text);
        }
    }
    GENERAL_NAMES_free(sans);
    if (names.empty()) {
        char cn[256] = {};
        if (X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof cn) >
            0)
            names.emplace_back(cn);
    }
    return names;
}

// Records the first verification error and the certificate it concerns; the handshake goes
// on (SSL_VERIFY_NONE) so the probe sees the whole chain.
int recordFirstError(int ok, X509_STORE_CTX *store) {
    auto *ssl =
        static_cast<SSL *>(X509_STORE_CTX_get_ex_data(store, SSL_get_ex_data_X509_STORE_CTX_idx()));
    auto *facts = static_cast<TlsVerifyFacts *>(SSL_get_app_data(ssl));
    if (!ok && facts != nullptr && facts->verifyResult == X509_V_OK) {
        facts->verifyResult = X509_STORE_CTX_get_error(store);
        facts->errorDepth = X509_STORE_CTX_get_error_depth(store);
        if (X509 *cert = X509_STORE_CTX_get_current_cert(store)) {
            facts->notBefore = formatTime(X509_get0_notBefore(cert));
            facts->notAfter = formatTime(X509_get0_notAfter(cert));
        }
    }
    return 1;
}

bool handshake(SSL *ssl, int fd, const Deadline &deadline) {
    for (;;) {
        const int rc = SSL_connect(ssl);
        if (rc == 1)
            return true;
        const int err = SSL_get_error(ssl, rc);
        if (err == SSL_ERROR_WANT_READ) {
            if (!deadline.wait(fd, POLLIN))
                return false;
        } else if (err == SSL_ERROR_WANT_WRITE) {
            if (!deadline.wait(fd, POLLOUT))
                return false;
        } else {
            return false; // an alert or a closed connection; the peer certificate may be in
        }
    }
}

} // namespace

bool TlsFailureProbe::acceptsConnections(const RunnerConfig &config,
                                         std::chrono::milliseconds bound,
                                         const std::function<bool()> &cancelled) {
    const auto hostPort = splitAddress(config.address);
    if (!hostPort)
        return false;
    const Deadline deadline{Clock::now() + bound, cancelled};
    const Fd socket{connectWithin(hostPort->first, hostPort->second, deadline)};
    return socket.fd >= 0;
}

std::optional<TlsVerifyFacts> TlsFailureProbe::probe(const RunnerConfig &config,
                                                     const TlsMaterial &tls,
                                                     const std::function<bool()> &cancelled) {
    const auto hostPort = splitAddress(config.address);
    if (!hostPort)
        return std::nullopt;
    const Deadline deadline{Clock::now() + config.connectTimeout, cancelled};
    Fd socket{connectWithin(hostPort->first, hostPort->second, deadline)};
    CtxPtr ctx(SSL_CTX_new(TLS_client_method()));
    if (socket.fd < 0 || !ctx || !loadPem(ctx.get(), tls))
        return std::nullopt;
    SSL_CTX_set_verify(ctx.get(), SSL_VERIFY_NONE, recordFirstError);
    static const unsigned char kAlpnH2[] = {2, 'h', '2'}; // the agent is an HTTP/2 server
    SSL_CTX_set_alpn_protos(ctx.get(), kAlpnH2, sizeof kAlpnH2);
    SslPtr ssl(SSL_new(ctx.get()));
    TlsVerifyFacts facts;
    facts.checkedName =
        config.serverNameOverride.empty() ? hostPort->first : config.serverNameOverride;
    X509_VERIFY_PARAM *param = SSL_get0_param(ssl.get());
    if (isIpAddress(facts.checkedName)) {
        X509_VERIFY_PARAM_set1_ip_asc(param, facts.checkedName.c_str());
    } else {
        SSL_set_tlsext_host_name(ssl.get(), facts.checkedName.c_str());
        X509_VERIFY_PARAM_set1_host(param, facts.checkedName.c_str(), 0);
    }
    SSL_set_app_data(ssl.get(), &facts);
    SSL_set_fd(ssl.get(), socket.fd);
    handshake(ssl.get(), socket.fd, deadline);
    X509 *peer = SSL_get0_peer_certificate(ssl.get());
    SSL_set_app_data(ssl.get(), nullptr);
    ERR_clear_error();
    if (peer == nullptr)
        return std::nullopt;
    facts.names = certificateNames(peer);
    facts.subject = nameLine(X509_get_subject_name(peer));
    facts.issuer = nameLine(X509_get_issuer_name(peer));
    facts.expires = formatTime(X509_get0_notAfter(peer));
    if (SSL_is_init_finished(ssl.get()))
        facts.protocol = SSL_get_version(ssl.get());
    if (facts.verifyResult == X509_V_OK) {
        facts.verifyResult = SSL_get_verify_result(ssl.get());
        facts.notBefore = formatTime(X509_get0_notBefore(peer));
        facts.notAfter = formatTime(X509_get0_notAfter(peer));
    }
    return facts;
}

} // namespace sandbox
