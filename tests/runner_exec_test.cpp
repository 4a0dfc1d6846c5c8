// What a request carries and how the agent applies it: env, secret:// references, workdir,
// profile, image, exit codes.
#include "agent_process.h"
#include "fake_agent.h"
#include "recording_sink.h"
#include "secure_agent.h"
#include "test_pki.h"

#include <remote_runner.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <fstream>
#include <future>
#include <sstream>
#include <thread>

using namespace sandbox;
using namespace sandbox::test;

namespace {

class RunnerExecTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(pki.ok()) << pki.error(); }

    void TearDown() override {
        const std::string log = agent.stderrText();
        EXPECT_FALSE(contains(log, agent.token())) << "agent log contains the token:\n" << log;
        for (const std::string &value : secretValues)
            EXPECT_FALSE(contains(log, value)) << "agent log contains '" << value << "':\n" << log;
    }

    CollectedExec run(std::vector<std::string> argv, ExecOverrides overrides = {}) {
        if (!runner) {
            runner = agent.makeRunner();
            if (!runner)
                return {};
        }
        ExecRequest request = command(std::move(argv));
        request.overrides = std::move(overrides);
        return runner->execCollect(request);
    }

    static ExecOverrides withEnv(EnvList env) {
        ExecOverrides o;
        o.env = std::move(env);
        return o;
    }

    // The agent's log lines that contain needle.
    std::vector<std::string> logLinesWith(const std::string &needle) const {
        std::vector<std::string> lines;
        std::istringstream in(agent.stderrText());
        for (std::string line; std::getline(in, line);)
            if (contains(line, needle))
                lines.push_back(line);
        return lines;
    }

    TestPki pki;
    SecureAgent agent{pki};
    std::unique_ptr<RemoteRunner> runner;
    std::vector<std::string> secretValues; // must never show up in the agent's log
};

TEST_F(RunnerExecTest, RequestFieldsAndSecretReferencesArriveVerbatim) {
    FakeAgent fake(FakeAgent::Mode::Record);
    ASSERT_TRUE(fake.start()) << fake.error();
    RunnerConfig config;
    config.address = fake.address();
    config.token = "tok-plaintext-allowed";
    config.allowInsecure = true;
    config.profile = "strict";
    config.image = "registry.example/tools:1.2";
    config.workdir = "/work/dir with space";
    config.env = {{"DB_PASSWORD", "secret://db.password"},
                  {"ODD", "secret://Weird.Name-1/x?y"},
                  {"PLAIN", "line one\nline two = 2"},
                  {"EMPTY", ""}};
    auto fakeRunner = SecureAgent::makeRunner(config);
    ASSERT_NE(fakeRunner, nullptr);

    const CollectedExec first = fakeRunner->execCollect(command({"printenv", "a b", ""}));
    ASSERT_TRUE(first.result.exited()) << describe(first.result);
    auto request = fake.lastRequest();
    ASSERT_TRUE(request.has_value());
    EXPECT_EQ(request->profile(), "strict");
    EXPECT_EQ(request->image(), "registry.example/tools:1.2");
    EXPECT_EQ(request->workdir(), "/work/dir with space");
    ASSERT_EQ(request->command_size(), 3);
    EXPECT_EQ(request->command(0), "printenv");
    EXPECT_EQ(request->command(1), "a b");
    EXPECT_EQ(request->command(2), "");
    ASSERT_EQ(request->env_size(), 4);
    EXPECT_EQ(request->env().at("DB_PASSWORD"), "secret://db.password");
    EXPECT_EQ(request->env().at("ODD"), "secret://Weird.Name-1/x?y");
    EXPECT_EQ(request->env().at("PLAIN"), "line one\nline two = 2");
    EXPECT_EQ(request->env().at("EMPTY"), "");
    // Allowed insecure: the token travels as per-call metadata, in the Bearer scheme.
    const auto metadata = fake.lastMetadata();
    const auto auth = metadata.find("authorization");
    ASSERT_NE(auth, metadata.end());
    EXPECT_EQ(auth->second, "Bearer tok-plaintext-allowed");

    // Per-exec overrides replace the defaults; unset ones keep them.
    ExecRequest second = command({"true"});
    second.overrides.profile = "no-such-profile";
    second.overrides.env = EnvList{{"ONLY", "secret://only.one"}};
    second.overrides.workdir = "";
    const CollectedExec again = fakeRunner->execCollect(second);
    ASSERT_TRUE(again.result.exited()) << describe(again.result);
    request = fake.lastRequest();
    ASSERT_TRUE(request.has_value());
    EXPECT_EQ(request->profile(), "no-such-profile");
    EXPECT_EQ(request->image(), "registry.example/tools:1.2");
    EXPECT_EQ(request->workdir(), "");
    ASSERT_EQ(request->env_size(), 1);
    EXPECT_EQ(request->env().at("ONLY"), "secret://only.one");
}

