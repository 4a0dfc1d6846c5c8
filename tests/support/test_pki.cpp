#include "test_pki.h"

#include <QFile>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <memory>
#include <vector>

namespace sandbox::test {

namespace {

using PKeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;

constexpr long kDay = 24 * 60 * 60;

struct CertSpec {
    std::string commonName;
    bool isCa = false;
    std::string extendedKeyUsage; // "serverAuth", "clientAuth" or empty for a CA
    std::string subjectAltName;   // e.g. "DNS:localhost,IP:127.0.0.1"; empty for none
    long notBeforeOffset = -kDay; // seconds relative to now
    long notAfterOffset = 30 * kDay;
};

// A generated certificate and key, kept as OpenSSL objects so they can sign others.
struct Issued {
    X509Ptr cert{nullptr, &X509_free};
    PKeyPtr key{nullptr, &EVP_PKEY_free};
};

std::string opensslError(const char *what) {
    std::string text = what;
    unsigned long code = 0;
    while ((code = ERR_get_error()) != 0) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        text += ": ";
        text += buf;
    }
    return text;
}

bool addExtension(X509 *cert, X509 *issuer, int nid, const std::string &value) {
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
    X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value.c_str());
    if (!ext)
        return false;
    const bool ok = X509_add_ext(cert, ext, -1) == 1;
    X509_EXTENSION_free(ext);
    return ok;
}

bool issue(const CertSpec &spec, const Issued *issuer, Issued &out, std::string &error) {
    out.key.reset(EVP_EC_gen("P-256"));
    if (!out.key) {
        error = opensslError("EC key generation failed");
        return false;
    }
    out.cert.reset(X509_new());
    X509 *cert = out.cert.get();
    if (!cert || X509_set_version(cert, 2) != 1) {
        error = opensslError("X509_new failed");
        return false;
    }
    // Random positive 64-bit serial: certificates from two runs never collide.
    std::unique_ptr<BIGNUM, decltype(&BN_free)> serial(BN_new(), &BN_free);
    if (!serial || BN_rand(serial.get(), 64, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY) != 1 ||
        !BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(cert))) {
        error = opensslError("serial number generation failed");
        return false;
    }
    X509_gmtime_adj(X509_getm_notBefore(cert), spec.notBeforeOffset);
    X509_gmtime_adj(X509_getm_notAfter(cert), spec.notAfterOffset);
    X509_set_pubkey(cert, out.key.get());

    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("Sandbox Console tests"), -1,
                               -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>(spec.commonName.c_str()), -1,
                               -1, 0);
    X509 *issuerCert = issuer ? issuer->cert.get() : cert;
    EVP_PKEY *issuerKey = issuer ? issuer->key.get() : out.key.get();
    X509_set_issuer_name(cert, X509_get_subject_name(issuerCert));

    bool ok = true;
    if (spec.isCa) {
        ok = ok && addExtension(cert, issuerCert, NID_basic_constraints, "critical,CA:TRUE");
        ok = ok && addExtension(cert, issuerCert, NID_key_usage, "critical,keyCertSign,cRLSign");
    } else {
        ok = ok && addExtension(cert, issuerCert, NID_basic_constraints, "CA:FALSE");
        ok = ok && addExtension(cert, issuerCert, NID_key_usage,
                                "critical,digitalSignature,keyAgreement");
        ok = ok && addExtension(cert, issuerCert, NID_ext_key_usage, spec.extendedKeyUsage);
    }
    ok = ok && addExtension(cert, issuerCert, NID_subject_key_identifier, "hash");
    if (issuer)
        ok = ok && addExtension(cert, issuerCert, NID_authority_key_identifier, "keyid:always");
    if (!spec.subjectAltName.empty())
        ok = ok && addExtension(cert, issuerCert, NID_subject_alt_name, spec.subjectAltName);
    if (!ok) {
        error = opensslError("adding a certificate extension failed");
        return false;
    }
    if (X509_sign(cert, issuerKey, EVP_sha256()) <= 0) {
        error = opensslError("signing the certificate failed");
        return false;
    }
    return true;
}

