// Unit tests of what RemoteRunner::create() refuses before any network I/O, and of
// PemInspector. Self-contained: certificates are generated here with OpenSSL's C API.
#include <pem_inspector.h>
#include <remote_runner.h>

#include <QFile>
#include <QTemporaryDir>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <gtest/gtest.h>

#include <memory>
#include <thread>
#include <vector>

using namespace sandbox;

namespace {

struct SelfSigned {
    std::string certPem;
    std::string keyPem;
};

std::string bioText(BIO *bio) {
    char *data = nullptr;
    const long len = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(len));
}

// A self-signed EC P-256 certificate valid from `fromDays` to `toDays` relative to now.
SelfSigned makeCertificate(const char *commonName, long fromDays = -1, long toDays = 30) {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_EC_gen("P-256"), EVP_PKEY_free);
    std::unique_ptr<X509, decltype(&X509_free)> cert(X509_new(), X509_free);
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), fromDays * 86400);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), toDays * 86400);
    X509_set_pubkey(cert.get(), key.get());
    X509_NAME *name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>("Sandbox Tests"), -1, -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char *>(commonName), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509_sign(cert.get(), key.get(), EVP_sha256());

    std::unique_ptr<BIO, decltype(&BIO_free)> certBio(BIO_new(BIO_s_mem()), BIO_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> keyBio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_X509(certBio.get(), cert.get());
    PEM_write_bio_PrivateKey(keyBio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    return {bioText(certBio.get()), bioText(keyBio.get())};
}

enum class KeyForm { Traditional, EncryptedPkcs8 };

// The same key written as `openssl` writes other key files users pick.
std::string rewriteKey(const std::string &keyPem, KeyForm form) {
    std::unique_ptr<BIO, decltype(&BIO_free)> in(
        BIO_new_mem_buf(keyPem.data(), static_cast<int>(keyPem.size())), BIO_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(
        PEM_read_bio_PrivateKey(in.get(), nullptr, nullptr, nullptr), EVP_PKEY_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), BIO_free);
    if (form == KeyForm::Traditional) {
        PEM_write_bio_PrivateKey_traditional(out.get(), key.get(), nullptr, nullptr, 0, nullptr,
                                             nullptr);
    } else {
        static char passphrase[] = "correct horse";
        PEM_write_bio_PKCS8PrivateKey(out.get(), key.get(), EVP_aes_128_cbc(), passphrase,
                                      sizeof passphrase - 1, nullptr, nullptr);
    }
    return bioText(out.get());
}

std::string relabelled(std::string pem, const std::string &from, const std::string &to) {
    for (std::size_t at = pem.find(from); at != std::string::npos; at = pem.find(from, at))
        pem.replace(at, from.size(), to);
    return pem;
}

class CoreRunnerConfigTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(dir.isValid());
        ASSERT_FALSE(ca.certPem.empty());
        caFile = writeFile(QStringLiteral("ca.pem"), ca.certPem);
        certFile = writeFile(QStringLiteral("client.pem"), client.certPem);
        keyFile = writeFile(QStringLiteral("client.key"), client.keyPem);
        otherKeyFile = writeFile(QStringLiteral("other.key"), other.keyPem);
        junkFile = writeFile(QStringLiteral("junk.pem"), "this is not PEM\n");
    }

    std::string writeFile(const QString &name, const std::string &text) {
        const QString path = dir.filePath(name);
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        f.write(text.data(), static_cast<qint64>(text.size()));
        return path.toStdString();
    }

    static RunnerConfig baseConfig() {
        RunnerConfig config;
        config.address = "127.0.0.1:50051";
        return config;
    }

    // create() must refuse the config; returns its message.
    static std::string refusal(RunnerConfig config) {
        std::string error;
        auto runner = RemoteRunner::create(std::move(config), error);
        EXPECT_EQ(runner, nullptr) << "config was accepted";
        EXPECT_FALSE(error.empty());
        return error;
    }

    static bool accepted(RunnerConfig config) {
        std::string error;
        auto runner = RemoteRunner::create(std::move(config), error);
        EXPECT_NE(runner, nullptr) << error;
        return runner != nullptr;
    }

    QTemporaryDir dir;
    SelfSigned ca = makeCertificate("Sandbox Test CA");
    SelfSigned client = makeCertificate("sandbox-client");
    SelfSigned other = makeCertificate("someone-else");
    std::string caFile, certFile, keyFile, otherKeyFile, junkFile;
};

