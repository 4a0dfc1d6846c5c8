// The bubblewrap host runtime, end to end through the real agent: what a command can and
// cannot reach (the token above all), writes, network, pid budget, other execs, and images.
#include "process_probe.h"
#include "recording_sink.h"
#include "secure_agent.h"
#include "secure_agent_test.h"
#include "shared_dir.h"
#include "test_pki.h"

#include <remote_runner.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cstdlib>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

using namespace sandbox;
using namespace sandbox::test;

namespace {

ExecRequest withOverrides(std::vector<std::string> argv, ExecOverrides overrides) {
    ExecRequest request = command(std::move(argv));
    request.overrides = std::move(overrides);
    return request;
}

ExecOverrides profile(const std::string &name) {
    ExecOverrides o;
    o.profile = name;
    return o;
}

// Everything a command can find: every process's environ and cmdline, the token file by
// path ($0), and the memory of every process it may read. The memory is searched inside the
// command (for anything shaped like a test token, SecureAgent::randomToken) and only the
// finds come out, with the number of bytes read ("SCANNED N"): streaming it all out made the
// test collect tens of GiB in sanitizer builds. Mappings over 1 GiB are skipped: in an ASan
// or TSan build each process has terabytes of (zero) shadow memory; a token lives in the
// heap or stack.
const char *kTokenHunt = R"(cat /proc/*/environ /proc/*/cmdline 2>/dev/null
cat "$0" 2>/dev/null
echo MEMSCAN
log=$(mktemp)
for p in /proc/[0-9]*; do
  while read -r range perms rest; do
    case $perms in r*) ;; *) continue ;; esac
    s=${range%-*}; e=${range#*-}
    [ $((0x$e - 0x$s)) -gt 1073741824 ] && continue
    dd if=$p/mem bs=4096 skip=$((0x$s / 4096)) count=$(((0x$e - 0x$s) / 4096)) 2>>"$log"
  done < $p/maps 2>/dev/null
done | tr '\000' '\n' | grep -a -o -E 'tok-[0-9a-f]{32}'
awk '/bytes/ { n += $1 } END { print "SCANNED", n + 0 }' "$log"
rm -f "$log")";

// The bytes the hunt's memory scan read ("SCANNED N"), 0 when it did not say.
unsigned long long scannedBytes(const std::string &out) {
    const auto at = out.find("SCANNED ");
    return at == std::string::npos ? 0 : std::strtoull(out.c_str() + at + 8, nullptr, 10);
}

class AgentIsolationTest : public SecureAgentTest {
protected:
    // An agent whose token sits in a file outside /tmp. It is 0600 because the agent
    // refuses a token file group or others may read; the sandbox still hides it (it
    // matters for a non-root agent, whose commands run as the file's owner).
    bool startWithExposedTokenFile(std::vector<std::string> extra = {}) {
        if (!shared.write("token", agent.token(), 0600))
            return false;
        std::vector<std::string> args = {"--tls-cert",   pki.server().certFile(),
                                         "--tls-key",    pki.server().keyFile(),
                                         "--token-file", shared.path("token")};
        args.insert(args.end(), extra.begin(), extra.end());
        if (!own.start(args))
            return false;
        config = agent.runnerConfig();
        config.address = own.address();
        return true;
    }

    CollectedExec run(std::vector<std::string> argv, ExecOverrides overrides = {}) {
        auto runner = SecureAgent::makeRunner(config);
        if (!runner)
            return {};
        return runner->execCollect(withOverrides(std::move(argv), std::move(overrides)));
    }

    SharedDir shared;
    AgentProcess own;
    RunnerConfig config;
};

TEST_F(AgentIsolationTest, CommandsFindNoTokenInProcEnvironCmdlineMemOrTheTokenFile) {
    ASSERT_TRUE(shared.ok());
    ASSERT_TRUE(startWithExposedTokenFile());
    ExecOverrides o;
    o.env = EnvList{{"HUNT_MARKER", "visible-env-value"}};
    const auto hunt = run({"sh", "-c", kTokenHunt, shared.path("token")}, o);
    ASSERT_TRUE(hunt.result.exited()) << describe(hunt.result) << hunt.stderrData;
    // The hunt really read environ blocks and memory, so finding nothing means something.
    EXPECT_TRUE(contains(hunt.stdoutData, "HUNT_MARKER=visible-env-value"));
    ASSERT_NE(hunt.stdoutData.find("MEMSCAN"), std::string::npos);
    EXPECT_GT(scannedBytes(hunt.stdoutData), 100u * 1024) << "the memory scan read too little";
    EXPECT_FALSE(contains(hunt.stdoutData, agent.token())) << "the token leaked to a command";
    EXPECT_FALSE(contains(hunt.stderrData, agent.token()));
    EXPECT_FALSE(contains(own.stderrText(), agent.token()));
}