TEST_F(RunnerExecTest, SecretIsResolvedByAgentFromEnvBackend) {
    const std::string value = "env-secret-" + SecureAgent::randomToken();
    secretValues.push_back(value);
    ASSERT_TRUE(
        agent.start(SecureAgent::Options()
                        .withArgs({"--secrets-backend", "env", "--secrets-env-prefix", "sbx_test_"})
                        .withEnv({{"SBX_TEST_DB_PASSWORD", value}})));
    const CollectedExec r =
        run({"printenv", "APP_PW"}, withEnv({{"APP_PW", "secret://db.password"}}));
    ASSERT_TRUE(r.result.exited()) << describe(r.result);
    EXPECT_EQ(r.result.exitCode, 0);
    EXPECT_EQ(r.stdoutData, value + "\n");
}

TEST_F(RunnerExecTest, SecretIsResolvedByAgentFromFileBackend) {
    QTemporaryDir secrets;
    ASSERT_TRUE(secrets.isValid());
    const std::string value = "file-secret-" + SecureAgent::randomToken();
    secretValues.push_back(value);
    {
        QFile f(secrets.filePath(QStringLiteral("db.password")));
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        const std::string text = value + "\n\n"; // trailing newlines are trimmed
        f.write(text.data(), static_cast<qint64>(text.size()));
    }
    ASSERT_TRUE(agent.start(SecureAgent::Options().withArgs(
        {"--secrets-backend", "file", "--secrets-dir", secrets.path().toStdString()})));
    const CollectedExec r =
        run({"printenv", "APP_PW"}, withEnv({{"APP_PW", "secret://db.password"}}));
    ASSERT_TRUE(r.result.exited()) << describe(r.result);
    EXPECT_EQ(r.stdoutData, value + "\n");
}

TEST_F(RunnerExecTest, PlainValuesPassThroughAResolvingAgent) {
    ASSERT_TRUE(agent.start(SecureAgent::Options().withArgs({"--secrets-backend", "env"})));
    const CollectedExec r =
        run({"printenv", "PLAIN"}, withEnv({{"PLAIN", "not secret://at the start"}}));
    ASSERT_TRUE(r.result.exited()) << describe(r.result);
    EXPECT_EQ(r.stdoutData, "not secret://at the start\n");
}

TEST_F(RunnerExecTest, UnresolvableSecretFailsWithoutLeaking) {
    const std::string value = "good-secret-" + SecureAgent::randomToken();
    secretValues.push_back(value);
    secretValues.push_back("no.such.key");
    ASSERT_TRUE(agent.start(SecureAgent::Options()
                                .withArgs({"--secrets-backend", "env"})
                                .withEnv({{"DB_PASSWORD", value}})));
    const CollectedExec r = run(
        {"printenv"}, withEnv({{"GOOD", "secret://db.password"}, {"BAD", "secret://no.such.key"}}));
    EXPECT_EQ(r.result.outcome, ExecOutcome::Failed) << describe(r.result);
    EXPECT_EQ(r.result.error.kind, ExecErrorKind::InvalidArgument) << describe(r.result);
    EXPECT_EQ(r.result.error.grpcCode, 3) << describe(r.result);
    EXPECT_TRUE(r.stdoutData.empty()) << "the command ran: " << r.stdoutData;
    for (const std::string &leak : {std::string("no.such.key"), value}) {
        EXPECT_FALSE(contains(r.result.error.message, leak)) << describe(r.result);
        EXPECT_FALSE(contains(r.result.error.agentMessage, leak)) << describe(r.result);
    }
}

