// Server authentication: the client verifies the agent's certificate, and says why not.
#include "agent_process.h"
#include "secure_agent.h"
#include "test_pki.h"
#include "tls_probe.h"

#include <exec_error_text.h>
#include <remote_runner.h>

#include <gtest/gtest.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>

#include <ctime>

using namespace sandbox;
using namespace sandbox::test;

namespace {

// The calendar day (UTC) a certificate's validity starts or ends, read from the certificate.
std::string certificateDay(const std::string &certPem, bool end) {
    BIO *bio = BIO_new_mem_buf(certPem.data(), static_cast<int>(certPem.size()));
    X509 *cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    std::tm tm{};
    char day[16] = {};
    if (cert && ASN1_TIME_to_tm(end ? X509_get0_notAfter(cert) : X509_get0_notBefore(cert), &tm))
        std::strftime(day, sizeof day, "%Y-%m-%d", &tm);
    X509_free(cert);
    return day;
}

// The clauses that name each cause; a message must carry its own and no other.
const char *const kCauseClauses[] = {"expired on", "is not valid until", "was issued for",
                                     "is not signed by"};

void expectOnlyCause(const std::string &message, const std::string &clause) {
    for (const char *other : kCauseClauses) {
        if (clause == other)
            EXPECT_TRUE(contains(message, other)) << message;
        else
            EXPECT_FALSE(contains(message, other)) << message;
    }
}

class RunnerTlsTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(pki.ok()) << pki.error(); }

    void TearDown() override {
        EXPECT_FALSE(contains(agent.stderrText(), token)) << agent.stderrText();
    }

    // Starts the agent with the given server certificate and a token.
    bool startWith(const CertKey &serverCert) {
        return agent.start({"--tls-cert", serverCert.certFile(), "--tls-key", serverCert.keyFile()},
                           {{"SANDBOX_RUNNER_TOKEN", token}});
    }

    RunnerConfig config() const {
        RunnerConfig c;
        c.address = agent.address();
        c.token = token;
        c.caCert = PemSource::fromFile(pki.ca().certFile());
        c.image = SecureAgent::kImage;
        return c;
    }

    static CollectedExec runEcho(const RunnerConfig &c) {
        auto runner = SecureAgent::makeRunner(c);
        if (!runner)
            return {};
        return runner->execCollect(command({"echo", "tls"}));
    }

    TestPki pki;
    AgentProcess agent;
    std::string token = SecureAgent::randomToken();
};

TEST_F(RunnerTlsTest, CertificateForLoopbackIpIsAccepted) {
    ASSERT_TRUE(startWith(pki.server()));
    const CollectedExec run = runEcho(config());
    ASSERT_TRUE(run.result.exited()) << describe(run.result);
    EXPECT_EQ(run.stdoutData, "tls\n");
}

TEST_F(RunnerTlsTest, CertificateForLocalhostNameIsAccepted) {
    ASSERT_TRUE(startWith(pki.server()));
    RunnerConfig c = config();
    c.address = "localhost:" + std::to_string(agent.port());
    const CollectedExec run = runEcho(c);
    ASSERT_TRUE(run.result.exited()) << describe(run.result);
    EXPECT_EQ(run.stdoutData, "tls\n");
}

TEST_F(RunnerTlsTest, ServerNameOverrideAcceptsCertificateForAnotherHost) {
    ASSERT_TRUE(startWith(pki.otherHostServer()));
    RunnerConfig c = config();
    c.serverNameOverride = "other.example";
    const CollectedExec run = runEcho(c);
    ASSERT_TRUE(run.result.exited()) << describe(run.result);
    EXPECT_EQ(run.stdoutData, "tls\n");
}

TEST_F(RunnerTlsTest, CertificateForAnotherHostIsRejectedWithoutOverride) {
    ASSERT_TRUE(startWith(pki.otherHostServer()));
    const CollectedExec run = runEcho(config());
    EXPECT_EQ(run.result.outcome, ExecOutcome::Failed) << describe(run.result);
    EXPECT_EQ(run.result.error.kind, ExecErrorKind::TlsFailure) << describe(run.result);
    EXPECT_TRUE(contains(run.result.error.message,
                         "the agent's certificate was issued for other.example, not 127.0.0.1"))
        << describe(run.result);
    EXPECT_TRUE(contains(run.result.error.message, "server-name override")) << describe(run.result);
    expectOnlyCause(run.result.error.message, "was issued for");
    EXPECT_EQ(run.result.error.tlsVerifyResult, X509_V_ERR_IP_ADDRESS_MISMATCH);
    EXPECT_TRUE(run.stdoutData.empty());
}

