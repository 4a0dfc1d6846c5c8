// sandboxctl as a script sees it: exit statuses, byte-exact output, one-line errors, and a
// token that never appears on its command line or in its output.
#include "agent_process.h"
#include "child_process.h"
#include "process_probe.h"
#include "secure_agent.h"
#include "test_pki.h"

#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <algorithm>
#include <csignal>
#include <sstream>
#include <thread>

using namespace sandbox;
using namespace sandbox::test;

namespace {

size_t lineCount(const std::string &text) {
    size_t n = static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
    if (!text.empty() && text.back() != '\n')
        ++n;
    return n;
}

class SandboxctlTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(pki.ok()) << pki.error(); }
    void TearDown() override {
        EXPECT_FALSE(contains(agent.stderrText(), agent.token())) << agent.stderrText();
    }

    static ProcessResult sandboxctl(const std::vector<std::string> &args, const EnvVars &env = {}) {
        return ChildProcess::run(SANDBOXCTL_PATH, args, env, std::chrono::seconds(90));
    }

    // exec with address, CA, token file and image; then "--" and argv.
    std::vector<std::string> execArgs(const std::vector<std::string> &argv,
                                      const std::vector<std::string> &extra = {}) const {
        return execArgsFor(agent, argv, extra);
    }
    std::vector<std::string> execArgsFor(const SecureAgent &target,
                                         const std::vector<std::string> &argv,
                                         const std::vector<std::string> &extra = {}) const {
        std::vector<std::string> args = {"exec",
                                         "--addr",
                                         target.address(),
                                         "--ca",
                                         pki.ca().certFile(),
                                         "--token-file",
                                         target.tokenFile().toStdString(),
                                         "--image",
                                         SecureAgent::kImage};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back("--");
        args.insert(args.end(), argv.begin(), argv.end());
        return args;
    }

    TestPki pki;
    SecureAgent agent{pki};
};

TEST_F(SandboxctlTest, SuccessExitsZeroWithByteExactOutput) {
    ASSERT_TRUE(agent.start());
    const ProcessResult r =
        sandboxctl(execArgs({"sh", "-c", "printf 'a\\000b\\377'; printf 'to stderr\\n' >&2"}));
    ASSERT_TRUE(r.finished);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_TRUE(r.out == std::string("a\0b\xff", 4)) << "stdout: " << r.out;
    EXPECT_TRUE(contains(r.err, "to stderr\n")) << r.err;
    EXPECT_FALSE(contains(r.out + r.err, agent.token()));
}

TEST_F(SandboxctlTest, RemoteExitCodeBecomesTheExitStatus) {
    ASSERT_TRUE(agent.start());
    const ProcessResult r = sandboxctl(execArgs({"sh", "-c", "exit 3"}));
    ASSERT_TRUE(r.finished);
    EXPECT_EQ(r.exitCode, 3) << r.err;
    const ProcessResult killed = sandboxctl(execArgs({"sh", "-c", "kill -TERM $$"}));
    ASSERT_TRUE(killed.finished);
    EXPECT_EQ(killed.exitCode, 143) << killed.err;
}

TEST_F(SandboxctlTest, TokenFromEnvironmentVariableAndRequestOptions) {
    const std::string secretValue = "ctl-secret-" + SecureAgent::randomToken();
    ASSERT_TRUE(
        agent.start(SecureAgent::Options().withMtls().withEnv({{"CTL_VALUE", secretValue}})));
    QTemporaryDir workdir;
    ASSERT_TRUE(workdir.isValid());
    const std::string dir = QDir(workdir.path()).canonicalPath().toStdString();
    const std::vector<std::string> args = {"exec",
                                           "--addr",
                                           agent.address(),
                                           "--ca",
                                           pki.ca().certFile(),
                                           "--cert",
                                           pki.client().certFile(),
                                           "--key",
                                           pki.client().keyFile(),
                                           "--token-env",
                                           "SBX_CTL_TEST_TOKEN",
                                           "--image",
                                           SecureAgent::kImage,
                                           "--workdir",
                                           dir,
                                           "--env",
                                           "GREETING=hello world",
                                           "--env",
                                           "REF=secret://ctl.value",
                                           "--profile",
                                           "strict",
                                           "--",
                                           "sh",
                                           "-c",
                                           "pwd; printenv GREETING; printenv REF"};
    const ProcessResult r = sandboxctl(args, {{"SBX_CTL_TEST_TOKEN", agent.token()}});
    ASSERT_TRUE(r.finished);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    // The reference travels verbatim and the agent's env backend resolves it.
    EXPECT_EQ(r.out, dir + "\nhello world\n" + secretValue + "\n");
    EXPECT_FALSE(contains(agent.stderrText(), secretValue)) << agent.stderrText();
}

