#include "pem_inspector.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>
#include <utility>

namespace sandbox {

namespace {

struct BioFree {
    void operator()(BIO *b) const { BIO_free(b); }
};
struct X509Free {
    void operator()(X509 *x) const { X509_free(x); }
};
struct PkeyFree {
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
using BioPtr = std::unique_ptr<BIO, BioFree>;
using X509Ptr = std::unique_ptr<X509, X509Free>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyFree>;

BioPtr memoryBio(const std::string &pem) {
    return BioPtr(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
}

X509Ptr readCertificate(BIO *bio) {
    return X509Ptr(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr));
}

// A callback that refuses to prompt for a passphrase: encrypted keys are rejected, never
// answered from a terminal behind the user's back.
int noPassphrase(char *, int, int, void *) {
    return 0;
}

// Whether one PEM block could hold an unencrypted private key: a "... PRIVATE KEY" label and
// a body that is a DER sequence (PKCS#8 for "PRIVATE KEY", the algorithm's own structure for
// the traditional "RSA PRIVATE KEY" and the like).
bool mayHoldPlainKey(const std::string &name, const std::string &header, const unsigned char *der,
                     long length) {
    if (!name.ends_with(" PRIVATE KEY") && name != "PRIVATE KEY")
        return false;
    if (name.starts_with("ENCRYPTED") || header.find("ENCRYPTED") != std::string::npos)
        return false; // refused below without a passphrase prompt either way
    const unsigned char *cursor = der;
    if (name == "PRIVATE KEY") {
        PKCS8_PRIV_KEY_INFO *info = d2i_PKCS8_PRIV_KEY_INFO(nullptr, &cursor, length);
        PKCS8_PRIV_KEY_INFO_free(info);
        return info != nullptr;
    }
    ASN1_SEQUENCE_ANY *sequence = d2i_ASN1_SEQUENCE_ANY(nullptr, &cursor, length);
    sk_ASN1_TYPE_pop_free(sequence, ASN1_TYPE_free);
    return sequence != nullptr;
}

// What OpenSSL's PEM reader tells its key decoders about a key block's label: the body's
// structure and, for a traditional key, its type. Other labels go to OpenSSL's own reader.
struct KeyLabel {
    const char *name;
    const char *structure;
    const char *type;
};
constexpr KeyLabel kKeyLabels[] = {
    {"PRIVATE KEY", "PrivateKeyInfo", nullptr},
    {"RSA PRIVATE KEY", "type-specific", "RSA"},
    {"EC PRIVATE KEY", "type-specific", "EC"},
    {"DSA PRIVATE KEY", "type-specific", "DSA"},
};

// OpenSSL 3.0 sets up its key decoders (every provider's, ~0.8 ms and hundreds of
// allocations) on each PEM_read_bio_PrivateKey. A decoder per label is set up once per
// thread and reused: each use empties the slot the decoder writes its key to.
class KeyDecoder {
public:
    explicit KeyDecoder(const KeyLabel &label)
        : context_(OSSL_DECODER_CTX_new_for_pkey(&key_, "DER", label.structure, label.type,
                                                 EVP_PKEY_KEYPAIR, nullptr, nullptr)) {}
    ~KeyDecoder() { OSSL_DECODER_CTX_free(context_); }
    KeyDecoder(const KeyDecoder &) = delete;
    KeyDecoder &operator=(const KeyDecoder &) = delete;

    PkeyPtr decode(const unsigned char *der, long length) {
        std::size_t left = static_cast<std::size_t>(length);
        const bool decoded = context_ && OSSL_DECODER_from_data(context_, &der, &left) == 1;
        PkeyPtr key(std::exchange(key_, nullptr)); // the slot is empty for the next use
        return decoded ? std::move(key) : PkeyPtr();
    }

private:
    EVP_PKEY *key_ = nullptr;
    OSSL_DECODER_CTX *context_;
};

// This thread's decoder for a key block's label, or null for a label OpenSSL reads its own way.
KeyDecoder *decoderFor(const char *name) {
    thread_local std::unique_ptr<KeyDecoder> decoders[std::size(kKeyLabels)];
    for (std::size_t i = 0; i < std::size(kKeyLabels); ++i) {
        if (std::strcmp(name, kKeyLabels[i].name) != 0)
            continue;
        if (!decoders[i])
            decoders[i] = std::make_unique<KeyDecoder>(kKeyLabels[i]);
        return decoders[i].get();
    }
    return nullptr;
}

PkeyPtr openSslKeyReader(const std::string &pem) {
    BioPtr bio = memoryBio(pem);
    if (!bio)
        return {};
    return PkeyPtr(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr));
}

// The first key in the text, read as OpenSSL's PEM reader does: reading the armour is cheap,
// so only a block that could hold an unencrypted key reaches a decoder, and a certificate picked
// as the key file is told apart at once.
PkeyPtr readPrivateKey(const std::string &pem) {
    BioPtr bio = memoryBio(pem);
    while (bio) {
        char *name = nullptr;
        char *header = nullptr;
        unsigned char *der = nullptr;
        long length = 0;
        if (PEM_read_bio(bio.get(), &name, &header, &der, &length) != 1)
            break;
        const bool candidate = mayHoldPlainKey(name, header, der, length);
        KeyDecoder *decoder = candidate ? decoderFor(name) : nullptr;
        PkeyPtr key = decoder ? decoder->decode(der, length) : PkeyPtr();
        OPENSSL_free(name);
        OPENSSL_free(header);
        OPENSSL_free(der);
        if (key)
            return key;
        if (candidate && !decoder)
            return openSslKeyReader(pem);
        // As OpenSSL's reader: after a key of a type no provider supports the next block is
        // tried; any other failure of a key block ends the search.
        if (decoder && ERR_GET_REASON(ERR_peek_error()) != ERR_R_UNSUPPORTED)
            return {};
        ERR_clear_error();
    }
    return {};
}

X509Ptr firstCertificate(const std::string &pem) {
    BioPtr bio = memoryBio(pem);
    if (!bio)
        return {};
    return readCertificate(bio.get());
}

std::string nameToString(const X509_NAME *name) {
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio || !name)
        return {};
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253);
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio.get(), &data);
    return len > 0 ? std::string(data, static_cast<std::size_t>(len)) : std::string();
}

