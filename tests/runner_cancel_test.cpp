// Cancellation and deadlines: the exec returns, and the remote command really stops.
#include "process_probe.h"
#include "recording_sink.h"
#include "secure_agent.h"
#include "secure_agent_test.h"
#include "silent_listener.h"
#include "test_pki.h"

#include <exec_error_text.h>
#include <remote_runner.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>
#include <unistd.h>

using namespace sandbox;
using namespace sandbox::test;

namespace {

constexpr auto kGoneBound = std::chrono::seconds(10);
// The shell and a background child in one process group; both print their pids first.
const std::vector<std::string> kTwoProcesses = {"sh", "-c", "sleep 300 & echo $$ $!; wait"};

struct Pids {
    pid_t shell = 0;
    pid_t child = 0;
    std::atomic<bool> looked{false}; // set once the lookup below is done
};

// The pids the command printed are those of its sandbox's pid namespace; the host's view
// of them is looked up while they still run (under the agent, which started them).
void lookUpHostPids(const std::string &text, pid_t agentPid, Pids &pids) {
    pid_t shell = 0;
    pid_t child = 0;
    std::istringstream in(text);
    in >> shell >> child;
    if (shell > 0 && child > 0) {
        pids.shell = ProcessProbe::hostPid(agentPid, shell);
        pids.child = ProcessProbe::hostPid(agentPid, child);
    }
    pids.looked = true;
}

// Records the host pids at the command's first line, then optionally cancels.
void watchPids(RecordingSink &sink, pid_t agentPid, Pids &pids,
               ExecCancellation *cancelAfter = nullptr) {
    sink.setOnStdout([&pids, agentPid, cancelAfter](const std::string &soFar) {
        if (pids.looked || !contains(soFar, "\n"))
            return;
        lookUpHostPids(soFar, agentPid, pids);
        if (cancelAfter)
            cancelAfter->cancel();
    });
}

// Checks both processes end (bounded) and never leaves them behind either way.
void expectGone(const Pids &pids) {
    for (pid_t pid : {pids.child, pids.shell}) {
        const bool gone = ProcessProbe::waitUntilGone(pid, kGoneBound);
        EXPECT_TRUE(gone) << "remote process " << pid << " survived";
        if (!gone)
            ::kill(pid, SIGKILL);
    }
}

using sandbox::test::SilentListener;

class RunnerCancelTest : public SecureAgentTest {};

TEST_F(RunnerCancelTest, CancelFromTheSinkKillsTheRemoteProcessGroup) {
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    ExecCancellation cancellation;
    RecordingSink sink;
    Pids pids;
    watchPids(sink, agent.process().pid(), pids, &cancellation);
    const auto result =
        execWithin(*runner, command(kTwoProcesses), sink, std::chrono::seconds(120), &cancellation);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->outcome, ExecOutcome::Cancelled) << describe(*result);
    ASSERT_GT(pids.shell, 1) << sink.stdoutData();
    ASSERT_GT(pids.child, 1) << sink.stdoutData();
    expectGone(pids);
    // The agent reaps what it started.
    EXPECT_TRUE(ProcessProbe::waitUntilNoZombies(agent.process().pid(), kGoneBound));
}

TEST_F(RunnerCancelTest, CancelFromAnotherThreadKillsTheRemoteCommand) {
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    ExecCancellation cancellation;
    RecordingSink sink;
    Pids pids;
    watchPids(sink, agent.process().pid(), pids);
    std::thread canceller([&] {
        // Bounded: cancels anyway after a while, so a missing first chunk cannot hang us.
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (!pids.looked && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        cancellation.cancel();
    });
    const auto result =
        execWithin(*runner, command(kTwoProcesses), sink, std::chrono::seconds(120), &cancellation);
    canceller.join();
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->outcome, ExecOutcome::Cancelled) << describe(*result);
    EXPECT_EQ(result->error.kind, ExecErrorKind::Cancelled) << describe(*result);
    ASSERT_GT(pids.child, 1) << sink.stdoutData();
    expectGone(pids);
}

TEST_F(RunnerCancelTest, CancellingOneExecLeavesAnotherOnTheSameRunnerAlone) {
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    // The survivor waits for a file the test creates after the cancel, so the two really
    // overlap without any sleep-based timing.
    // Not under /tmp (each sandbox has its own) and readable by the sandbox's uid.
    QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/cancel-flag-XXXXXX"));
    ASSERT_TRUE(dir.isValid());
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                          QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                          QFileDevice::ExeOther);
    const std::string flag = dir.filePath(QStringLiteral("go")).toStdString();
    CollectedExec survivor;
    std::thread other([&] {
        survivor = runner->execCollect(
            command({"sh", "-c",
                     "echo waiting; i=0; while [ ! -e \"$0\" ] && [ $i -lt 600 ]; do sleep 0.1; "
                     "i=$((i+1)); done; echo done",
                     flag}));
    });
    ExecCancellation cancellation;
    RecordingSink sink;
    Pids pids;
    watchPids(sink, agent.process().pid(), pids, &cancellation);
    const auto cancelled =
        execWithin(*runner, command(kTwoProcesses), sink, std::chrono::seconds(120), &cancellation);
    { std::ofstream(flag).put('1'); }
    other.join();
    ASSERT_TRUE(cancelled.has_value());
    EXPECT_EQ(cancelled->outcome, ExecOutcome::Cancelled) << describe(*cancelled);
    ASSERT_TRUE(survivor.result.exited()) << describe(survivor.result);
    EXPECT_EQ(survivor.stdoutData, "waiting\ndone\n");
    ASSERT_GT(pids.child, 1) << sink.stdoutData();
    expectGone(pids);
}