TEST_F(SandboxctlTest, UnreachableAgentExits125WithOneLineReason) {
    ASSERT_TRUE(agent.start());
    const std::vector<std::string> args = execArgs({"true"}, {"--timeout", "30"});
    agent.process().stop(); // nothing listens on that port now
    const ProcessResult r = sandboxctl(args);
    ASSERT_TRUE(r.finished) << "sandboxctl hung against a closed port";
    EXPECT_EQ(r.exitCode, 125) << r.err;
    EXPECT_EQ(lineCount(r.err), 1u) << "stderr: " << r.err;
    EXPECT_TRUE(contains(r.err, agent.address()))
        << "the reason does not name the address: " << r.err;
    EXPECT_FALSE(contains(r.err, agent.token()));
    EXPECT_TRUE(r.out.empty());
}

TEST_F(SandboxctlTest, WrongTokenExits125WithoutShowingAnyToken) {
    ASSERT_TRUE(agent.start());
    const std::string wrong = SecureAgent::randomToken();
    std::vector<std::string> args = execArgs({"echo", "must not run"});
    // Swap the token file for an environment variable with a wrong token.
    const auto it = std::find(args.begin(), args.end(), "--token-file");
    ASSERT_NE(it, args.end());
    *it = "--token-env";
    *(it + 1) = "SBX_CTL_WRONG_TOKEN";
    const ProcessResult r = sandboxctl(args, {{"SBX_CTL_WRONG_TOKEN", wrong}});
    ASSERT_TRUE(r.finished);
    EXPECT_EQ(r.exitCode, 125) << r.err;
    EXPECT_EQ(lineCount(r.err), 1u) << "stderr: " << r.err;
    EXPECT_TRUE(containsIgnoringCase(r.err, "token")) << r.err;
    EXPECT_FALSE(contains(r.err, wrong)) << r.err;
    EXPECT_FALSE(contains(r.err, agent.token())) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
    EXPECT_FALSE(contains(agent.stderrText(), wrong)) << agent.stderrText();
}

// Each problem with the agent's certificate gets its own one-line reason, not "wrong CA".
TEST_F(SandboxctlTest, EachServerCertificateProblemIsNamed) {
    struct Case {
        const CertKey *cert;
        std::string reason;
    };
    const Case cases[] = {
        {&pki.expiredServer(), "the agent's certificate expired on 20"},
        {&pki.notYetValidServer(), "the agent's certificate is not valid until 20"},
        {&pki.otherHostServer(),
         "the agent's certificate was issued for other.example, not 127.0.0.1"},
        {&pki.foreignServer(),
         "the agent's certificate is not signed by the CA in " + pki.ca().certFile()},
    };
    for (const Case &c : cases) {
        SecureAgent target{pki};
        ASSERT_TRUE(target.start(SecureAgent::Options().withServerCert(*c.cert)));
        const ProcessResult r = sandboxctl(execArgsFor(target, {"echo", "must not run"}));
        ASSERT_TRUE(r.finished);
        EXPECT_EQ(r.exitCode, 125) << r.err;
        EXPECT_EQ(lineCount(r.err), 1u) << "stderr: " << r.err;
        EXPECT_TRUE(contains(r.err, c.reason)) << "expected '" << c.reason << "' in: " << r.err;
        EXPECT_FALSE(contains(r.err, target.token())) << r.err;
        EXPECT_TRUE(r.out.empty()) << r.out;
    }
}

// Starts sandboxctl on the two-process command and waits (bounded) for its pid line.
struct RunningCtl {
    QTemporaryDir dir;
    ChildProcess child;
    pid_t shell = 0;
    pid_t sleeper = 0;

    std::string outPath() const { return dir.filePath(QStringLiteral("out")).toStdString(); }
    std::string errPath() const { return dir.filePath(QStringLiteral("err")).toStdString(); }

