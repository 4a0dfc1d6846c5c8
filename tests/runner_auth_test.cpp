// Authentication end to end: bearer tokens over TLS, mTLS, and the agent's start-up policy.
#include "agent_process.h"
#include "child_process.h"
#include "dropping_tls_server.h"
#include "secure_agent.h"
#include "test_pki.h"

#include <exec_error_text.h>
#include <remote_runner.h>

#include <sandbox_exec.grpc.pb.h>

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <optional>

using namespace sandbox;
using namespace sandbox::test;
namespace pb = workflow::plugin::external::sandbox;

namespace {

bool isConnectionLevelRejection(ExecErrorKind kind) {
    return kind == ExecErrorKind::TlsFailure || kind == ExecErrorKind::Unauthenticated ||
           kind == ExecErrorKind::Unavailable;
}

class RunnerAuthTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(pki.ok()) << pki.error(); }

    void TearDown() override {
        // Whatever happened, the agent never logs a token.
        const std::string log = agent.stderrText();
        EXPECT_FALSE(contains(log, agent.token())) << "agent log contains the token:\n" << log;
        for (const std::string &t : otherTokens)
            EXPECT_FALSE(contains(log, t)) << "agent log contains a client token:\n" << log;
    }

    // A call made with the generated stub directly, so the metadata is exactly ours:
    // RemoteRunner always sends a well-formed Bearer header.
    grpc::Status rawExec(std::optional<std::string> authorization) {
        grpc::SslCredentialsOptions options;
        options.pem_root_certs = pki.ca().certPem;
        auto channel = grpc::CreateChannel(agent.address(), grpc::SslCredentials(options));
        auto stub = pb::SandboxExecService::NewStub(channel);
        grpc::ClientContext context;
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
        if (authorization)
            context.AddMetadata("authorization", *authorization);
        pb::SandboxExecRequest request;
        request.set_image(SecureAgent::kImage);
        request.add_command("true");
        auto reader = stub->Exec(&context, request);
        pb::SandboxExecChunk chunk;
        bool gotExit = false;
        while (reader->Read(&chunk))
            gotExit = gotExit || chunk.chunk_case() == pb::SandboxExecChunk::kExitCode;
        EXPECT_FALSE(gotExit) << "the agent ran the command";
        return reader->Finish();
    }

    TestPki pki;
    SecureAgent agent{pki};
    std::vector<std::string> otherTokens;
};

TEST_F(RunnerAuthTest, TokenOverTlsIsAccepted) {
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    const CollectedExec run = runner->execCollect(command({"echo", "hello over tls"}));
    ASSERT_TRUE(run.result.exited()) << describe(run.result);
    EXPECT_EQ(run.result.exitCode, 0);
    EXPECT_EQ(run.stdoutData, "hello over tls\n");
}

TEST_F(RunnerAuthTest, WrongTokenIsRejectedWithUnauthenticated) {
    ASSERT_TRUE(agent.start());
    RunnerConfig config = agent.runnerConfig();
    config.token = SecureAgent::randomToken();
    otherTokens.push_back(config.token);
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    const CollectedExec run = runner->execCollect(command({"echo", "must not run"}));
    EXPECT_EQ(run.result.outcome, ExecOutcome::Failed) << describe(run.result);
    EXPECT_EQ(run.result.error.kind, ExecErrorKind::Unauthenticated) << describe(run.result);
    EXPECT_EQ(run.result.error.grpcCode, static_cast<int>(grpc::StatusCode::UNAUTHENTICATED));
    EXPECT_EQ(run.result.error.agentMessage, "invalid bearer token") << describe(run.result);
    EXPECT_TRUE(run.stdoutData.empty());
    EXPECT_FALSE(contains(run.result.error.message, config.token)) << describe(run.result);
    EXPECT_FALSE(contains(run.result.error.message, agent.token())) << describe(run.result);
}

TEST_F(RunnerAuthTest, MissingAuthorizationHeaderIsRejected) {
    ASSERT_TRUE(agent.start());
    const grpc::Status status = rawExec(std::nullopt);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << status.error_message();
    EXPECT_EQ(status.error_message(), "missing authorization header");
}