// The same hunt without the sandbox finds the token: the check above can fail.
TEST_F(AgentIsolationTest, WithoutTheSandboxTheSameHuntFindsTheToken) {
    ASSERT_TRUE(shared.ok());
    ASSERT_TRUE(startWithExposedTokenFile({"--runtime", "host-unsandboxed"}));
    EXPECT_TRUE(contains(own.stderrText(), "host-unsandboxed")) << own.stderrText();
    const auto hunt = run({"sh", "-c", kTokenHunt, shared.path("token")});
    EXPECT_TRUE(contains(hunt.stdoutData, agent.token()));
}

TEST_F(AgentIsolationTest, TokenGivenOnTheCommandLineOrInTheEnvironmentIsScrubbed) {
    for (const bool viaEnv : {false, true}) {
        AgentProcess tokenAgent;
        std::vector<std::string> args = {"--tls-cert", pki.server().certFile(), "--tls-key",
                                         pki.server().keyFile()};
        EnvVars env;
        if (viaEnv)
            env.emplace_back("SANDBOX_RUNNER_TOKEN", agent.token());
        else
            args.insert(args.end(), {"--token", agent.token()});
        ASSERT_TRUE(tokenAgent.start(args, env));
        for (const char *file : {"cmdline", "environ"}) {
            const std::string text =
                ChildProcess::readFile("/proc/" + std::to_string(tokenAgent.pid()) + "/" + file);
            EXPECT_FALSE(text.empty()) << file;
            EXPECT_FALSE(contains(text, agent.token())) << "token in /proc/PID/" << file;
        }
        config = agent.runnerConfig();
        config.address = tokenAgent.address();
        const auto probe = run({"true"});
        EXPECT_TRUE(probe.result.exited()) << describe(probe.result); // the token still works
    }
}

TEST_F(AgentIsolationTest, CommandsRunAsTheSandboxUidNotTheAgents) {
    ASSERT_TRUE(startWithExposedTokenFile());
    const auto id = run({"id", "-u"});
    ASSERT_TRUE(id.result.exited()) << describe(id.result) << id.stderrData;
    EXPECT_EQ(id.stdoutData, "65534\n");
    EXPECT_NE(id.stdoutData, std::to_string(::getuid()) + "\n");
}

TEST_F(AgentIsolationTest, WritesOnlyInTmpAndTheWorkdir) {
    ASSERT_TRUE(shared.ok());
    ASSERT_TRUE(startWithExposedTokenFile());
    ::chmod(shared.path().c_str(), 0777); // even a world-writable host directory stays read-only
    ExecOverrides o;
    o.workdir = "/scratch-" + std::to_string(::getpid());
    const auto r = run({"sh", "-c",
                        "touch /tmp/a && echo tmp-ok; touch ./b && echo workdir-ok; "
                        "touch /etc/sandbox-write-test 2>/dev/null || echo etc-denied; "
                        "touch \"$0/x\" 2>/dev/null || echo host-denied",
                        shared.path()},
                       o);
    ASSERT_TRUE(r.result.exited()) << describe(r.result) << r.stderrData;
    EXPECT_EQ(r.stdoutData, "tmp-ok\nworkdir-ok\netc-denied\nhost-denied\n") << r.stderrData;
    EXPECT_FALSE(QFile::exists(QString::fromStdString(shared.path("x"))));
}

// Interface names in /proc/net/dev text ("  lo: 123 ..." lines).
std::vector<std::string> interfaces(const std::string &dev) {
    std::vector<std::string> names;
    std::istringstream in(dev);
    for (std::string line; std::getline(in, line);) {
        const auto colon = line.find(':');
        if (colon == std::string::npos)
            continue;
        const auto first = line.find_first_not_of(' ');
        names.push_back(line.substr(first, colon - first));
    }
    return names;
}

TEST_F(AgentIsolationTest, StrictHasOnlyLoopbackStandardSharesTheHostNetwork) {
    ASSERT_TRUE(startWithExposedTokenFile());
    char port[16];
    std::snprintf(port, sizeof port, ":%04X ", own.port());
    // /proc/net/* lists the interfaces and sockets of the reader's network namespace.
    const std::vector<std::string> sockets = {"cat", "/proc/net/tcp", "/proc/net/tcp6"};
    const auto strictDev = run({"cat", "/proc/net/dev"}, profile("strict"));
    const auto strictSockets = run(sockets, profile("strict"));
    const auto standardSockets = run(sockets, profile("standard"));
    ASSERT_TRUE(strictDev.result.exited()) << describe(strictDev.result) << strictDev.stderrData;
    EXPECT_EQ(interfaces(strictDev.stdoutData), std::vector<std::string>{"lo"})
        << strictDev.stdoutData;
    EXPECT_TRUE(contains(standardSockets.stdoutData, port))
        << "standard should see the agent's listening port " << port << ":\n"
        << standardSockets.stdoutData;
    EXPECT_FALSE(contains(strictSockets.stdoutData, port)) << strictSockets.stdoutData;
}

