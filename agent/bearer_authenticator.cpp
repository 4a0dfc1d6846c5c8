#include "bearer_authenticator.h"

#include <openssl/crypto.h>
#include <openssl/sha.h>

namespace sandbox::agent {

BearerAuthenticator::BearerAuthenticator(std::string_view token)
    : expected_(digest(token)) {}

BearerAuthenticator::Digest BearerAuthenticator::digest(std::string_view text) {
    Digest out{};
    SHA256(reinterpret_cast<const unsigned char *>(text.data()), text.size(), out.data());
    return out;
}

grpc::Status BearerAuthenticator::check(std::optional<std::string_view> header) const {
    if (!header || header->empty())
        return {grpc::StatusCode::UNAUTHENTICATED, "missing authorization header"};
    constexpr std::string_view scheme = "Bearer ";
    if (header->size() < scheme.size() || header->substr(0, scheme.size()) != scheme)
        return {grpc::StatusCode::UNAUTHENTICATED, "authorization header must use Bearer scheme"};
    const Digest given = digest(header->substr(scheme.size()));
    if (CRYPTO_memcmp(given.data(), expected_.data(), given.size()) != 0)
        return {grpc::StatusCode::UNAUTHENTICATED, "invalid bearer token"};
    return grpc::Status::OK;
}

} // namespace sandbox::agent
