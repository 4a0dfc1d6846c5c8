// Requests a peer client can send that our own client never would: NUL bytes, argument
// lists past the kernel's limit, env that would steer the docker CLI. Each is answered
// with a message naming the field at fault, and nothing runs that should not.
#include "secure_agent.h"
#include "secure_agent_test.h"
#include "test_pki.h"

#include <remote_runner.h>

#include "sandbox_exec.grpc.pb.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sys/stat.h>

using namespace sandbox;
using namespace sandbox::test;
namespace wire = workflow::plugin::external::sandbox;

namespace {

class AgentBadInputTest : public SecureAgentTest {
protected:
    // Sends request as is (our RemoteRunner would refuse some of these before sending).
    grpc::Status rawExec(const wire::SandboxExecRequest &request, std::string *out = nullptr) {
        grpc::SslCredentialsOptions tls;
        tls.pem_root_certs = pki.ca().certPem;
        auto channel = grpc::CreateChannel(agent.address(), grpc::SslCredentials(tls));
        auto stub = wire::SandboxExecService::NewStub(channel);
        grpc::ClientContext context;
        context.AddMetadata("authorization", "Bearer " + agent.token());
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
        auto reader = stub->Exec(&context, request);
        wire::SandboxExecChunk chunk;
        while (reader->Read(&chunk)) {
            if (out)
                out->append(chunk.stdout());
        }
        return reader->Finish();
    }

    static wire::SandboxExecRequest request(std::vector<std::string> argv) {
        wire::SandboxExecRequest r;
        r.set_image(SecureAgent::kImage);
        for (auto &arg : argv)
            r.add_command(arg);
        return r;
    }
};

TEST_F(AgentBadInputTest, NulBytesInWorkdirImageOrProfileAreRejectedByName) {
    ASSERT_TRUE(agent.start());
    const std::string nul("\0", 1);
    struct Case {
        const char *field;
        void (*set)(wire::SandboxExecRequest &, const std::string &);
    };
    const Case cases[] = {
        {"workdir",
         [](wire::SandboxExecRequest &r, const std::string &v) {
             r.set_workdir(v);
         }},
        {"image",
         [](wire::SandboxExecRequest &r, const std::string &v) {
             r.set_image(v);
         }},
        {"profile",
         [](wire::SandboxExecRequest &r, const std::string &v) {
             r.set_profile(v);
         }},
    };
    for (const Case &c : cases) {
        auto r = request({"pwd"});
        c.set(r, "/tmp" + nul + "/nonexistent");
        std::string out;
        const grpc::Status status = rawExec(r, &out);
        EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.field;
        EXPECT_TRUE(contains(status.error_message(), c.field)) << status.error_message();
        EXPECT_TRUE(out.empty()) << c.field << " ran anyway: " << out;
    }
    EXPECT_TRUE(contains(agent.stderrText(), "outcome=INVALID_ARGUMENT")) << agent.stderrText();
}

TEST_F(AgentBadInputTest, AnArgumentPastTheKernelLimitIsReportedAsTooLong) {
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    const auto r = runner->execCollect(command({"echo", std::string(1024 * 1024, 'x')}));
    EXPECT_FALSE(r.result.exited()) << describe(r.result);
    EXPECT_EQ(r.result.error.grpcCode, 3) << describe(r.result); // INVALID_ARGUMENT
    EXPECT_TRUE(contains(r.result.error.agentMessage, "argument list too long"))
        << describe(r.result);
    EXPECT_TRUE(contains(r.result.error.agentMessage, "1048577 bytes")) << describe(r.result);
    EXPECT_TRUE(contains(r.result.error.agentMessage, "kernel limit is 131072"))
        << describe(r.result);
}

// The docker CLI runs with the agent's configuration, whatever env the request sets; the
// values reach the container through the env file. A fake `docker` on the agent's PATH
// records what it was given.
TEST_F(AgentBadInputTest, RequestEnvDoesNotReachTheDockerCliItself) {
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const std::string bin = dir.filePath(QStringLiteral("bin")).toStdString();
    const std::string record = dir.filePath(QStringLiteral("record")).toStdString();
    ASSERT_TRUE(QDir().mkpath(QString::fromStdString(bin)));
    std::ofstream(bin + "/docker") << "#!/bin/sh\n"
                                      "env > '"
                                   << record
                                   << ".env'\n"
                                      "printf '%s\\n' \"$@\" > '"
                                   << record
                                   << ".args'\n"
                                      "cat /dev/fd/3 > '"
                                   << record
                                   << ".envfile'\n"
                                      "echo fake-docker-ran\n";
    ::chmod((bin + "/docker").c_str(), 0755);
    ASSERT_TRUE(agent.start(SecureAgent::Options{}
                                .withArgs({"--runtime", "docker"})
                                .withEnv({{"PATH", bin + ":/usr/bin:/bin"},
                                          {"DOCKER_HOST", "unix:///run/configured-docker.sock"}})));
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    ExecRequest req = command({"env"});
    req.overrides.env = EnvList{{"DOCKER_HOST", "tcp://127.0.0.1:1"},
                                {"PATH", "/nonexistent"},
                                {"GREETING", "hello world"}};
    const auto r = runner->execCollect(req);
    ASSERT_TRUE(r.result.exited()) << describe(r.result) << r.stderrData;
    EXPECT_EQ(r.stdoutData, "fake-docker-ran\n");
    const std::string env = ChildProcess::readFile(record + ".env");
    EXPECT_TRUE(contains(env, "DOCKER_HOST=unix:///run/configured-docker.sock\n")) << env;
    EXPECT_TRUE(contains(env, "PATH=" + bin + ":/usr/bin:/bin\n")) << env;
    EXPECT_FALSE(contains(env, "tcp://127.0.0.1:1")) << env;
    EXPECT_FALSE(contains(env, "GREETING")) << env;
    const std::string envFile = ChildProcess::readFile(record + ".envfile");
    EXPECT_TRUE(contains(envFile, "DOCKER_HOST=tcp://127.0.0.1:1\n")) << envFile;
    EXPECT_TRUE(contains(envFile, "PATH=/nonexistent\n")) << envFile;
    EXPECT_TRUE(contains(envFile, "GREETING=hello world\n")) << envFile;
    const std::string args = ChildProcess::readFile(record + ".args");
    EXPECT_TRUE(contains(args, "--env-file\n/dev/fd/3\n")) << args;
    EXPECT_FALSE(contains(args, "hello world")) << args;
}

} // namespace
