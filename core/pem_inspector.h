#pragma once

#include <chrono>
#include <optional>
#include <string>

namespace sandbox {

// What a user wants to know about a certificate before using it.
struct CertificateInfo {
    std::string subject;
    std::string issuer;
    std::chrono::system_clock::time_point notBefore;
    std::chrono::system_clock::time_point notAfter;
};

// OpenSSL-backed checks of PEM material, shared by RemoteRunner validation and the
// profile editor. Every error names the file (or "in-memory PEM") at fault.
class PemInspector {
public:
    // Reads a file; error names the file when it cannot be read.
    static std::optional<std::string> readFile(const std::string &path, std::string &error);

    // label names the source in error messages (a path, or e.g. "client certificate").
    static std::optional<CertificateInfo> certificate(const std::string &pem,
                                                      const std::string &label,
                                                      std::string &error);
    static bool isPrivateKey(const std::string &pem, const std::string &label,
                             std::string &error);
    static bool isCertificateBundle(const std::string &pem, const std::string &label,
                                    std::string &error);
    // True when the private key belongs to the certificate's public key.
    static bool keyMatchesCertificate(const std::string &certPem, const std::string &keyPem,
                                      std::string &error);
};

} // namespace sandbox