std::string bioText(BIO *bio) {
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<size_t>(len));
}

bool writeFile(const QString &path, const std::string &text, std::string &error) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        error = "cannot write " + path.toStdString();
        return false;
    }
    file.write(text.data(), static_cast<qint64>(text.size()));
    // Keys are private even in a temporary directory.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return true;
}

bool store(const Issued &issued, const QString &dir, const QString &stem, CertKey &out,
           std::string &error) {
    BioPtr certBio(BIO_new(BIO_s_mem()), &BIO_free);
    BioPtr keyBio(BIO_new(BIO_s_mem()), &BIO_free);
    if (!certBio || !keyBio || PEM_write_bio_X509(certBio.get(), issued.cert.get()) != 1 ||
        PEM_write_bio_PrivateKey(keyBio.get(), issued.key.get(), nullptr, nullptr, 0, nullptr,
                                 nullptr) != 1) {
        error = opensslError("PEM encoding failed");
        return false;
    }
    out.certPem = bioText(certBio.get());
    out.keyPem = bioText(keyBio.get());
    out.certPath = dir + QLatin1Char('/') + stem + QStringLiteral(".crt");
    out.keyPath = dir + QLatin1Char('/') + stem + QStringLiteral(".key");
    return writeFile(out.certPath, out.certPem, error) && writeFile(out.keyPath, out.keyPem, error);
}

} // namespace

TestPki::TestPki() {
    ok_ = generate();
}

TestPki::~TestPki() = default;

bool TestPki::generate() {
    if (!tmp_.isValid()) {
        error_ = "cannot create a temporary directory: " + tmp_.errorString().toStdString();
        return false;
    }
    const std::string localSans = "DNS:localhost,IP:127.0.0.1";
    const QString dir = tmp_.path();

    Issued ca, foreignCa;
    if (!issue({"Sandbox Test CA", true, {}, {}, -kDay, 30 * kDay}, nullptr, ca, error_) ||
        !store(ca, dir, QStringLiteral("ca"), ca_, error_))
        return false;
    if (!issue({"Foreign Test CA", true, {}, {}, -kDay, 30 * kDay}, nullptr, foreignCa, error_) ||
        !store(foreignCa, dir, QStringLiteral("foreign-ca"), foreignCa_, error_))
        return false;

    struct Leaf {
        CertSpec spec;
        const Issued *issuer;
        QString stem;
        CertKey *out;
    };
    const std::vector<Leaf> leaves = {
        {{"localhost", false, "serverAuth", localSans, -kDay, 30 * kDay},
         &ca,
         QStringLiteral("server"),
         &server_},
        {{"sandbox-test-client", false, "clientAuth", {}, -kDay, 30 * kDay},
         &ca,
         QStringLiteral("client"),
         &client_},
        // Valid two days ago for one day: expired, but otherwise exactly like server_.
        {{"localhost", false, "serverAuth", localSans, -2 * kDay, -kDay},
         &ca,
         QStringLiteral("expired-server"),
         &expiredServer_},
        // Valid from two days from now: exactly like server_ otherwise.
        {{"localhost", false, "serverAuth", localSans, 2 * kDay, 30 * kDay},
         &ca,
         QStringLiteral("not-yet-valid-server"),
         &notYetValidServer_},
        {{"other.example", false, "serverAuth", "DNS:other.example", -kDay, 30 * kDay},
         &ca,
         QStringLiteral("other-host-server"),
         &otherHostServer_},
        {{"foreign-client", false, "clientAuth", {}, -kDay, 30 * kDay},
         &foreignCa,
         QStringLiteral("foreign-client"),
         &foreignClient_},
        {{"localhost", false, "serverAuth", localSans, -kDay, 30 * kDay},
         &foreignCa,
         QStringLiteral("foreign-server"),
         &foreignServer_},
    };
    for (const Leaf &leaf : leaves) {
        Issued issued;
        if (!issue(leaf.spec, leaf.issuer, issued, error_) ||
            !store(issued, dir, leaf.stem, *leaf.out, error_))
            return false;
    }
    return true;
}

} // namespace sandbox::test