TEST_F(AgentIsolationTest, ForkBombUnderStrictIsContainedAndTheAgentKeepsServing) {
    ASSERT_TRUE(startWithExposedTokenFile());
    // Builtins only once the forks run out: read, echo and globbing need no new process.
    const auto bomb = run({"sh", "-c",
                           "( i=0; while [ $i -lt 300 ]; do sleep 600 & i=$((i+1)); "
                           "echo $i > /tmp/n; done ) 2>/dev/null; read n < /tmp/n; "
                           "set -- /proc/[0-9]*; echo \"forked $n processes $#\""},
                          profile("strict"));
    ASSERT_TRUE(bomb.result.exited()) << describe(bomb.result) << bomb.stderrData;
    int forked = 0, processes = 0;
    ASSERT_EQ(std::sscanf(bomb.stdoutData.c_str(), "forked %d processes %d", &forked, &processes),
              2)
        << bomb.stdoutData << bomb.stderrData;
    EXPECT_LT(forked, 100) << "the pid limit did not hold";
    EXPECT_LT(processes, 100);
    const auto after = run({"echo", "still serving"});
    ASSERT_TRUE(after.result.exited()) << describe(after.result);
    EXPECT_EQ(after.stdoutData, "still serving\n");
    EXPECT_TRUE(own.running());
    EXPECT_TRUE(ProcessProbe::waitUntilNoZombies(own.pid(), std::chrono::seconds(10)))
        << "zombies left: " << ProcessProbe::zombieChildren(own.pid()).size();
}

TEST_F(AgentIsolationTest, ConcurrentExecsCannotSeeEachOthersProcesses) {
    ASSERT_TRUE(startWithExposedTokenFile());
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    ExecCancellation cancelFirst;
    std::atomic<bool> firstRunning{false};
    RecordingSink firstSink;
    firstSink.setOnStdout([&](const std::string &soFar) {
        if (contains(soFar, "ready"))
            firstRunning = true;
    });
    std::thread first([&] {
        execWithin(*runner,
                   command({"sh", "-c", "echo ready; while :; do sleep 1; done", "marker-first"}),
                   firstSink, std::chrono::seconds(120), &cancelFirst);
    });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!firstRunning && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    const auto second =
        run({"sh", "-c", "cat /proc/[0-9]*/cmdline | tr '\\0' ' '", "marker-second"});
    cancelFirst.cancel();
    first.join();
    ASSERT_TRUE(firstRunning) << "the first exec never started";
    ASSERT_TRUE(second.result.exited()) << describe(second.result);
    EXPECT_TRUE(contains(second.stdoutData, "marker-second")) << second.stdoutData;
    EXPECT_FALSE(contains(second.stdoutData, "marker-first")) << second.stdoutData;
}