TEST_F(RunnerTlsTest, WrongServerNameOverrideIsRejected) {
    ASSERT_TRUE(startWith(pki.server()));
    RunnerConfig c = config();
    c.serverNameOverride = "other.example";
    const CollectedExec run = runEcho(c);
    EXPECT_EQ(run.result.outcome, ExecOutcome::Failed) << describe(run.result);
    EXPECT_EQ(run.result.error.kind, ExecErrorKind::TlsFailure) << describe(run.result);
    EXPECT_TRUE(contains(run.result.error.message,
                         "was issued for localhost, 127.0.0.1, not other.example"))
        << describe(run.result);
    expectOnlyCause(run.result.error.message, "was issued for");
}

TEST_F(RunnerTlsTest, ExpiredServerCertificateIsNamedWithItsEndDate) {
    ASSERT_TRUE(startWith(pki.expiredServer()));
    const CollectedExec run = runEcho(config());
    EXPECT_EQ(run.result.outcome, ExecOutcome::Failed) << describe(run.result);
    EXPECT_EQ(run.result.error.kind, ExecErrorKind::TlsFailure) << describe(run.result);
    const std::string day = certificateDay(pki.expiredServer().certPem, true);
    ASSERT_FALSE(day.empty());
    EXPECT_TRUE(contains(run.result.error.message, "the agent's certificate expired on " + day))
        << describe(run.result);
    expectOnlyCause(run.result.error.message, "expired on");
    EXPECT_EQ(run.result.error.tlsVerifyResult, X509_V_ERR_CERT_HAS_EXPIRED);
    // The console's sentence carries the same cause.
    const QString text =
        ExecErrorText::describe(run.result, QString::fromStdString(agent.address()));
    EXPECT_TRUE(text.contains(QString::fromStdString("expired on " + day))) << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("Likely causes"))) << text.toStdString();
    EXPECT_TRUE(run.stdoutData.empty());
}

TEST_F(RunnerTlsTest, NotYetValidServerCertificateIsNamedWithItsStartDate) {
    ASSERT_TRUE(startWith(pki.notYetValidServer()));
    const CollectedExec run = runEcho(config());
    EXPECT_EQ(run.result.outcome, ExecOutcome::Failed) << describe(run.result);
    EXPECT_EQ(run.result.error.kind, ExecErrorKind::TlsFailure) << describe(run.result);
    const std::string day = certificateDay(pki.notYetValidServer().certPem, false);
    ASSERT_FALSE(day.empty());
    EXPECT_TRUE(
        contains(run.result.error.message, "the agent's certificate is not valid until " + day))
        << describe(run.result);
    expectOnlyCause(run.result.error.message, "is not valid until");
    EXPECT_EQ(run.result.error.tlsVerifyResult, X509_V_ERR_CERT_NOT_YET_VALID);
    EXPECT_TRUE(run.stdoutData.empty());
}

TEST_F(RunnerTlsTest, ServerCertificateFromAnotherCaNamesTheCaFile) {
    ASSERT_TRUE(startWith(pki.foreignServer()));
    const CollectedExec run = runEcho(config());
    EXPECT_EQ(run.result.outcome, ExecOutcome::Failed) << describe(run.result);
    EXPECT_EQ(run.result.error.kind, ExecErrorKind::TlsFailure) << describe(run.result);
    EXPECT_TRUE(
        contains(run.result.error.message,
                 "the agent's certificate is not signed by the CA in " + pki.ca().certFile()))
        << describe(run.result);
    expectOnlyCause(run.result.error.message, "is not signed by");
    EXPECT_TRUE(run.stdoutData.empty());
}

TEST_F(RunnerTlsTest, AgentNegotiatesTls13) {
    ASSERT_TRUE(startWith(pki.server()));
    const TlsProbe::Result modern = TlsProbe::handshake(agent.port(), pki.ca().certPem, 0);
    ASSERT_TRUE(modern.handshakeOk) << modern.error;
    EXPECT_EQ(modern.version, "TLSv1.3");
}

TEST_F(RunnerTlsTest, AgentRefusesTls12) {
    // Wire contract item 7: the reference agent requires TLS 1.3 when TLS is on.
    ASSERT_TRUE(startWith(pki.server()));
    const TlsProbe::Result old =
        TlsProbe::handshake(agent.port(), pki.ca().certPem, TLS1_2_VERSION);
    EXPECT_FALSE(old.handshakeOk) << "the agent accepted a " << old.version << " client";
}

TEST_F(RunnerTlsTest, TlsClientAgainstPlaintextAgentFailsClearly) {
    ASSERT_TRUE(agent.start({"--allow-unauthenticated"}));
    RunnerConfig c = config();
    c.token.clear();
    const CollectedExec run = runEcho(c);
    EXPECT_EQ(run.result.outcome, ExecOutcome::Failed) << describe(run.result);
    EXPECT_TRUE(run.result.error.kind == ExecErrorKind::TlsFailure ||
                run.result.error.kind == ExecErrorKind::Unavailable)
        << describe(run.result);
    EXPECT_FALSE(run.result.error.message.empty());
}

} // namespace