    // agentPid: the agent running the command; the printed pids are the sandbox's own.
    bool start(const std::vector<std::string> &args, pid_t agentPid) {
        std::string error;
        if (!dir.isValid() ||
            !child.spawn(SANDBOXCTL_PATH, args, {}, outPath(), errPath(), error)) {
            ADD_FAILURE() << "cannot start sandboxctl: " << error;
            return false;
        }
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (std::chrono::steady_clock::now() < deadline) {
            const std::string out = ChildProcess::readFile(outPath());
            if (contains(out, "\n")) {
                std::istringstream(out) >> shell >> sleeper;
                shell = ProcessProbe::hostPid(agentPid, shell);
                sleeper = ProcessProbe::hostPid(agentPid, sleeper);
                return shell > 1 && sleeper > 1;
            }
            if (child.poll())
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        ADD_FAILURE() << "the remote command did not start; stderr: "
                      << ChildProcess::readFile(errPath());
        return false;
    }

    void expectRemoteGone() {
        for (pid_t pid : {sleeper, shell}) {
            const bool gone = ProcessProbe::waitUntilGone(pid, std::chrono::seconds(15));
            EXPECT_TRUE(gone) << "remote process " << pid << " survived";
            if (!gone)
                ::kill(pid, SIGKILL);
        }
    }
};

const std::vector<std::string> kTwoProcesses = {"sh", "-c", "sleep 300 & echo $$ $!; wait"};

TEST_F(SandboxctlTest, CtrlCCancelsTheRemoteCommandAndExits125) {
    ASSERT_TRUE(agent.start());
    RunningCtl ctl;
    ASSERT_TRUE(ctl.start(execArgs(kTwoProcesses), agent.process().pid()));
    ctl.child.signal(SIGINT);
    const bool exited = ctl.child.waitFor(std::chrono::seconds(60));
    ctl.expectRemoteGone();
    ASSERT_TRUE(exited) << "sandboxctl ignored Ctrl+C";
    const ProcessResult r = ctl.child.result();
    EXPECT_EQ(r.termSignal, 0);
    EXPECT_EQ(r.exitCode, 125) << ChildProcess::readFile(ctl.errPath());
    EXPECT_EQ(lineCount(ChildProcess::readFile(ctl.errPath())), 1u)
        << ChildProcess::readFile(ctl.errPath());
}

TEST_F(SandboxctlTest, ClientThatDiesTakesTheRemoteCommandWithIt) {
    ASSERT_TRUE(agent.start());
    RunningCtl ctl;
    ASSERT_TRUE(ctl.start(execArgs(kTwoProcesses), agent.process().pid()));
    ctl.child.killAndReap(); // SIGKILL: no goodbye, the connection just drops
    ctl.expectRemoteGone();
    EXPECT_TRUE(ProcessProbe::waitUntilNoZombies(agent.process().pid(), std::chrono::seconds(10)));
}

TEST_F(SandboxctlTest, TimeoutEndsTheCommandWith125) {
    ASSERT_TRUE(agent.start());
    const ProcessResult r = sandboxctl(execArgs({"sleep", "120"}, {"--timeout", "2"}));
    ASSERT_TRUE(r.finished);
    EXPECT_EQ(r.exitCode, 125) << r.err;
    EXPECT_EQ(lineCount(r.err), 1u) << r.err;
}

TEST_F(SandboxctlTest, TokenOverPlaintextNeedsAllowInsecure) {
    AgentProcess plain;
    const std::string token = SecureAgent::randomToken();
    ASSERT_TRUE(plain.start({}, {{"SANDBOX_RUNNER_TOKEN", token}}));
    const std::vector<std::string> base = {
        "exec",          "--addr",  plain.address(),    "--token-env",
        "SBX_CTL_TOKEN", "--image", SecureAgent::kImage};
    std::vector<std::string> refusedArgs = base;
    refusedArgs.insert(refusedArgs.end(), {"--", "echo", "must not run"});
    const ProcessResult refused = sandboxctl(refusedArgs, {{"SBX_CTL_TOKEN", token}});
    ASSERT_TRUE(refused.finished);
    EXPECT_NE(refused.exitCode, 0);
    EXPECT_TRUE(refused.out.empty()) << refused.out;
    EXPECT_TRUE(containsIgnoringCase(refused.err, "cleartext") ||
                containsIgnoringCase(refused.err, "insecure"))
        << "the refusal does not say why: " << refused.err;
    EXPECT_FALSE(contains(refused.err, token));

    std::vector<std::string> allowedArgs = base;
    allowedArgs.insert(allowedArgs.end(), {"--allow-insecure", "--", "echo", "allowed"});
    const ProcessResult allowed = sandboxctl(allowedArgs, {{"SBX_CTL_TOKEN", token}});
    ASSERT_TRUE(allowed.finished);
    EXPECT_EQ(allowed.exitCode, 0) << allowed.err;
    EXPECT_EQ(allowed.out, "allowed\n");
    EXPECT_FALSE(contains(plain.stderrText(), token));
}

TEST_F(SandboxctlTest, UnreadableTokenFileIsNamed) {
    const std::string missing = "/nonexistent/sandboxctl-token";
    const ProcessResult r =
        sandboxctl({"exec", "--addr", "127.0.0.1:1", "--ca", pki.ca().certFile(), "--token-file",
                    missing, "--image", SecureAgent::kImage, "--", "true"});
    ASSERT_TRUE(r.finished);
    EXPECT_NE(r.exitCode, 0);
    EXPECT_TRUE(contains(r.err, missing)) << r.err;
}

TEST_F(SandboxctlTest, MissingAddressIsAUsageError) {
    const ProcessResult r = sandboxctl({"exec", "--image", SecureAgent::kImage, "--", "true"});
    ASSERT_TRUE(r.finished);
    EXPECT_EQ(r.exitCode, 2) << r.err;
    EXPECT_TRUE(contains(r.err, "--addr")) << "the usage error does not name --addr: " << r.err;
}

TEST_F(SandboxctlTest, TokenAsPlainArgumentIsRefused) {
    // It would show in ps; sandboxctl must refuse it without echoing it.
    const std::string token = SecureAgent::randomToken();
    for (const std::vector<std::string> &args :
         {std::vector<std::string>{"exec", "--addr", "127.0.0.1:1", "--token", token, "--", "true"},
          std::vector<std::string>{"exec", "--addr", "127.0.0.1:1", "--token=" + token, "--",
                                   "true"}}) {
        const ProcessResult r = sandboxctl(args);
        ASSERT_TRUE(r.finished);
        EXPECT_EQ(r.exitCode, 2) << r.err;
        EXPECT_FALSE(contains(r.err, token)) << "the error echoes the token: " << r.err;
        EXPECT_FALSE(contains(r.out, token));
    }
}

// --max-chunk bounds one message from the agent (ours streams 64 KiB chunks at most).
TEST_F(SandboxctlTest, MaxChunkBoundsOneMessageAndTakesUnits) {
    ASSERT_TRUE(agent.start());
    const std::vector<std::string> flood = {"head", "-c", "300000", "/dev/zero"};
    const ProcessResult fits = sandboxctl(execArgs(flood, {"--max-chunk", "64M"}));
    ASSERT_TRUE(fits.finished);
    EXPECT_EQ(fits.exitCode, 0) << fits.err;
    EXPECT_EQ(fits.out.size(), 300000u);

    const ProcessResult tooSmall = sandboxctl(execArgs(flood, {"--max-chunk=1K"}));
    ASSERT_TRUE(tooSmall.finished);
    EXPECT_EQ(tooSmall.exitCode, 125) << tooSmall.err;
    EXPECT_EQ(lineCount(tooSmall.err), 1u) << tooSmall.err;
    EXPECT_LT(tooSmall.out.size(), 300000u);

    const ProcessResult bad = sandboxctl(execArgs({"true"}, {"--max-chunk", "12X"}));
    ASSERT_TRUE(bad.finished);
    EXPECT_EQ(bad.exitCode, 2);
    EXPECT_TRUE(contains(bad.err, "--max-chunk") && contains(bad.err, "12X")) << bad.err;
}

// Everything after the first plain word is the remote argv, its own options included.
TEST_F(SandboxctlTest, RemoteArgvWithoutDoubleDashKeepsItsOptions) {
    ASSERT_TRUE(agent.start());
    std::vector<std::string> args = execArgs({});
    args.pop_back(); // no "--"
    args.insert(args.end(), {"printf", "--", "-n %s", "--addr"});
    const ProcessResult r = sandboxctl(args);
    ASSERT_TRUE(r.finished);
    EXPECT_EQ(r.exitCode, 0) << r.err;
    EXPECT_EQ(r.out, "-n --addr");
}

TEST_F(SandboxctlTest, MissingCommandIsAUsageError) {
    const ProcessResult r = sandboxctl({"exec", "--addr", "127.0.0.1:1", "--"});
    ASSERT_TRUE(r.finished);
    EXPECT_EQ(r.exitCode, 2) << r.err;
}

} // namespace
