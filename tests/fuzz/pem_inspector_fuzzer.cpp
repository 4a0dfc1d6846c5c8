// Fuzzes PemInspector with what a user may pick in the profile editor. The first byte picks
// the shape: PEM text as is, or the rest wrapped as a PEM certificate / key block (so DER
// the fuzzer builds reaches our name, time and key handling, not only the PEM armour).
#include "pem_inspector.h"

#include <cstdint>
#include <string>

#include <openssl/evp.h>

using sandbox::PemInspector;

namespace {

std::string armoured(const std::string &der, const char *label) {
    std::string base64(4 * ((der.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(base64.data()),
                                  reinterpret_cast<const unsigned char *>(der.data()),
                                  static_cast<int>(der.size()));
    base64.resize(static_cast<size_t>(n));
    std::string pem = std::string("-----BEGIN ") + label + "-----\n";
    for (size_t i = 0; i < base64.size(); i += 64)
        pem += base64.substr(i, 64) + "\n";
    return pem + "-----END " + label + "-----\n";
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size == 0)
        return 0;
    const std::string rest(reinterpret_cast<const char *>(data) + 1, size - 1);
    std::string pem;
    switch (data[0] % 3) {
    case 0:
        pem = rest;
        break;
    case 1:
        pem = armoured(rest, "CERTIFICATE");
        break;
    default:
        pem = armoured(rest, "PRIVATE KEY");
        break;
    }
    std::string error;
    const auto info = PemInspector::certificate(pem, "fuzz input", error);
    PemInspector::isPrivateKey(pem, "fuzz input", error);
    PemInspector::isCertificateBundle(pem, "fuzz input", error);
    // The same bytes as both halves: a key and a certificate in one file, as users do.
    PemInspector::keyMatchesCertificate(pem, pem, error);
    (void)info;
    return 0;
}
