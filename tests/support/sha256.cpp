#include "sha256.h"

#include <openssl/evp.h>

namespace sandbox::test {

Sha256::Sha256()
    : ctx_(EVP_MD_CTX_new()) {
    EVP_DigestInit_ex(static_cast<EVP_MD_CTX *>(ctx_), EVP_sha256(), nullptr);
}

Sha256::~Sha256() {
    EVP_MD_CTX_free(static_cast<EVP_MD_CTX *>(ctx_));
}

void Sha256::update(std::string_view bytes) {
    if (result_.empty())
        EVP_DigestUpdate(static_cast<EVP_MD_CTX *>(ctx_), bytes.data(), bytes.size());
}

std::string Sha256::hex() {
    if (!result_.empty())
        return result_;
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(static_cast<EVP_MD_CTX *>(ctx_), digest, &len);
    static const char digits[] = "0123456789abcdef";
    for (unsigned int i = 0; i < len; ++i) {
        result_ += digits[digest[i] >> 4];
        result_ += digits[digest[i] & 0xF];
    }
    return result_;
}

std::string Sha256::of(std::string_view bytes) {
    Sha256 h;
    h.update(bytes);
    return h.hex();
}

} // namespace sandbox::test