TEST_F(RunnerAuthTest, NonBearerAuthorizationIsRejected) {
    ASSERT_TRUE(agent.start());
    for (const std::string &header :
         std::vector<std::string>{"Basic " + agent.token(), agent.token(), "Token abc"}) {
        const grpc::Status status = rawExec(header);
        EXPECT_EQ(status.error_code(), grpc::StatusCode::UNAUTHENTICATED)
            << header << ": " << status.error_message();
        EXPECT_EQ(status.error_message(), "authorization header must use Bearer scheme")
            << "header: " << header;
    }
}

TEST_F(RunnerAuthTest, RawBearerWithRightTokenIsAcceptedAndWrongOneIsNot) {
    // The control for the raw-stub tests above: the same call with the right header passes
    // authentication (and the agent runs the command).
    ASSERT_TRUE(agent.start());
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = pki.ca().certPem;
    auto stub = pb::SandboxExecService::NewStub(
        grpc::CreateChannel(agent.address(), grpc::SslCredentials(options)));
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
    context.AddMetadata("authorization", "Bearer " + agent.token());
    pb::SandboxExecRequest request;
    request.set_image(SecureAgent::kImage);
    request.add_command("true");
    auto reader = stub->Exec(&context, request);
    pb::SandboxExecChunk chunk;
    std::optional<int> exitCode;
    while (reader->Read(&chunk))
        if (chunk.chunk_case() == pb::SandboxExecChunk::kExitCode)
            exitCode = chunk.exit_code();
    const grpc::Status status = reader->Finish();
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(exitCode, std::optional<int>(0));

    const grpc::Status wrong = rawExec("Bearer " + agent.token() + "x");
    EXPECT_EQ(wrong.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(wrong.error_message(), "invalid bearer token");
}

TEST_F(RunnerAuthTest, TokenFromEnvironmentVariableIsAccepted) {
    const std::string token = SecureAgent::randomToken();
    otherTokens.push_back(token);
    AgentProcess envAgent;
    ASSERT_TRUE(
        envAgent.start({"--tls-cert", pki.server().certFile(), "--tls-key", pki.server().keyFile()},
                       {{"SANDBOX_RUNNER_TOKEN", token}}));
    RunnerConfig config;
    config.address = envAgent.address();
    config.token = token;
    config.caCert = PemSource::fromPem(pki.ca().certPem);
    config.image = SecureAgent::kImage;
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    const CollectedExec run = runner->execCollect(command({"echo", "env token"}));
    ASSERT_TRUE(run.result.exited()) << describe(run.result);
    EXPECT_EQ(run.stdoutData, "env token\n");
    EXPECT_FALSE(contains(envAgent.stderrText(), token)) << envAgent.stderrText();
}

TEST_F(RunnerAuthTest, MutualTlsWithTokenAndClientCertIsAccepted) {
    ASSERT_TRUE(agent.start(SecureAgent::Options().withMtls()));
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    const CollectedExec run = runner->execCollect(command({"echo", "mtls ok"}));
    ASSERT_TRUE(run.result.exited()) << describe(run.result);
    EXPECT_EQ(run.stdoutData, "mtls ok\n");
}

TEST_F(RunnerAuthTest, MutualTlsAloneIsEnoughWithoutToken) {
    AgentProcess mtlsOnly;
    ASSERT_TRUE(mtlsOnly.start({"--tls-cert", pki.server().certFile(), "--tls-key",
                                pki.server().keyFile(), "--tls-ca", pki.ca().certFile()}));
    RunnerConfig config;
    config.address = mtlsOnly.address();
    config.caCert = PemSource::fromFile(pki.ca().certFile());
    config.clientCert = PemSource::fromFile(pki.client().certFile());
    config.clientKey = PemSource::fromFile(pki.client().keyFile());
    config.image = SecureAgent::kImage;
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    const CollectedExec run = runner->execCollect(command({"echo", "cert only"}));
    ASSERT_TRUE(run.result.exited()) << describe(run.result);
    EXPECT_EQ(run.stdoutData, "cert only\n");
}

TEST_F(RunnerAuthTest, MutualTlsWithoutClientCertIsRejectedClearly) {
    ASSERT_TRUE(agent.start(SecureAgent::Options().withMtls()));
    RunnerConfig config = agent.runnerConfig();
    config.clientCert = {};
    config.clientKey = {};
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    const CollectedExec run = runner->execCollect(command({"echo", "must not run"}));
    EXPECT_EQ(run.result.outcome, ExecOutcome::Failed) << describe(run.result);
    EXPECT_TRUE(isConnectionLevelRejection(run.result.error.kind)) << describe(run.result);
    EXPECT_TRUE(containsIgnoringCase(run.result.error.message, "client certificate"))
        << "the message does not say a client certificate is the problem: " << describe(run.result);
    EXPECT_TRUE(run.stdoutData.empty());
}

// Issue 8, item 13: TLS on, no client certificate configured, the handshake fails: the
// likely cause named is mTLS, in the runner's message and in the console's words.
TEST_F(RunnerAuthTest, MissingClientCertificateNamesMtlsAsTheLikelyCause) {
    ASSERT_TRUE(agent.start(SecureAgent::Options().withMtls()));
    RunnerConfig config = agent.runnerConfig();
    config.clientCert = {};
    config.clientKey = {};
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    const CollectedExec run = runner->execCollect(command({"echo", "must not run"}));
    ASSERT_EQ(run.result.outcome, ExecOutcome::Failed) << describe(run.result);
    EXPECT_EQ(run.result.error.cause, ExecErrorCause::ClientCertificateLikely)
        << describe(run.result);
    EXPECT_TRUE(
        contains(run.result.error.message, "the agent may require a client certificate (mTLS)"))
        << describe(run.result);
    const QString shown =
        ExecErrorText::describe(run.result, QString::fromStdString(agent.address()));
    EXPECT_TRUE(shown.contains(QStringLiteral("the agent may require a client certificate (mTLS)")))
        << shown.toStdString();
    EXPECT_TRUE(run.stdoutData.empty());
}

// Issue 8, item 13, the reference agent's way: no alert gRPC reads, the connection is just
// dropped after the handshake ("Endpoint read failed" and the like). Without a client
// certificate configured, mTLS is still the likely cause named.
TEST_F(RunnerAuthTest, DroppedConnectionWithoutClientCertificateNamesMtls) {
    DroppingTlsServer server(pki.server().certPem, pki.server().keyPem);
    ASSERT_TRUE(server.ok());
    RunnerConfig config;
    config.address = server.address();
    config.caCert = PemSource::fromPem(pki.ca().certPem);
    config.image = SecureAgent::kImage;
    config.connectTimeout = std::chrono::seconds(10);
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    const CollectedExec run = runner->execCollect(command({"true"}));
    ASSERT_EQ(run.result.outcome, ExecOutcome::Failed) << describe(run.result);
    EXPECT_GE(server.dropped(), 1) << "the handshake never reached the server's check";
    RecordProperty("grpc_message", run.result.error.agentMessage); // what gRPC said
    EXPECT_EQ(run.result.error.cause, ExecErrorCause::ClientCertificateLikely)
        << describe(run.result);
    EXPECT_TRUE(
        contains(run.result.error.message, "the agent may require a client certificate (mTLS)"))
        << describe(run.result);
    EXPECT_FALSE(containsIgnoringCase(run.result.error.message, "unreachable"))
        << describe(run.result);
}

TEST_F(RunnerAuthTest, MutualTlsWithForeignCaClientCertIsRejectedClearly) {
    ASSERT_TRUE(agent.start(SecureAgent::Options().withMtls()));
    RunnerConfig config = agent.runnerConfig();
    config.clientCert = PemSource::fromFile(pki.foreignClient().certFile());
    config.clientKey = PemSource::fromFile(pki.foreignClient().keyFile());
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    const CollectedExec run = runner->execCollect(command({"echo", "must not run"}));
    EXPECT_EQ(run.result.outcome, ExecOutcome::Failed) << describe(run.result);
    EXPECT_TRUE(isConnectionLevelRejection(run.result.error.kind)) << describe(run.result);
    EXPECT_TRUE(containsIgnoringCase(run.result.error.message, "client certificate"))
        << "the message does not say the client certificate is the problem: "
        << describe(run.result);
    EXPECT_TRUE(run.stdoutData.empty());
}

TEST_F(RunnerAuthTest, TokenWithAllowInsecureTravelsAsMetadataOverPlaintext) {
    // Insecure transport, explicitly allowed: the agent still checks the bearer token.
    AgentProcess plain;
    const std::string token = SecureAgent::randomToken();
    otherTokens.push_back(token);
    ASSERT_TRUE(plain.start({}, {{"SANDBOX_RUNNER_TOKEN", token}}));
    RunnerConfig config;
    config.address = plain.address();
    config.token = token;
    config.allowInsecure = true;
    config.image = SecureAgent::kImage;
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    const CollectedExec ok = runner->execCollect(command({"echo", "plain"}));
    ASSERT_TRUE(ok.result.exited()) << describe(ok.result);
    EXPECT_EQ(ok.stdoutData, "plain\n");

    config.token = token + "-wrong";
    auto wrongRunner = SecureAgent::makeRunner(config);
    ASSERT_NE(wrongRunner, nullptr);
    const CollectedExec wrong = wrongRunner->execCollect(command({"echo", "must not run"}));
    EXPECT_EQ(wrong.result.error.kind, ExecErrorKind::Unauthenticated) << describe(wrong.result);
    EXPECT_FALSE(contains(plain.stderrText(), token)) << plain.stderrText();
}

TEST_F(RunnerAuthTest, AgentRefusesToStartWithoutAnyAuthentication) {
    const ProcessResult r = ChildProcess::run(AgentProcess::binaryPath(), {"--addr", "127.0.0.1:0"},
                                              {}, std::chrono::seconds(30));
    ASSERT_TRUE(r.finished) << "the agent started without token or mTLS; stdout: " << r.out;
    EXPECT_NE(r.exitCode, 0);
    EXPECT_FALSE(contains(r.out, "listening on")) << r.out;
    EXPECT_TRUE(containsIgnoringCase(r.err, "allow-unauthenticated"))
        << "the refusal does not tell the user the way out: " << r.err;
}

TEST_F(RunnerAuthTest, AgentStartsUnauthenticatedOnlyWhenExplicitlyAllowed) {
    AgentProcess open;
    ASSERT_TRUE(open.start({"--allow-unauthenticated"}));
    RunnerConfig config;
    config.address = open.address();
    config.image = SecureAgent::kImage;
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    const CollectedExec run = runner->execCollect(command({"echo", "open"}));
    ASSERT_TRUE(run.result.exited()) << describe(run.result);
    EXPECT_EQ(run.stdoutData, "open\n");
}

TEST_F(RunnerAuthTest, AgentRefusesAnUnreadableTokenFile) {
    const std::string missing = "/nonexistent/agent-token";
    const ProcessResult r =
        ChildProcess::run(AgentProcess::binaryPath(),
                          {"--addr", "127.0.0.1:0", "--token-file", missing, "--tls-cert",
                           pki.server().certFile(), "--tls-key", pki.server().keyFile()},
                          {}, std::chrono::seconds(30));
    ASSERT_TRUE(r.finished) << "the agent started without its token; stdout: " << r.out;
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(contains(r.err, missing)) << r.err;
}

TEST_F(RunnerAuthTest, AgentRefusesTlsCaWithoutCertAndKey) {
    const std::string token = SecureAgent::randomToken();
    otherTokens.push_back(token);
    const ProcessResult r = ChildProcess::run(
        AgentProcess::binaryPath(), {"--addr", "127.0.0.1:0", "--tls-ca", pki.ca().certFile()},
        {{"SANDBOX_RUNNER_TOKEN", token}}, std::chrono::seconds(30));
    ASSERT_TRUE(r.finished) << "the agent started with --tls-ca alone; stdout: " << r.out;
    EXPECT_NE(r.exitCode, 0);
    EXPECT_FALSE(contains(r.out, "listening on")) << r.out;
    EXPECT_TRUE(contains(r.err, "--tls-cert") || contains(r.err, "tls-cert"))
        << "the refusal does not name the missing flags: " << r.err;
    EXPECT_FALSE(contains(r.err, token));
}

} // namespace