std::chrono::system_clock::time_point toTimePoint(const ASN1_TIME *time) {
    std::tm tm{};
    if (!time || ASN1_TIME_to_tm(time, &tm) != 1)
        return {};
    return std::chrono::system_clock::from_time_t(timegm(&tm));
}

// OpenSSL keeps failures in a thread-local queue; leave it empty for the next caller.
std::string takeOpenSslError() {
    const unsigned long code = ERR_peek_last_error();
    std::string text;
    if (code != 0) {
        char buf[256];
        ERR_error_string_n(code, buf, sizeof buf);
        text = buf;
    }
    ERR_clear_error();
    return text;
}

} // namespace

std::optional<std::string> PemInspector::readFile(const std::string &path, std::string &error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        error = "cannot read " + path + ": " + std::strerror(errno);
        return std::nullopt;
    }
    std::ostringstream out;
    out << in.rdbuf();
    if (in.bad()) {
        error = "cannot read " + path + ": read error";
        return std::nullopt;
    }
    return out.str();
}

std::optional<CertificateInfo>
PemInspector::certificate(const std::string &pem, const std::string &label, std::string &error) {
    X509Ptr cert = firstCertificate(pem);
    if (!cert) {
        takeOpenSslError();
        error =
            label + " does not contain a PEM certificate (expected -----BEGIN CERTIFICATE-----)";
        return std::nullopt;
    }
    CertificateInfo info;
    info.subject = nameToString(X509_get_subject_name(cert.get()));
    info.issuer = nameToString(X509_get_issuer_name(cert.get()));
    info.notBefore = toTimePoint(X509_get0_notBefore(cert.get()));
    info.notAfter = toTimePoint(X509_get0_notAfter(cert.get()));
    return info;
}

bool PemInspector::isPrivateKey(const std::string &pem, const std::string &label,
                                std::string &error) {
    if (readPrivateKey(pem))
        return true;
    takeOpenSslError();
    if (pem.find("ENCRYPTED") != std::string::npos)
        error = label + " holds an encrypted private key; passphrase-protected keys are not "
                        "supported (decrypt it with openssl pkey)";
    else
        error = label + " does not contain a PEM private key (expected -----BEGIN ... KEY-----)";
    return false;
}

bool PemInspector::isCertificateBundle(const std::string &pem, const std::string &label,
                                       std::string &error) {
    BioPtr bio = memoryBio(pem);
    int count = 0;
    while (bio) {
        X509Ptr cert = readCertificate(bio.get());
        if (!cert)
            break;
        ++count;
    }
    takeOpenSslError(); // reading past the last certificate always leaves an error
    if (count == 0) {
        error = label + " does not contain any PEM certificate (expected -----BEGIN "
                        "CERTIFICATE-----)";
        return false;
    }
    return true;
}

bool PemInspector::keyMatchesCertificate(const std::string &certPem, const std::string &keyPem,
                                         std::string &error) {
    X509Ptr cert = firstCertificate(certPem);
    PkeyPtr key = readPrivateKey(keyPem);
    if (!cert || !key) {
        takeOpenSslError();
        error = cert ? "the private key cannot be parsed" : "the certificate cannot be parsed";
        return false;
    }
    if (X509_check_private_key(cert.get(), key.get()) == 1)
        return true;
    const std::string detail = takeOpenSslError();
    error = "the private key does not belong to the certificate";
    if (!detail.empty())
        error += " (" + detail + ")";
    return false;
}

} // namespace sandbox
