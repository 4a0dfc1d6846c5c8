#pragma once

#include <string>
#include <string_view>

namespace sandbox::test {

// Incremental SHA-256 (OpenSSL EVP), hex output.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void update(std::string_view bytes);
    // Ends the hash; further updates are ignored.
    std::string hex();

    static std::string of(std::string_view bytes);

private:
    void *ctx_;
    std::string result_;
};

} // namespace sandbox::test