::testing::AssertionResult contains(const std::string &text, const std::string &part) {
    if (text.find(part) != std::string::npos)
        return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure()
           << "\"" << text << "\" does not contain \"" << part << "\"";
}

TEST_F(CoreRunnerConfigTest, EmptyAddressIsRefused) {
    RunnerConfig config = baseConfig();
    config.address.clear();
    EXPECT_TRUE(contains(refusal(config), "address is empty"));
}

TEST_F(CoreRunnerConfigTest, MalformedAddressesAreRefusedAndNamed) {
    const std::pair<const char *, const char *> cases[] = {
        {"127.0.0.1", "has no port"},
        {"agent.example:http", "invalid port"},
        {"agent.example:70000", "invalid port"},
        {"agent.example:0", "invalid port"},
        {":50051", "has no host"},
        {"::1:50051", "brackets"},
        {"[::1]50051", "[ipv6]:port"},
        {"https://agent.example:443", "looks like a URL"},
        {"agent example:1", "whitespace"},
        {"unix:", "no socket path"},
    };
    for (const auto &[address, expected] : cases) {
        RunnerConfig config = baseConfig();
        config.address = address;
        const std::string error = refusal(config);
        EXPECT_TRUE(contains(error, expected)) << address;
        EXPECT_TRUE(contains(error, address)) << "the message must name the address";
    }
}

TEST_F(CoreRunnerConfigTest, WellFormedAddressesAreAccepted) {
    for (const char *address : {"localhost:50051", "10.0.0.7:1", "[::1]:50051",
                                "dns:///agent.example:443", "unix:/run/sandbox.sock"}) {
        RunnerConfig config = baseConfig();
        config.address = address;
        EXPECT_TRUE(accepted(config)) << address;
    }
}

TEST_F(CoreRunnerConfigTest, TokenWithoutTlsIsRefusedUnlessInsecureIsAllowed) {
    RunnerConfig config = baseConfig();
    config.token = "s3cr3t-token-value";
    const std::string error = refusal(config);
    EXPECT_TRUE(contains(error, "cleartext"));
    EXPECT_TRUE(contains(error, "configure TLS or allow insecure"));
    EXPECT_FALSE(contains(error, "s3cr3t")) << "the token must never be shown";

    config.allowInsecure = true;
    EXPECT_TRUE(accepted(config));
}

TEST_F(CoreRunnerConfigTest, TokenOverTlsIsAccepted) {
    RunnerConfig config = baseConfig();
    config.token = "tok";
    config.caCert = PemSource::fromFile(caFile);
    EXPECT_TRUE(accepted(config));
}

TEST_F(CoreRunnerConfigTest, TokenWithANewlineIsRefusedWithoutEchoingIt) {
    RunnerConfig config = baseConfig();
    config.useTls = true;
    config.token = "abc-token\n";
    const std::string error = refusal(config);
    EXPECT_TRUE(contains(error, "newline"));
    EXPECT_FALSE(contains(error, "abc-token"));
}

TEST_F(CoreRunnerConfigTest, UnreadableFileIsNamed) {
    RunnerConfig config = baseConfig();
    const std::string missing = dir.filePath(QStringLiteral("missing-ca.pem")).toStdString();
    config.caCert = PemSource::fromFile(missing);
    const std::string error = refusal(config);
    EXPECT_TRUE(contains(error, missing));
    EXPECT_TRUE(contains(error, "cannot read"));
}

