// Server authentication: the client verifies the agent's certificate, and says why not.
#include "agent_process.h"
#include "secure_agent.h"
#include "test_pki.h"
#include "tls_probe.h"

#include <remote_runner.h>

#include <gtest/gtest.h>
#include <openssl/ssl.h>

using namespace sandbox;
using namespace sandbox::test;

namespace {

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
    EXPECT_TRUE(containsIgnoringCase(run.result.error.message, "server name") ||
                containsIgnoringCase(run.result.error.message, "host name"))
        << "the message does not point at the name mismatch: " << describe(run.result);
    EXPECT_TRUE(run.stdoutData.empty());
}

TEST_F(RunnerTlsTest, WrongServerNameOverrideIsRejected) {
    ASSERT_TRUE(startWith(pki.server()));
    RunnerConfig c = config();
    c.serverNameOverride = "other.example";
    const CollectedExec run = runEcho(c);
    EXPECT_EQ(run.result.outcome, ExecOutcome::Failed) << describe(run.result);
    EXPECT_EQ(run.result.error.kind, ExecErrorKind::TlsFailure) << describe(run.result);
}

TEST_F(RunnerTlsTest, ExpiredServerCertificateIsRejected) {
    ASSERT_TRUE(startWith(pki.expiredServer()));
    const CollectedExec run = runEcho(config());
    EXPECT_EQ(run.result.outcome, ExecOutcome::Failed) << describe(run.result);
    EXPECT_EQ(run.result.error.kind, ExecErrorKind::TlsFailure) << describe(run.result);
    EXPECT_TRUE(containsIgnoringCase(run.result.error.message, "expired"))
        << "the message does not say the certificate expired: " << describe(run.result);
    EXPECT_TRUE(run.stdoutData.empty());
}

TEST_F(RunnerTlsTest, ServerCertificateFromAnotherCaIsRejected) {
    ASSERT_TRUE(startWith(pki.foreignServer()));
    const CollectedExec run = runEcho(config());
    EXPECT_EQ(run.result.outcome, ExecOutcome::Failed) << describe(run.result);
    EXPECT_EQ(run.result.error.kind, ExecErrorKind::TlsFailure) << describe(run.result);
    EXPECT_TRUE(containsIgnoringCase(run.result.error.message, "CA")) << describe(run.result);
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