TEST_F(RunnerCancelTest, ExecDeadlineStopsTheRemoteCommand) {
    ASSERT_TRUE(agent.start());
    RunnerConfig config = agent.runnerConfig();
    config.execDeadline = std::chrono::seconds(5);
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    RecordingSink sink;
    Pids pids;
    watchPids(sink, agent.process().pid(), pids);
    const auto result =
        execWithin(*runner, command(kTwoProcesses), sink, std::chrono::seconds(120));
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->outcome, ExecOutcome::Failed) << describe(*result);
    EXPECT_EQ(result->error.kind, ExecErrorKind::DeadlineExceeded) << describe(*result);
    EXPECT_TRUE(containsIgnoringCase(result->error.message, "deadline")) << describe(*result);
    if (pids.child > 1) // on a very loaded machine the command may not even have started
        expectGone(pids);
}

TEST_F(RunnerCancelTest, CancelWhileConnectingReturnsCancelled) {
    SilentListener silent;
    ASSERT_TRUE(silent.ok());
    RunnerConfig config;
    config.address = silent.address();
    config.token = "tok-never-sent";
    config.caCert = PemSource::fromPem(pki.ca().certPem);
    config.image = SecureAgent::kImage;
    config.connectTimeout = std::chrono::seconds(120);
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    ExecCancellation cancellation;
    std::thread canceller([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        cancellation.cancel();
    });
    RecordingSink sink;
    const auto result =
        execWithin(*runner, command({"true"}), sink, std::chrono::seconds(60), &cancellation);
    canceller.join();
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->outcome, ExecOutcome::Cancelled) << describe(*result);
}

TEST_F(RunnerCancelTest, ConnectTimeoutAgainstASilentPortNamesTheAddress) {
    SilentListener silent;
    ASSERT_TRUE(silent.ok());
    RunnerConfig config;
    config.address = silent.address();
    config.token = "tok-never-sent";
    config.caCert = PemSource::fromPem(pki.ca().certPem);
    config.image = SecureAgent::kImage;
    config.connectTimeout = std::chrono::seconds(1);
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    RecordingSink sink;
    const auto result = execWithin(*runner, command({"true"}), sink, std::chrono::seconds(60));
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->outcome, ExecOutcome::Failed) << describe(*result);
    // Whether gRPC's handshake timeout or the runner's connect timeout fires first, a port
    // that never answers is "unreachable", never blamed on certificates.
    EXPECT_EQ(result->error.kind, ExecErrorKind::Unavailable) << describe(*result);
    EXPECT_TRUE(contains(result->error.message, silent.address())) << describe(*result);
    EXPECT_FALSE(contains(result->error.message, "tok-never-sent")) << describe(*result);
}

// Issue 8, item 12: a port that takes the TCP connection and then says nothing. The exec
// never reports the connection up, and the error names the stalled TLS handshake.
TEST_F(RunnerCancelTest, SilentTlsPortSaysTheHandshakeNeverCompleted) {
    SilentListener silent;
    ASSERT_TRUE(silent.ok());
    RunnerConfig config;
    config.address = silent.address();
    config.caCert = PemSource::fromPem(pki.ca().certPem);
    config.image = SecureAgent::kImage;
    config.connectTimeout = std::chrono::seconds(1);
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    RecordingSink sink;
    const auto result = execWithin(*runner, command({"true"}), sink, std::chrono::seconds(60));
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->outcome, ExecOutcome::Failed) << describe(*result);
    EXPECT_FALSE(sink.sawConnected()) << "the handshake never finished";
    EXPECT_EQ(result->error.cause, ExecErrorCause::HandshakeStalled) << describe(*result);
    EXPECT_TRUE(contains(result->error.message,
                         silent.address() + " accepted the connection but never completed the "
                                            "TLS handshake (is it a TLS port?)"))
        << describe(*result);
    const QString shown =
        ExecErrorText::describe(*result, QString::fromStdString(silent.address()));
    EXPECT_TRUE(shown.contains(QString::fromStdString(silent.address()) +
                               QStringLiteral(" accepted the connection but never completed the "
                                              "TLS handshake (is it a TLS port?)")))
        << shown.toStdString();
}

} // namespace