TEST_F(CoreRunnerConfigTest, NonPemFilesAreNamed) {
    RunnerConfig ca = baseConfig();
    ca.caCert = PemSource::fromFile(junkFile);
    EXPECT_TRUE(contains(refusal(ca), junkFile));

    RunnerConfig cert = baseConfig();
    cert.clientCert = PemSource::fromFile(junkFile);
    cert.clientKey = PemSource::fromFile(keyFile);
    EXPECT_TRUE(contains(refusal(cert), junkFile));

    RunnerConfig key = baseConfig();
    key.clientCert = PemSource::fromFile(certFile);
    key.clientKey = PemSource::fromFile(junkFile);
    const std::string error = refusal(key);
    EXPECT_TRUE(contains(error, junkFile));
    EXPECT_TRUE(contains(error, "private key"));
}

TEST_F(CoreRunnerConfigTest, KeyGivenAsCertificateIsRefused) {
    RunnerConfig config = baseConfig();
    config.caCert = PemSource::fromFile(keyFile);
    EXPECT_TRUE(contains(refusal(config), keyFile));
}

TEST_F(CoreRunnerConfigTest, ClientCertAndKeyComeTogether) {
    RunnerConfig certOnly = baseConfig();
    certOnly.clientCert = PemSource::fromFile(certFile);
    EXPECT_TRUE(contains(refusal(certOnly), "without its private key"));

    RunnerConfig keyOnly = baseConfig();
    keyOnly.clientKey = PemSource::fromFile(keyFile);
    EXPECT_TRUE(contains(refusal(keyOnly), "without its certificate"));
}

TEST_F(CoreRunnerConfigTest, KeyThatDoesNotMatchTheCertificateIsRefused) {
    RunnerConfig config = baseConfig();
    config.caCert = PemSource::fromFile(caFile);
    config.clientCert = PemSource::fromFile(certFile);
    config.clientKey = PemSource::fromFile(otherKeyFile);
    const std::string error = refusal(config);
    EXPECT_TRUE(contains(error, "does not match"));
    EXPECT_TRUE(contains(error, otherKeyFile));
    EXPECT_TRUE(contains(error, certFile));
}

TEST_F(CoreRunnerConfigTest, MatchingMutualTlsFromFilesAndMemoryIsAccepted) {
    RunnerConfig files = baseConfig();
    files.caCert = PemSource::fromFile(caFile);
    files.clientCert = PemSource::fromFile(certFile);
    files.clientKey = PemSource::fromFile(keyFile);
    EXPECT_TRUE(accepted(files));

    RunnerConfig memory = baseConfig();
    memory.caCert = PemSource::fromPem(ca.certPem);
    memory.clientCert = PemSource::fromPem(client.certPem);
    memory.clientKey = PemSource::fromPem(client.keyPem);
    EXPECT_TRUE(accepted(memory));
}

TEST_F(CoreRunnerConfigTest, InMemoryGarbageIsNamedAsInMemory) {
    RunnerConfig config = baseConfig();
    config.caCert = PemSource::fromPem("garbage");
    EXPECT_TRUE(contains(refusal(config), "in-memory CA certificate"));
}

TEST_F(CoreRunnerConfigTest, EmptyArgvIsRejectedBeforeAnyNetworkIo) {
    RunnerConfig config = baseConfig();
    config.address = "192.0.2.1:9"; // TEST-NET: would hang until the timeout if dialled
    std::string error;
    auto runner = RemoteRunner::create(config, error);
    ASSERT_NE(runner, nullptr) << error;
    const CollectedExec run = runner->execCollect(ExecRequest{});
    EXPECT_EQ(run.result.outcome, ExecOutcome::Failed);
    EXPECT_EQ(run.result.error.kind, ExecErrorKind::InvalidRequest);
    EXPECT_TRUE(contains(run.result.error.message, "empty"));
    EXPECT_EQ(run.result.error.grpcCode, 0);
}

