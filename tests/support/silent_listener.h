#pragma once

#include <string>

namespace sandbox::test {

// A loopback TCP port that accepts connections in the kernel but never answers: a TLS
// handshake with it stalls, like an agent behind a black-holing firewall.
class SilentListener {
public:
    SilentListener();
    ~SilentListener();
    SilentListener(const SilentListener &) = delete;
    SilentListener &operator=(const SilentListener &) = delete;

    bool ok() const { return port_ > 0; }
    std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

private:
    int fd_ = -1;
    int port_ = 0;
};

} // namespace sandbox::test