TEST_F(RunnerExecTest, AgentsOwnTokenIsNotResolvableAsASecret) {
    // SANDBOX_RUNNER_TOKEN is a documented way to give the agent its token. With the env
    // backend (the default) and no prefix, secret://sandbox.runner.token maps to exactly
    // that variable: the command, and so the console, must not get the agent's token.
    const std::string token = SecureAgent::randomToken();
    secretValues.push_back(token);
    AgentProcess envAgent;
    ASSERT_TRUE(
        envAgent.start({"--tls-cert", pki.server().certFile(), "--tls-key", pki.server().keyFile()},
                       {{"SANDBOX_RUNNER_TOKEN", token}}));
    RunnerConfig config;
    config.address = envAgent.address();
    config.token = token;
    config.caCert = PemSource::fromPem(pki.ca().certPem);
    config.image = SecureAgent::kImage;
    auto envRunner = SecureAgent::makeRunner(config);
    ASSERT_NE(envRunner, nullptr);
    ExecRequest request = command({"printenv", "STOLEN"});
    request.overrides.env = EnvList{{"STOLEN", "secret://sandbox.runner.token"}};
    const CollectedExec r = envRunner->execCollect(request);
    EXPECT_FALSE(contains(r.stdoutData, token))
        << "a command read the agent's bearer token through secret://sandbox.runner.token";
    EXPECT_FALSE(r.result.exited() && r.result.exitCode == 0) << describe(r.result);
    EXPECT_FALSE(contains(envAgent.stderrText(), token)) << envAgent.stderrText();
}

TEST_F(RunnerExecTest, EmptyImageIsRejectedByTheAgent) {
    ASSERT_TRUE(agent.start());
    ExecOverrides o;
    o.image = "";
    const CollectedExec r = run({"echo", "must not run"}, o);
    EXPECT_EQ(r.result.outcome, ExecOutcome::Failed) << describe(r.result);
    EXPECT_EQ(r.result.error.kind, ExecErrorKind::InvalidArgument) << describe(r.result);
    EXPECT_EQ(r.result.error.grpcCode, 3) << describe(r.result);
    EXPECT_TRUE(containsIgnoringCase(r.result.error.agentMessage, "image")) << describe(r.result);
    EXPECT_TRUE(r.stdoutData.empty());
}

TEST_F(RunnerExecTest, EmptyArgvIsRejectedBeforeReachingTheAgent) {
    ASSERT_TRUE(agent.start());
    const CollectedExec r = run({});
    EXPECT_EQ(r.result.outcome, ExecOutcome::Failed) << describe(r.result);
    EXPECT_EQ(r.result.error.kind, ExecErrorKind::InvalidRequest) << describe(r.result);
}

TEST_F(RunnerExecTest, WorkdirIsApplied) {
    QTemporaryDir workdir;
    ASSERT_TRUE(workdir.isValid());
    const std::string path = QDir(workdir.path()).canonicalPath().toStdString();
    ASSERT_TRUE(agent.start());
    ExecOverrides o;
    o.workdir = path;
    const CollectedExec r = run({"pwd"}, o);
    ASSERT_TRUE(r.result.exited()) << describe(r.result);
    EXPECT_EQ(r.stdoutData, path + "\n");
}

// As in a container, a missing workdir is created, inside the sandbox only.
TEST_F(RunnerExecTest, MissingWorkdirIsCreatedInsideTheSandbox) {
    ASSERT_TRUE(agent.start());
    ExecOverrides o;
    o.workdir = "/nonexistent/sandbox-test-workdir";
    const CollectedExec r = run({"sh", "-c", "pwd; touch file && echo writable"}, o);
    ASSERT_TRUE(r.result.exited()) << describe(r.result) << r.stderrData;
    EXPECT_EQ(r.stdoutData, "/nonexistent/sandbox-test-workdir\nwritable\n");
    EXPECT_FALSE(QDir(QStringLiteral("/nonexistent")).exists()) << "created on the host";
}

