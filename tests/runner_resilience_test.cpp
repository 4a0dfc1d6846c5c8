// The agent going away and coming back: no hang, a clear failure, and recovery.
#include "process_probe.h"
#include "recording_sink.h"
#include "secure_agent.h"
#include "secure_agent_test.h"
#include "shared_dir.h"
#include "test_pki.h"

#include <exec_error_text.h>
#include <remote_runner.h>

#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <atomic>
#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

using namespace sandbox;
using namespace sandbox::test;

namespace {

class RunnerResilienceTest : public SecureAgentTest {};

TEST_F(RunnerResilienceTest, AgentKilledMidStreamFailsWithoutHanging) {
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    RecordingSink sink;
    pid_t groupToClean = 0;
    // Kill the agent (SIGKILL, like a crash) as soon as the command is known to run.
    sink.setOnStdout([&](const std::string &soFar) {
        if (groupToClean == 0 && contains(soFar, "\n")) {
            std::istringstream(soFar) >> groupToClean;
            agent.process().kill();
        }
    });
    const auto result = execWithin(*runner, command({"sh", "-c", "echo $$; sleep 30"}), sink,
                                   std::chrono::seconds(90));
    // The orphaned command is the agent's business, but the test must not leave it behind.
    if (groupToClean > 1)
        ::kill(-groupToClean, SIGKILL);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->outcome, ExecOutcome::Failed) << describe(*result);
    EXPECT_TRUE(result->error.kind == ExecErrorKind::StreamCut ||
                result->error.kind == ExecErrorKind::Unavailable)
        << describe(*result);
    EXPECT_FALSE(result->error.message.empty());
    EXPECT_NE(result->exitCode, 0);
}

// Issue 8, item 11: output had arrived, so the agent was reached; what is unknown is the
// command's end, and the message says how much output did arrive.
TEST_F(RunnerResilienceTest, AgentKilledMidStreamSaysTheConnectionWasLostAfterNBytes) {
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    RecordingSink sink;
    pid_t groupToClean = 0;
    sink.setOnStdout([&](const std::string &soFar) {
        if (groupToClean == 0 && contains(soFar, "line 20\n")) {
            std::istringstream(soFar) >> groupToClean;
            agent.process().kill(); // SIGKILL, like a crash
        }
    });
    const auto result = execWithin(*runner,
                                   command({"sh", "-c",
                                            "echo $$; for i in $(seq 20); do echo line $i; done; "
                                            "sleep 30"}),
                                   sink, std::chrono::seconds(90));
    if (groupToClean > 1)
        ::kill(-groupToClean, SIGKILL);
    ASSERT_TRUE(result.has_value());
    ASSERT_EQ(result->outcome, ExecOutcome::Failed) << describe(*result);
    EXPECT_EQ(result->error.kind, ExecErrorKind::StreamCut) << describe(*result);
    EXPECT_EQ(result->error.cause, ExecErrorCause::ConnectionLost) << describe(*result);
    const std::string bytes = std::to_string(sink.stdoutBytes());
    EXPECT_EQ(result->error.bytesReceived, sink.stdoutBytes());
    EXPECT_TRUE(contains(result->error.message,
                         "the connection to " + agent.address() + " was lost after " + bytes +
                             " bytes of output; the command's end is unknown"))
        << describe(*result);
    EXPECT_FALSE(containsIgnoringCase(result->error.message, "unreachable")) << describe(*result);
    const QString shown = ExecErrorText::describe(*result, QString::fromStdString(agent.address()));
    EXPECT_TRUE(shown.contains(QStringLiteral("was lost after %1 bytes of output; the command's "
                                              "end is unknown")
                                   .arg(QString::fromStdString(bytes))))
        << shown.toStdString();
    EXPECT_FALSE(shown.contains(QStringLiteral("unreachable"))) << shown.toStdString();
}

TEST_F(RunnerResilienceTest, SameRunnerWorksAgainAfterAgentRestart) {
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    const CollectedExec before = runner->execCollect(command({"echo", "before"}));
    ASSERT_TRUE(before.result.exited()) << describe(before.result);

    ASSERT_TRUE(agent.process().restart());

    // The first attempt may race the restart (the old connection is dead); a few bounded
    // attempts, no timing assumption beyond that.
    constexpr int kAttempts = 20;
    CollectedExec after;
    int attempts = 0;
    for (; attempts < kAttempts; ++attempts) {
        if (attempts > 0)
            std::this_thread::sleep_for(std::chrono::milliseconds(500));
        RecordingSink sink;
        const auto result =
            execWithin(*runner, command({"echo", "after"}), sink, std::chrono::seconds(60));
        ASSERT_TRUE(result.has_value());
        after.result = *result;
        after.stdoutData = sink.stdoutData();
        if (after.result.exited())
            break;
        // Only "cannot reach it (yet)" may be retried; anything else is a real failure.
        ASSERT_TRUE(after.result.error.kind == ExecErrorKind::Unavailable ||
                    after.result.error.kind == ExecErrorKind::StreamCut)
            << describe(after.result);
    }
    ASSERT_TRUE(after.result.exited())
        << "no successful exec after " << kAttempts << " attempts: " << describe(after.result);
    EXPECT_EQ(after.stdoutData, "after\n");
    EXPECT_EQ(after.result.exitCode, 0);
    RecordProperty("attempts_after_restart", attempts + 1);
}

