// Requests as raw bytes, the way a peer client in another language could send them: garbage
// that is not protobuf at all, and string fields that are not UTF-8. gRPC's own parsing would
// answer INTERNAL with an empty message; the agent names what is wrong and logs it.
#include "secure_agent.h"
#include "secure_agent_test.h"
#include "test_pki.h"

#include "sandbox_exec.grpc.pb.h"

#include <grpcpp/generic/generic_stub.h>
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <optional>

using namespace sandbox;
using namespace sandbox::test;
namespace wire = workflow::plugin::external::sandbox;

namespace {

// One length-delimited protobuf field, encoded by hand so nothing checks the content.
std::string field(int number, const std::string &bytes) {
    std::string out(1, static_cast<char>((number << 3) | 2));
    for (size_t n = bytes.size();; n >>= 7) {
        const auto low = static_cast<unsigned char>(n & 0x7f);
        if (n < 0x80) {
            out += static_cast<char>(low);
            break;
        }
        out += static_cast<char>(low | 0x80);
    }
    return out + bytes;
}

// Field numbers of SandboxExecRequest (wire-contract.md).
std::string profile(const std::string &v) {
    return field(1, v);
}
std::string image(const std::string &v) {
    return field(2, v);
}
std::string arg(const std::string &v) {
    return field(3, v);
}
std::string env(const std::string &key, const std::string &value) {
    return field(4, field(1, key) + field(2, value));
}
std::string workdir(const std::string &v) {
    return field(5, v);
}

const std::string kBad = "\xff\xfe";

struct RawOutcome {
    grpc::Status status;
    std::string stdoutData;
    std::optional<int> exitCode;
};

class AgentBadInputBytesTest : public SecureAgentTest {
protected:
    // The contract's method with hand-made request bytes, through gRPC's generic stub.
    RawOutcome rawExec(const std::string &requestBytes, bool withToken = true) {
        grpc::SslCredentialsOptions tls;
        tls.pem_root_certs = pki.ca().certPem;
        grpc::GenericStub stub(grpc::CreateChannel(agent.address(), grpc::SslCredentials(tls)));
        grpc::ClientContext context;
        if (withToken)
            context.AddMetadata("authorization", "Bearer " + agent.token());
        context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(60));
        grpc::CompletionQueue cq;
        const auto await = [&cq] {
            void *tag = nullptr;
            bool ok = false;
            return cq.Next(&tag, &ok) && ok;
        };
        RawOutcome outcome;
        auto call = stub.PrepareCall(
            &context, "/workflow.plugin.external.sandbox.SandboxExecService/Exec", &cq);
        call->StartCall(nullptr);
        if (await()) {
            grpc::Slice slice(requestBytes);
            call->WriteLast(grpc::ByteBuffer(&slice, 1), grpc::WriteOptions(), nullptr);
            await();
            grpc::ByteBuffer reply;
            for (call->Read(&reply, nullptr); await(); call->Read(&reply, nullptr)) {
                wire::SandboxExecChunk chunk;
                std::vector<grpc::Slice> slices;
                std::string bytes;
                if (reply.Dump(&slices).ok())
                    for (const auto &s : slices)
                        bytes.append(reinterpret_cast<const char *>(s.begin()), s.size());
                EXPECT_TRUE(chunk.ParseFromString(bytes));
                outcome.stdoutData += chunk.stdout();
                if (chunk.has_exit_code())
                    outcome.exitCode = chunk.exit_code();
            }
        }
        call->Finish(&outcome.status, nullptr);
        await();
        cq.Shutdown();
        while (await()) {
        }
        return outcome;
    }

    static std::string echo(const std::string &text) {
        return image(SecureAgent::kImage) + arg("echo") + arg(text);
    }
};

TEST_F(AgentBadInputBytesTest, AHandMadeRequestStillRuns) {
    ASSERT_TRUE(agent.start());
    const RawOutcome r = rawExec(profile("strict") + echo("raw bytes work"));
    ASSERT_TRUE(r.status.ok()) << r.status.error_message();
    EXPECT_EQ(r.exitCode, 0);
    EXPECT_EQ(r.stdoutData, "raw bytes work\n");
}

TEST_F(AgentBadInputBytesTest, GarbageIsAnsweredNotValidProtobufAndLogged) {
    ASSERT_TRUE(agent.start());
    const RawOutcome r = rawExec("this is not a protobuf message");
    EXPECT_EQ(r.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT)
        << r.status.error_message();
    EXPECT_TRUE(contains(r.status.error_message(), "request is not valid protobuf"))
        << r.status.error_message();
    EXPECT_FALSE(r.exitCode.has_value());
    const std::string log = agent.stderrText();
    EXPECT_TRUE(contains(log, "outcome=INVALID_ARGUMENT problem=\"request is not valid protobuf"))
        << log;
    EXPECT_TRUE(contains(log, "exec peer=\"ipv4:127.0.0.1:")) << log;
}

TEST_F(AgentBadInputBytesTest, EachStringFieldThatIsNotUtf8IsNamed) {
    ASSERT_TRUE(agent.start());
    struct Case {
        std::string bytes;
        std::string named;
    };
    const Case cases[] = {
        {profile(kBad) + echo("x"), "field profile is not UTF-8"},
        {image(kBad) + arg("echo") + arg("x"), "field image is not UTF-8"},
        {echo("x") + workdir("/tmp/" + kBad), "field workdir is not UTF-8"},
        {image(SecureAgent::kImage) + arg("echo") + arg("ok") + arg(kBad),
         "field command[2] is not UTF-8"},
        {echo("x") + env("GOOD", "1") + env("BAD" + kBad, "1"),
         "field env key (entry 1) is not UTF-8"},
        {echo("x") + env("API_KEY", "hunter2" + kBad), "field env value of API_KEY is not UTF-8"},
    };
    for (const Case &c : cases) {
        const RawOutcome r = rawExec(c.bytes);
        EXPECT_EQ(r.status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << c.named;
        EXPECT_EQ(r.status.error_message(), c.named);
        EXPECT_TRUE(r.stdoutData.empty()) << c.named << " ran anyway: " << r.stdoutData;
        EXPECT_TRUE(contains(agent.stderrText(), "problem=\"" + c.named + "\""))
            << agent.stderrText();
    }
    // One log line per refused request, and never an env value.
    const std::string log = agent.stderrText();
    size_t lines = 0;
    for (size_t at = log.find("outcome=INVALID_ARGUMENT"); at != std::string::npos;
         at = log.find("outcome=INVALID_ARGUMENT", at + 1))
        ++lines;
    EXPECT_EQ(lines, std::size(cases)) << log;
    EXPECT_FALSE(contains(log, "hunter2")) << log;
}

TEST_F(AgentBadInputBytesTest, WithoutTheTokenGarbageIsUnauthenticatedNotDiagnosed) {
    ASSERT_TRUE(agent.start());
    const RawOutcome r = rawExec("this is not a protobuf message", false);
    EXPECT_EQ(r.status.error_code(), grpc::StatusCode::UNAUTHENTICATED) << r.status.error_message();
    EXPECT_FALSE(contains(r.status.error_message(), "protobuf")) << r.status.error_message();
    EXPECT_TRUE(contains(agent.stderrText(), "outcome=UNAUTHENTICATED")) << agent.stderrText();
}

} // namespace