// Each sandbox of a root agent has its own host uid, so its own pid budget: a fork bomb
// holding all of its processes leaves fifty other sandboxes theirs.
TEST_F(AgentIsolationTest, FiftyExecsSucceedWhileAForkBombInAnotherHoldsItsWholePidBudget) {
    constexpr int kExecs = 50;
    ASSERT_TRUE(startWithExposedTokenFile({"--max-concurrent", "64"}));
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    ExecCancellation cancelBomb;
    std::atomic<bool> filled{false};
    RecordingSink bombSink;
    bombSink.setOnStdout([&](const std::string &soFar) {
        if (contains(soFar, "\n"))
            filled = true;
    });
    // Forks until the limit stops it, then keeps every process (exec needs no new one).
    std::thread bomb([&] {
        execWithin(*runner,
                   withOverrides({"sh", "-c",
                                  "( i=0; while [ $i -lt 300 ]; do sleep 600 & i=$((i+1)); "
                                  "echo $i > /tmp/n; done ) 2>/dev/null; read n < /tmp/n; "
                                  "echo \"filled $n\"; exec sleep 600"},
                                 profile("strict")),
                   bombSink, std::chrono::seconds(300), &cancelBomb);
    });
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (!filled && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    std::vector<CollectedExec> results(kExecs);
    std::vector<std::thread> threads;
    for (int i = 0; filled && i < kExecs; ++i) {
        threads.emplace_back([&, i] {
            results[static_cast<size_t>(i)] = runner->execCollect(
                withOverrides({"sh", "-c", "sleep 1; echo ok"}, profile("strict")));
        });
    }
    for (std::thread &t : threads)
        t.join();
    cancelBomb.cancel();
    bomb.join();
    ASSERT_TRUE(filled) << "the fork bomb never reported: " << bombSink.stdoutData();
    int forked = 0;
    ASSERT_EQ(std::sscanf(bombSink.stdoutData().c_str(), "filled %d", &forked), 1)
        << bombSink.stdoutData();
    EXPECT_GE(forked, 10) << "the fork bomb did not get its own budget";
    EXPECT_LT(forked, 100) << "the pid limit did not hold";
    for (int i = 0; i < kExecs; ++i) {
        const CollectedExec &r = results[static_cast<size_t>(i)];
        ASSERT_TRUE(r.result.exited()) << "exec " << i << ": " << describe(r.result);
        EXPECT_EQ(r.result.exitCode, 0) << "exec " << i << ": " << r.stderrData;
        EXPECT_EQ(r.stdoutData, "ok\n") << "exec " << i << ": " << r.stderrData;
    }
}

// A tiny image like scripts/demo's busybox:demo, built from the host's /bin/busybox.
bool buildBusyboxImage(const SharedDir &images) {
    const std::string root = images.path("busybox_demo");
    for (const char *dir : {"", "/bin", "/etc"}) {
        if (!QDir().mkpath(QString::fromStdString(root + dir)))
            return false;
    }
    if (!QFile::copy(QStringLiteral("/bin/busybox"), QString::fromStdString(root + "/bin/busybox")))
        return false;
    ::chmod((root + "/bin/busybox").c_str(), 0755);
    for (const char *applet : {"sh", "cat", "echo", "id", "ls"}) {
        if (::symlink("busybox", (root + "/bin/" + applet).c_str()) != 0)
            return false;
    }
    std::ofstream(root + "/etc/os-release") << "PRETTY_NAME=\"Sandbox busybox demo\"\n"
                                               "ID=sandbox-busybox-demo\n";
    for (const std::string &dir : {root, root + "/bin", root + "/etc"})
        ::chmod(dir.c_str(), 0755);
    ::chmod((root + "/etc/os-release").c_str(), 0644);
    return true;
}

TEST_F(AgentIsolationTest, ImagesFromTheImagesDirAndTheHostRootDiffer) {
    ASSERT_TRUE(shared.ok());
    if (!QFile::exists(QStringLiteral("/bin/busybox")))
        GTEST_SKIP() << "/bin/busybox is missing (package busybox-static)";
    ASSERT_TRUE(buildBusyboxImage(shared));
    ASSERT_TRUE(startWithExposedTokenFile({"--images-dir", shared.path()}));
    ExecOverrides busybox;
    busybox.image = "busybox:demo";
    ExecOverrides unknown;
    unknown.image = "debian:bookworm-slim";
    const auto inImage = run({"cat", "/etc/os-release"}, busybox);
    const auto onHost = run({"cat", "/etc/os-release"}, unknown);
    ASSERT_TRUE(inImage.result.exited()) << describe(inImage.result) << inImage.stderrData;
    ASSERT_TRUE(onHost.result.exited()) << describe(onHost.result) << onHost.stderrData;
    EXPECT_TRUE(contains(inImage.stdoutData, "ID=sandbox-busybox-demo")) << inImage.stdoutData;
    EXPECT_FALSE(contains(onHost.stdoutData, "sandbox-busybox-demo")) << onHost.stdoutData;
    EXPECT_NE(inImage.stdoutData, onHost.stdoutData);
    EXPECT_TRUE(inImage.stderrData.empty()) << inImage.stderrData;
    EXPECT_TRUE(contains(onHost.stderrData, "debian:bookworm-slim")) << onHost.stderrData;
    EXPECT_TRUE(contains(onHost.stderrData, "host's root")) << onHost.stderrData;
    EXPECT_TRUE(contains(own.stderrText(), "\"debian:bookworm-slim\" has no directory"))
        << own.stderrText();
}

TEST_F(AgentIsolationTest, UnknownImageUnderImagesStrictIsInvalidArgument) {
    ASSERT_TRUE(shared.ok());
    ASSERT_TRUE(startWithExposedTokenFile({"--images-dir", shared.path(), "--images-strict"}));
    ExecOverrides unknown;
    unknown.image = "debian:bookworm-slim";
    const auto r = run({"true"}, unknown);
    EXPECT_EQ(r.result.error.grpcCode, 3) << describe(r.result); // INVALID_ARGUMENT
    EXPECT_TRUE(contains(r.result.error.agentMessage, "unknown image")) << describe(r.result);
}

} // namespace