TEST_F(RunnerResilienceTest, SigtermDuringAnExecStopsTheCommandAndTheAgent) {
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    RecordingSink sink;
    bool signalled = false;
    pid_t shell = 0, child = 0;
    sink.setOnStdout([&](const std::string &soFar) {
        if (!signalled && contains(soFar, "\n")) {
            signalled = true;
            // The printed pids are the sandbox's own; the host's are looked up while running.
            std::istringstream(soFar) >> shell >> child;
            shell = ProcessProbe::hostPid(agent.process().pid(), shell);
            child = ProcessProbe::hostPid(agent.process().pid(), child);
            ::kill(agent.process().pid(), SIGTERM);
        }
    });
    const auto result = execWithin(*runner, command({"sh", "-c", "sleep 300 & echo $$ $!; wait"}),
                                   sink, std::chrono::seconds(120));
    ASSERT_TRUE(result.has_value());
    ASSERT_TRUE(signalled) << describe(*result);
    // The command was cut short: either an error or the exit status of a killed command.
    EXPECT_TRUE(result->outcome == ExecOutcome::Failed ||
                (result->exited() && result->exitCode != 0))
        << describe(*result);
    ASSERT_GT(child, 1) << sink.stdoutData();
    for (pid_t pid : {child, shell}) {
        const bool gone = ProcessProbe::waitUntilGone(pid, std::chrono::seconds(15));
        EXPECT_TRUE(gone) << "process " << pid << " survived the agent's shutdown";
        if (!gone)
            ::kill(pid, SIGKILL);
    }
    // SIGTERM is a clean stop: exit status 0.
    EXPECT_TRUE(agent.process().stop(std::chrono::seconds(30)))
        << "the agent did not exit after SIGTERM";
    const ProcessResult ended = agent.process().lastResult();
    EXPECT_EQ(ended.termSignal, 0);
    EXPECT_EQ(ended.exitCode, 0) << agent.stderrText();
}

TEST_F(RunnerResilienceTest, CloseDropsTheChannelAndTheNextExecReconnects) {
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    for (int round = 0; round < 3; ++round) {
        const CollectedExec r = runner->execCollect(command({"echo", std::to_string(round)}));
        ASSERT_TRUE(r.result.exited()) << describe(r.result);
        EXPECT_EQ(r.stdoutData, std::to_string(round) + "\n");
        runner->close();
    }
}

TEST_F(RunnerResilienceTest, CloseWhileExecsAreInFlightLetsThemFinish) {
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    // Outside /tmp: each sandbox has a private one.
    SharedDir dir;
    ASSERT_TRUE(dir.ok());
    const std::string flag = dir.path("go");
    constexpr int kExecs = 5;
    std::vector<std::optional<ExecResult>> results(kExecs);
    std::vector<std::unique_ptr<RecordingSink>> sinks;
    std::atomic<int> startedCount{0};
    for (int i = 0; i < kExecs; ++i) {
        sinks.push_back(std::make_unique<RecordingSink>());
        sinks.back()->setOnStdout([&](const std::string &soFar) {
            if (soFar == "started\n")
                startedCount.fetch_add(1);
        });
    }
    std::vector<std::thread> threads;
    for (int i = 0; i < kExecs; ++i) {
        threads.emplace_back([&, i] {
            results[static_cast<size_t>(i)] = execWithin(
                *runner,
                command({"sh", "-c",
                         "echo started; n=0; while [ ! -e \"$0\" ] && [ $n -lt 600 ]; do "
                         "sleep 0.1; n=$((n+1)); done; echo finished",
                         flag}),
                *sinks[static_cast<size_t>(i)], std::chrono::seconds(120));
        });
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (startedCount.load() < kExecs && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    runner->close(); // drops the runner's channel; calls in flight keep theirs
    { std::ofstream(flag).put('1'); }
    for (std::thread &t : threads)
        t.join();
    EXPECT_EQ(startedCount.load(), kExecs);
    for (int i = 0; i < kExecs; ++i) {
        ASSERT_TRUE(results[static_cast<size_t>(i)].has_value());
        EXPECT_TRUE(results[static_cast<size_t>(i)]->exited())
            << describe(*results[static_cast<size_t>(i)]);
        EXPECT_EQ(sinks[static_cast<size_t>(i)]->stdoutData(), "started\nfinished\n");
    }
    const CollectedExec after = runner->execCollect(command({"echo", "reconnected"}));
    ASSERT_TRUE(after.result.exited()) << describe(after.result);
    EXPECT_EQ(after.stdoutData, "reconnected\n");
}

TEST_F(RunnerResilienceTest, AgentStopsCleanlyOnSigterm) {
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    const CollectedExec r = runner->execCollect(command({"true"}));
    ASSERT_TRUE(r.result.exited()) << describe(r.result);
    EXPECT_TRUE(agent.process().stop()) << "the agent did not exit on SIGTERM";
    const ProcessResult ended = agent.process().lastResult();
    EXPECT_EQ(ended.termSignal, 0);
    EXPECT_EQ(ended.exitCode, 0) << agent.stderrText();
}

TEST_F(RunnerResilienceTest, UnreachableAgentFailsWithTheAddress) {
    // A port that was just free: nothing listens there.
    ASSERT_TRUE(agent.start());
    const std::string address = agent.address();
    agent.process().stop();
    RunnerConfig config = agent.runnerConfig();
    config.connectTimeout = std::chrono::seconds(5);
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    RecordingSink sink;
    const auto result = execWithin(*runner, command({"true"}), sink, std::chrono::seconds(60));
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->outcome, ExecOutcome::Failed) << describe(*result);
    EXPECT_EQ(result->error.kind, ExecErrorKind::Unavailable) << describe(*result);
    EXPECT_TRUE(contains(result->error.message, address)) << describe(*result);
}

} // namespace