TEST_F(CoreRunnerConfigTest, ExecCancelledBeforeItStartsReturnsCancelled) {
    RunnerConfig config = baseConfig();
    config.address = "192.0.2.1:9";
    std::string error;
    auto runner = RemoteRunner::create(config, error);
    ASSERT_NE(runner, nullptr) << error;
    ExecCancellation cancellation;
    cancellation.cancel();
    ExecRequest request;
    request.argv = {"true"};
    const CollectedExec run = runner->execCollect(request, &cancellation);
    EXPECT_EQ(run.result.outcome, ExecOutcome::Cancelled);
    EXPECT_EQ(run.result.error.kind, ExecErrorKind::Cancelled);
}

TEST_F(CoreRunnerConfigTest, PemInspectorDescribesACertificate) {
    const SelfSigned shortLived = makeCertificate("inspected.example", -2, 10);
    std::string error;
    const auto info = PemInspector::certificate(shortLived.certPem, "test cert", error);
    ASSERT_TRUE(info.has_value()) << error;
    EXPECT_TRUE(contains(info->subject, "CN=inspected.example"));
    EXPECT_TRUE(contains(info->subject, "O=Sandbox Tests"));
    EXPECT_EQ(info->issuer, info->subject) << "self-signed";
    const auto now = std::chrono::system_clock::now();
    const auto day = std::chrono::hours(24);
    EXPECT_GT(info->notBefore, now - 3 * day);
    EXPECT_LT(info->notBefore, now - 1 * day);
    EXPECT_GT(info->notAfter, now + 9 * day);
    EXPECT_LT(info->notAfter, now + 11 * day);
}

TEST_F(CoreRunnerConfigTest, PemInspectorChecksKindsAndLabelsErrors) {
    std::string error;
    EXPECT_TRUE(PemInspector::isPrivateKey(client.keyPem, "k", error));
    EXPECT_FALSE(PemInspector::isPrivateKey(client.certPem, "the key file /x/y.key", error));
    EXPECT_TRUE(contains(error, "/x/y.key"));

    EXPECT_TRUE(PemInspector::isCertificateBundle(ca.certPem + client.certPem, "b", error));
    EXPECT_FALSE(PemInspector::isCertificateBundle("", "the CA file /x/ca.pem", error));
    EXPECT_TRUE(contains(error, "/x/ca.pem"));

    EXPECT_FALSE(PemInspector::certificate("nope", "the cert file /x/c.pem", error));
    EXPECT_TRUE(contains(error, "/x/c.pem"));
}

TEST_F(CoreRunnerConfigTest, PemInspectorReadsEveryKeyFileOpenSslWritesAndRefusesTheRest) {
    std::string error;
    // One file with the certificate first and its key after it, as many tools write them.
    const std::string combined = client.certPem + client.keyPem;
    EXPECT_TRUE(PemInspector::isPrivateKey(combined, "k", error)) << error;
    EXPECT_TRUE(PemInspector::keyMatchesCertificate(combined, combined, error)) << error;

    const std::string traditional = rewriteKey(client.keyPem, KeyForm::Traditional);
    ASSERT_NE(traditional.find("BEGIN EC PRIVATE KEY"), std::string::npos) << traditional;
    EXPECT_TRUE(PemInspector::isPrivateKey(traditional, "k", error)) << error;
    EXPECT_TRUE(PemInspector::keyMatchesCertificate(client.certPem, traditional, error)) << error;

    const std::string encrypted = rewriteKey(client.keyPem, KeyForm::EncryptedPkcs8);
    ASSERT_NE(encrypted.find("BEGIN ENCRYPTED PRIVATE KEY"), std::string::npos) << encrypted;
    EXPECT_FALSE(PemInspector::isPrivateKey(encrypted, "the key file /x/enc.key", error));
    EXPECT_TRUE(contains(error, "/x/enc.key holds an encrypted private key")) << error;

    // A key label around a certificate's bytes is not a key.
    const std::string wrongBody = relabelled(client.certPem, "CERTIFICATE", "PRIVATE KEY");
    EXPECT_FALSE(PemInspector::isPrivateKey(wrongBody, "the key file /x/odd.key", error));
    EXPECT_TRUE(contains(error, "/x/odd.key does not contain a PEM private key")) << error;
    EXPECT_FALSE(PemInspector::keyMatchesCertificate(client.certPem, wrongBody, error));
    EXPECT_TRUE(contains(error, "the private key cannot be parsed")) << error;
}