TEST_F(RunnerExecTest, WorkdirThatCannotBeCreatedInTheReadOnlyRootIsRejected) {
    ASSERT_TRUE(agent.start());
    ExecOverrides o;
    o.workdir = "/usr/sandbox-test-workdir";
    const CollectedExec r = run({"pwd"}, o);
    EXPECT_EQ(r.result.outcome, ExecOutcome::Failed) << describe(r.result);
    EXPECT_EQ(r.result.error.kind, ExecErrorKind::InvalidArgument) << describe(r.result);
    EXPECT_TRUE(contains(r.result.error.agentMessage, "/usr/sandbox-test-workdir"))
        << describe(r.result);
    EXPECT_TRUE(r.stdoutData.empty());
}

TEST_F(RunnerExecTest, EnvIsAppliedExactly) {
    const std::string agentOnly = "agent-only-" + SecureAgent::randomToken();
    secretValues.push_back("v a l u e");
    ASSERT_TRUE(agent.start(SecureAgent::Options().withEnv({{"AGENT_ONLY_MARKER", agentOnly}})));
    const CollectedExec one = run({"printenv", "FOO"}, withEnv({{"FOO", "v a l u e"}}));
    ASSERT_TRUE(one.result.exited()) << describe(one.result);
    EXPECT_EQ(one.stdoutData, "v a l u e\n");

    // Exactly the requested env (plus PATH): nothing of the agent's own environment, and in
    // particular not its token, reaches the command.
    const CollectedExec all = run({"env"}, withEnv({{"FOO", "v a l u e"}}));
    ASSERT_TRUE(all.result.exited()) << describe(all.result);
    EXPECT_TRUE(contains(all.stdoutData, "FOO=v a l u e\n")) << all.stdoutData;
    EXPECT_TRUE(contains(all.stdoutData, "PATH=")) << all.stdoutData;
    EXPECT_FALSE(contains(all.stdoutData, agentOnly)) << all.stdoutData;
    EXPECT_FALSE(contains(all.stdoutData, agent.token())) << all.stdoutData;
}

TEST_F(RunnerExecTest, UnknownProfileIsClampedToStandard) {
    ASSERT_TRUE(agent.start());
    for (const std::string requested : {"no-such-profile-xyz", "permissive"}) {
        ExecOverrides o;
        o.profile = requested;
        const CollectedExec r = run({"echo", "clamped"}, o);
        ASSERT_TRUE(r.result.exited()) << describe(r.result);
        EXPECT_EQ(r.stdoutData, "clamped\n");
        const auto lines = logLinesWith(requested);
        ASSERT_FALSE(lines.empty())
            << "no log line names the requested profile " << requested << ":\n"
            << agent.stderrText();
        EXPECT_TRUE(contains(lines.back(), "standard"))
            << "the log line does not show the effective profile 'standard': " << lines.back();
    }
}

TEST_F(RunnerExecTest, ExitCodesAndSignalsArePropagated) {
    ASSERT_TRUE(agent.start());
    struct Case {
        std::vector<std::string> argv;
        int code;
    };
    const std::vector<Case> cases = {
        {{"true"}, 0},
        {{"false"}, 1},
        {{"sh", "-c", "exit 7"}, 7},
        {{"sh", "-c", "exit 255"}, 255},
        {{"sh", "-c", "kill -TERM $$"}, 143},
        {{"sh", "-c", "kill -KILL $$"}, 137},
    };
    for (const Case &c : cases) {
        const CollectedExec r = run(c.argv);
        ASSERT_TRUE(r.result.exited()) << c.argv.back() << ": " << describe(r.result);
        EXPECT_EQ(r.result.exitCode, c.code) << c.argv.back();
    }
}

TEST_F(RunnerExecTest, StdinIsEmpty) {
    // A command that reads stdin must see end-of-file at once, not wait for input.
    ASSERT_TRUE(agent.start());
    ASSERT_NE(runner = agent.makeRunner(), nullptr);
    RecordingSink sink;
    const auto result = execWithin(*runner, command({"cat"}), sink, std::chrono::seconds(60));
    ASSERT_TRUE(result.has_value());
    ASSERT_TRUE(result->exited()) << describe(*result);
    EXPECT_EQ(result->exitCode, 0);
    EXPECT_TRUE(sink.stdoutData().empty());
}

