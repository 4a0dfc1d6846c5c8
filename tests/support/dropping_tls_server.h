#pragma once

#include <atomic>
#include <string>
#include <thread>

namespace sandbox::test {

// A TLS 1.3 server on 127.0.0.1:0 that treats a client without a certificate the way the
// Go reference agent with --tls-ca looks to gRPC: no alert the client gets to read, just a
// dropped connection. It asks for (does not require) a client certificate, completes the
// handshake and, when none came, resets the connection. Serves until destroyed.
class DroppingTlsServer {
public:
    DroppingTlsServer(const std::string &certPem, const std::string &keyPem);
    ~DroppingTlsServer();
    DroppingTlsServer(const DroppingTlsServer &) = delete;
    DroppingTlsServer &operator=(const DroppingTlsServer &) = delete;

    bool ok() const { return port_ > 0 && ctx_ != nullptr; }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
    // Connections it dropped for want of a client certificate.
    int dropped() const { return dropped_.load(); }

private:
    void serve();
    void handle(int fd);

    void *ctx_ = nullptr; // SSL_CTX
    int listenFd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<int> dropped_{0};
    std::thread thread_;
};

} // namespace sandbox::test
