#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include <grpcpp/support/status.h>

namespace sandbox::agent {

// Checks the `authorization: Bearer <token>` metadata of a call. Compares SHA-256 digests in
// constant time, so neither the token's bytes nor its length leak through timing.
class BearerAuthenticator {
public:
    explicit BearerAuthenticator(std::string_view token);

    // OK, or UNAUTHENTICATED with the reference agent's messages. `header` is the value of
    // the authorization metadata, nullopt when the call has none.
    grpc::Status check(std::optional<std::string_view> header) const;

private:
    using Digest = std::array<unsigned char, 32>;
    static Digest digest(std::string_view text);

    Digest expected_;
};

} // namespace sandbox::agent