TEST_F(CoreRunnerConfigTest, PemInspectorMatchesKeysToCertificates) {
    std::string error;
    EXPECT_TRUE(PemInspector::keyMatchesCertificate(client.certPem, client.keyPem, error)) << error;
    EXPECT_FALSE(PemInspector::keyMatchesCertificate(client.certPem, other.keyPem, error));
    EXPECT_TRUE(contains(error, "does not belong"));
}

// Key files are decoded with a decoder each thread keeps: one key read, or one refused, must
// never show through in the next, on this thread or on another.
TEST_F(CoreRunnerConfigTest, PemInspectorReadsKeyAfterKeyOnEveryThread) {
    const std::string wrongBody = relabelled(client.certPem, "CERTIFICATE", "PRIVATE KEY");
    const std::string traditional = rewriteKey(other.keyPem, KeyForm::Traditional);
    // An RSA key in both forms, and a file whose first block is not a key.
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> rsa(EVP_RSA_gen(2048), EVP_PKEY_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> rsaBio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PrivateKey(rsaBio.get(), rsa.get(), nullptr, nullptr, 0, nullptr, nullptr);
    const std::string rsaKey = bioText(rsaBio.get());
    const std::string rsaTraditional = rewriteKey(rsaKey, KeyForm::Traditional);
    ASSERT_NE(rsaTraditional.find("BEGIN RSA PRIVATE KEY"), std::string::npos);
    const std::string certThenKey = other.certPem + other.keyPem;
    auto readInTurn = [&](std::vector<std::string> &failures) {
        // What each pair gives: a match, or the start of the error that says why not.
        const std::string matches, foreign = "the private key does not belong",
                                   unreadable = "the private key cannot be parsed";
        struct Step {
            const std::string &cert, &key, &outcome;
        };
        const Step steps[] = {
            {client.certPem, client.keyPem, matches},  {client.certPem, other.keyPem, foreign},
            {other.certPem, other.keyPem, matches},    {client.certPem, wrongBody, unreadable},
            {other.certPem, traditional, matches},     {client.certPem, client.keyPem, matches},
            {other.certPem, rsaKey, foreign},          {other.certPem, certThenKey, matches},
            {client.certPem, rsaTraditional, foreign}, {client.certPem, certThenKey, foreign}};
        int index = 0;
        for (const Step &step : steps) {
            std::string error;
            const bool matched = PemInspector::keyMatchesCertificate(step.cert, step.key, error);
            if (matched != step.outcome.empty() || !error.starts_with(step.outcome))
                failures.push_back("step " + std::to_string(index) + ": " + error);
            ++index;
        }
    };
    std::vector<std::string> here, there;
    readInTurn(here);
    std::thread second(readInTurn, std::ref(there));
    second.join();
    readInTurn(here);
    EXPECT_TRUE(here.empty()) << here.front();
    EXPECT_TRUE(there.empty()) << there.front();
}

TEST_F(CoreRunnerConfigTest, PemInspectorReadFileNamesTheFile) {
    std::string error;
    const auto text = PemInspector::readFile(caFile, error);
    ASSERT_TRUE(text.has_value()) << error;
    EXPECT_EQ(*text, ca.certPem);
    EXPECT_FALSE(PemInspector::readFile("/nonexistent/dir/ca.pem", error));
    EXPECT_TRUE(contains(error, "/nonexistent/dir/ca.pem"));
}

} // namespace