TEST_F(RunnerExecTest, ExecsBeyondMaxConcurrentAreRefusedAsResourceExhausted) {
    ASSERT_TRUE(agent.start(SecureAgent::Options().withArgs({"--max-concurrent", "1"})));
    ASSERT_NE(runner = agent.makeRunner(), nullptr);
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const std::string flag = dir.filePath(QStringLiteral("go")).toStdString();
    // The first exec holds the only slot until the test creates the flag file.
    RecordingSink holderSink;
    std::promise<void> started;
    bool signalled = false;
    holderSink.setOnStdout([&](const std::string &) {
        if (!signalled) {
            signalled = true;
            started.set_value();
        }
    });
    std::optional<ExecResult> holder;
    std::thread holderThread([&] {
        holder = execWithin(*runner,
                            command({"sh", "-c",
                                     "echo holding; i=0; while [ ! -e \"$0\" ] && [ $i -lt 600 ]; "
                                     "do sleep 0.1; i=$((i+1)); done",
                                     flag}),
                            holderSink, std::chrono::seconds(120));
    });
    const bool holding =
        started.get_future().wait_for(std::chrono::seconds(60)) == std::future_status::ready;
    CollectedExec refused;
    if (holding)
        refused = runner->execCollect(command({"echo", "second"}));
    { std::ofstream(flag).put('1'); }
    holderThread.join();
    ASSERT_TRUE(holding) << "the first exec never started";
    EXPECT_EQ(refused.result.outcome, ExecOutcome::Failed) << describe(refused.result);
    EXPECT_EQ(refused.result.error.kind, ExecErrorKind::ResourceExhausted)
        << describe(refused.result);
    EXPECT_TRUE(refused.stdoutData.empty());
    ASSERT_TRUE(holder.has_value());
    EXPECT_TRUE(holder->exited()) << describe(*holder);

    // The slot is free again.
    const CollectedExec after = runner->execCollect(command({"echo", "third"}));
    ASSERT_TRUE(after.result.exited()) << describe(after.result);
    EXPECT_EQ(after.stdoutData, "third\n");
}

TEST_F(RunnerExecTest, AgentLogsOneLinePerExecWithoutEnvValues) {
    const std::string envValue = "env-value-" + SecureAgent::randomToken();
    secretValues.push_back(envValue);
    ASSERT_TRUE(agent.start());
    ExecOverrides o;
    o.profile = "strict";
    o.env = EnvList{{"VISIBLE_ONLY_TO_THE_COMMAND", envValue}};
    const CollectedExec r = run({"printenv", "VISIBLE_ONLY_TO_THE_COMMAND"}, o);
    ASSERT_TRUE(r.result.exited()) << describe(r.result);
    EXPECT_EQ(r.stdoutData, envValue + "\n");
    const auto lines = logLinesWith("printenv");
    ASSERT_EQ(lines.size(), 1u) << agent.stderrText();
    EXPECT_TRUE(contains(lines[0], "strict")) << lines[0];
    EXPECT_FALSE(contains(lines[0], "standard")) << "strict must not be clamped: " << lines[0];
    EXPECT_TRUE(contains(lines[0], "127.0.0.1")) << "no peer in: " << lines[0];
}

TEST_F(RunnerExecTest, MissingProgramExits127AndSaysSo) {
    ASSERT_TRUE(agent.start());
    const CollectedExec r = run({"no-such-program-xyz", "arg"});
    ASSERT_TRUE(r.result.outcome == ExecOutcome::Exited ||
                r.result.error.kind == ExecErrorKind::Internal)
        << describe(r.result);
    if (r.result.exited()) {
        EXPECT_EQ(r.result.exitCode, 127); // like a shell
        EXPECT_TRUE(contains(r.stderrData, "no-such-program-xyz")) << r.stderrData;
    } else {
        EXPECT_TRUE(contains(r.result.error.message, "no-such-program-xyz")) << describe(r.result);
    }
}

TEST_F(RunnerExecTest, StdoutAndStderrAreKeptApart) {
    ASSERT_TRUE(agent.start());
    const CollectedExec r = run({"sh", "-c", "echo out; echo err >&2; echo out2"});
    ASSERT_TRUE(r.result.exited()) << describe(r.result);
    EXPECT_EQ(r.stdoutData, "out\nout2\n");
    EXPECT_EQ(r.stderrData, "err\n");
    EXPECT_EQ(r.result.stdoutBytes, r.stdoutData.size());
    EXPECT_EQ(r.result.stderrBytes, r.stderrData.size());
}

} // namespace
