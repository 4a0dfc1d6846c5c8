#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>
#include <string>

namespace sandbox::test {

// A certificate and its private key, on disk (for agent flags) and in memory (for PemSource).
struct CertKey {
    QString certPath;
    QString keyPath;
    std::string certPem;
    std::string keyPem;

    std::string certFile() const { return certPath.toStdString(); }
    std::string keyFile() const { return keyPath.toStdString(); }
};

// A throw-away PKI generated at run time with OpenSSL (EC P-256), so no test depends on
// checked-in certificates that expire. Everything lives in a private temporary directory.
class TestPki {
public:
    TestPki();
    ~TestPki();
    TestPki(const TestPki &) = delete;
    TestPki &operator=(const TestPki &) = delete;

    // False when generation failed; error() says why.
    bool ok() const { return ok_; }
    const std::string &error() const { return error_; }
    QString dir() const { return tmp_.path(); }

    // Main CA and what it signed.
    const CertKey &ca() const { return ca_; }
    const CertKey &server() const { return server_; }               // DNS:localhost, IP:127.0.0.1
    const CertKey &client() const { return client_; }               // clientAuth
    const CertKey &expiredServer() const { return expiredServer_; } // same SANs, expired
    const CertKey &otherHostServer() const { return otherHostServer_; } // DNS:other.example only
    const CertKey &notYetValidServer() const { return notYetValidServer_; } // valid in 2 days

    // A second, unrelated CA and what it signed.
    const CertKey &foreignCa() const { return foreignCa_; }
    const CertKey &foreignClient() const { return foreignClient_; }
    const CertKey &foreignServer() const { return foreignServer_; } // localhost SANs

private:
    bool generate();

    QTemporaryDir tmp_;
    bool ok_ = false;
    std::string error_;
    CertKey ca_, server_, client_, expiredServer_, otherHostServer_, notYetValidServer_;
    CertKey foreignCa_, foreignClient_, foreignServer_;
};

} // namespace sandbox::test
