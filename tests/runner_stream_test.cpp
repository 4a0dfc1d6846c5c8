// Output streaming: live delivery, size, binary safety, cancellation, concurrency, and a
// scripted agent that breaks the protocol.
#include "fake_agent.h"
#include "process_probe.h"
#include "recording_sink.h"
#include "secure_agent.h"
#include "secure_agent_test.h"
#include "sha256.h"
#include "test_pki.h"

#include <exec_error_text.h>
#include <remote_runner.h>

#include <QTemporaryDir>

#include "shared_dir.h"

#include <gtest/gtest.h>

#include <fstream>
#include <future>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace sandbox;
using namespace sandbox::test;

namespace {

// Writes size deterministic pseudo-random bytes (all byte values, NULs included) to path;
// returns their SHA-256.
std::string writeDeterministicFile(const std::string &path, std::uint64_t size,
                                   std::uint64_t seed) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    Sha256 sha;
    std::string block(1 << 20, '\0');
    std::uint64_t x = seed | 1;
    for (std::uint64_t written = 0; written < size;) {
        const size_t n = static_cast<size_t>(std::min<std::uint64_t>(block.size(), size - written));
        for (size_t i = 0; i < n; i += 8) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            for (size_t b = 0; b < 8 && i + b < n; ++b)
                block[i + b] = static_cast<char>((x >> (8 * b)) & 0xFF);
        }
        const std::string_view part(block.data(), n);
        sha.update(part);
        out.write(part.data(), static_cast<std::streamsize>(n));
        written += n;
    }
    out.close();
    return out ? sha.hex() : std::string("write failed");
}

class RunnerStreamTest : public SecureAgentTest {
protected:
    // Runs a command against a scripted agent (plaintext, no token), as the console would.
    static std::optional<ExecResult> execOnFake(const FakeAgent &fake, RecordingSink &sink) {
        RunnerConfig config;
        config.address = fake.address();
        config.image = SecureAgent::kImage;
        auto runner = SecureAgent::makeRunner(config);
        if (!runner)
            return std::nullopt;
        return execWithin(*runner, command({"anything"}), sink, std::chrono::seconds(60));
    }
};

// Both streams in the order the runner handed them on: "out:BYTES|err:BYTES|...".
class InterleavingSink : public ExecSink {
public:
    void onStdout(std::string_view bytes) override { add("out:", bytes); }
    void onStderr(std::string_view bytes) override { add("err:", bytes); }
    std::string sequence() const {
        std::lock_guard lock(mutex_);
        return sequence_;
    }

private:
    void add(const char *stream, std::string_view bytes) {
        std::lock_guard lock(mutex_);
        sequence_ += stream;
        sequence_.append(bytes);
        sequence_ += '|';
    }
    mutable std::mutex mutex_;
    std::string sequence_;
};

TEST_F(RunnerStreamTest, OutputArrivesWhileTheCommandStillRuns) {
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    ExecCancellation cancellation;
    RecordingSink sink;
    // The command would run for 30 s; the sink cancels as soon as "first" is there, which is
    // only possible if it was delivered before the command ended.
    sink.setOnStdout([&](const std::string &soFar) {
        if (contains(soFar, "first\n"))
            cancellation.cancel();
    });
    const auto result = execWithin(*runner, command({"sh", "-c", "echo first; sleep 30"}), sink,
                                   std::chrono::seconds(120), &cancellation);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(sink.stdoutData(), "first\n");
    EXPECT_EQ(result->outcome, ExecOutcome::Cancelled) << describe(*result);
    EXPECT_EQ(result->error.kind, ExecErrorKind::Cancelled) << describe(*result);
}

TEST_F(RunnerStreamTest, QuarterGibibyteIsDeliveredByteExact) {
    SharedDir dir; // the sandbox has its own /tmp
    ASSERT_TRUE(dir.ok());
    constexpr std::uint64_t kSize = 256ull * 1024 * 1024;
    const std::string path = dir.path("big.bin");
    const std::string expected = writeDeterministicFile(path, kSize, 0x5EED);
    ASSERT_EQ(expected.size(), 64u) << expected;
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    RecordingSink sink(RecordingSink::Keep::HashOnly);
    const auto result =
        execWithin(*runner, command({"cat", path}), sink, std::chrono::seconds(240));
    ASSERT_TRUE(result.has_value());
    ASSERT_TRUE(result->exited()) << describe(*result);
    EXPECT_EQ(result->exitCode, 0);
    EXPECT_EQ(sink.stdoutBytes(), kSize);
    EXPECT_EQ(result->stdoutBytes, kSize);
    EXPECT_EQ(sink.stdoutSha256(), expected);
    // The agent streams in chunks of at most 1 MiB (what a default gRPC client accepts, 4 MiB,
    // with room to spare).
    EXPECT_LE(result->largestOutputMessage, 1024u * 1024u);
    EXPECT_GT(result->outputMessages, 1u);
}

TEST_F(RunnerStreamTest, ClientThatStopsReadingKeepsAgentMemoryWithinBudget) {
    // A client that stops reading must hold the producer back (flow control all the way to
    // the pipe), not make the agent buffer the command's output. The command offers 256 MiB
    // (plus a few bytes, so its argv is this test's own); the sink blocks on the first chunk
    // until the producer sleeps on a full pipe. By then everything the agent would ever hold
    // for this exec is in memory: its growth must stay within a fixed budget.
    constexpr long kBudgetKiB = 64 * 1024; // the agent's own buffers are a few MiB at most
    const std::uint64_t size = (256ull << 20) + static_cast<std::uint64_t>(::getpid() % 4096);
    const std::vector<std::string> argv = {"head", "-c", std::to_string(size), "/dev/zero"};
    std::string cmdline;
    for (const auto &arg : argv)
        cmdline += arg + '\0';
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    ASSERT_TRUE(runner->execCollect(command({"true"})).result.exited()); // connected, warm
    const long baselineKiB = ProcessProbe::residentKiB(agent.process().pid());
    ASSERT_GT(baselineKiB, 0) << "could not read the agent's memory use";
    std::promise<void> firstChunk;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    bool first = true;
    RecordingSink sink(RecordingSink::Keep::HashOnly);
    sink.setOnStdout([&](const std::string &) {
        if (first) {
            first = false;
            firstChunk.set_value();
            released.wait();
        }
    });
    std::optional<ExecResult> result;
    std::thread execThread(
        [&] { result = execWithin(*runner, command(argv), sink, std::chrono::seconds(600)); });
    bool producerBlocked = false;
    long grownKiB = 0;
    if (firstChunk.get_future().wait_for(std::chrono::seconds(120)) == std::future_status::ready) {
        // Bounds only how long we wait for the producer to block (or, if the agent buffered
        // everything, to finish); nothing depends on the machine's speed.
        const auto giveUp = std::chrono::steady_clock::now() + std::chrono::seconds(120);
        pid_t producer = 0;
        while (!producerBlocked && std::chrono::steady_clock::now() < giveUp) {
            producer = producer ? producer : ProcessProbe::findRunning(cmdline);
            producerBlocked = producer != 0 && ProcessProbe::blockedOnPipeWrite(producer);
            if (producer != 0 && ProcessProbe::gone(producer))
                break; // wrote everything although nobody read: the agent buffered it
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        grownKiB = ProcessProbe::residentKiB(agent.process().pid()) - baselineKiB;
    }
    release.set_value();
    execThread.join();
    ASSERT_TRUE(result.has_value());
    ASSERT_TRUE(result->exited()) << describe(*result);
    EXPECT_EQ(sink.stdoutBytes(), size);
    EXPECT_TRUE(producerBlocked)
        << "the command was never held back by a full pipe while the client did not read";
    RecordProperty("agent_rss_growth_kib", std::to_string(grownKiB));
    EXPECT_LT(grownKiB, kBudgetKiB)
        << "the agent's memory grew by " << grownKiB << " KiB for a client that was not reading";
}

TEST_F(RunnerStreamTest, BinaryOutputWithNulsIsByteExact) {
    SharedDir dir; // the sandbox has its own /tmp
    ASSERT_TRUE(dir.ok());
    // Every byte value, runs of NULs, and an odd size that is not a multiple of any chunk.
    std::string data;
    for (int round = 0; round < 300; ++round) {
        for (int b = 0; b < 256; ++b)
            data += static_cast<char>(b);
        data.append(static_cast<size_t>(round % 17), '\0');
        data += "\r\n\xff\xfe";
    }
    const std::string path = dir.path("binary.bin");
    {
        std::ofstream out(path, std::ios::binary);
        out.write(data.data(), static_cast<std::streamsize>(data.size()));
    }
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    const CollectedExec r = runner->execCollect(command({"cat", path}));
    ASSERT_TRUE(r.result.exited()) << describe(r.result);
    EXPECT_EQ(r.stdoutData.size(), data.size());
    EXPECT_TRUE(r.stdoutData == data) << "binary output differs";

    // The same through stderr, which has its own path in the agent and the client.
    const CollectedExec e = runner->execCollect(command({"sh", "-c", "cat \"$0\" >&2", path}));
    ASSERT_TRUE(e.result.exited()) << describe(e.result);
    EXPECT_TRUE(e.stderrData == data) << "binary stderr differs";
    EXPECT_TRUE(e.stdoutData.empty());

    const CollectedExec zeros = runner->execCollect(command({"head", "-c", "100000", "/dev/zero"}));
    ASSERT_TRUE(zeros.result.exited()) << describe(zeros.result);
    EXPECT_TRUE(zeros.stdoutData == std::string(100000, '\0'));
}

TEST_F(RunnerStreamTest, SixteenMebibyteSingleChunkIsAccepted) {
    // The Go agent sends a command's whole output as one message; gRPC's default 4 MiB
    // receive limit would reject it. Only a scripted agent can send such a chunk.
    FakeAgent fake(FakeAgent::Mode::BigChunk);
    ASSERT_TRUE(fake.start()) << fake.error();
    RunnerConfig config;
    config.address = fake.address();
    config.image = SecureAgent::kImage;
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    RecordingSink sink(RecordingSink::Keep::HashOnly);
    const auto result = execWithin(*runner, command({"produce"}), sink, std::chrono::seconds(120));
    ASSERT_TRUE(result.has_value());
    ASSERT_TRUE(result->exited()) << describe(*result);
    EXPECT_EQ(result->exitCode, 0);
    EXPECT_EQ(result->outputMessages, 1u);
    EXPECT_EQ(sink.stdoutBytes(), FakeAgent::kBigChunkBytes);
    EXPECT_EQ(sink.stdoutSha256(), Sha256::of(FakeAgent::bigChunk()));
}

TEST_F(RunnerStreamTest, FiftyConcurrentExecsOnOneRunnerAreEachByteExact) {
    constexpr int kExecs = 50;
    constexpr int kLines = 20000;
    ASSERT_TRUE(agent.start(SecureAgent::Options().withArgs({"--max-concurrent", "64"})));
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    std::vector<CollectedExec> results(kExecs);
    std::vector<std::thread> threads;
    for (int i = 0; i < kExecs; ++i) {
        threads.emplace_back([&, i] {
            const std::string format = "exec-" + std::to_string(i) + "-line-%g";
            results[static_cast<size_t>(i)] =
                runner->execCollect(command({"seq", "-f", format, "1", std::to_string(kLines)}));
        });
    }
    for (std::thread &t : threads)
        t.join();
    for (int i = 0; i < kExecs; ++i) {
        std::string expected;
        for (int n = 1; n <= kLines; ++n)
            expected += "exec-" + std::to_string(i) + "-line-" + std::to_string(n) + "\n";
        const CollectedExec &r = results[static_cast<size_t>(i)];
        ASSERT_TRUE(r.result.exited()) << "exec " << i << ": " << describe(r.result);
        EXPECT_EQ(r.result.exitCode, 0) << "exec " << i;
        EXPECT_EQ(r.stdoutData.size(), expected.size()) << "exec " << i;
        EXPECT_TRUE(r.stdoutData == expected) << "exec " << i << " got mixed or lost output";
    }
}

TEST_F(RunnerStreamTest, HundredMebibyteSingleChunkIsAcceptedByDefault) {
    // The Go agent buffers a command's whole output and sends it as one message: 100 MiB
    // is over gRPC's 4 MiB and the old 64 MiB limit, and under the 1 GiB default.
    FakeAgent fake(FakeAgent::Mode::HugeChunk);
    ASSERT_TRUE(fake.start()) << fake.error();
    RunnerConfig config;
    config.address = fake.address();
    config.image = SecureAgent::kImage;
    EXPECT_EQ(config.maxReceiveMessageBytes, 1024 * 1024 * 1024);
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    RecordingSink sink(RecordingSink::Keep::HashOnly);
    const auto result = execWithin(*runner, command({"produce"}), sink, std::chrono::seconds(240));
    ASSERT_TRUE(result.has_value());
    ASSERT_TRUE(result->exited()) << describe(*result);
    EXPECT_EQ(result->exitCode, 0);
    EXPECT_EQ(result->outputMessages, 1u);
    EXPECT_EQ(result->largestOutputMessage, FakeAgent::kHugeChunkBytes);
    EXPECT_EQ(sink.stdoutBytes(), FakeAgent::kHugeChunkBytes);
    EXPECT_EQ(sink.stdoutSha256(), Sha256::of(FakeAgent::hugeChunk()));
}

TEST_F(RunnerStreamTest, ChunkOverTheReceiveLimitFailsClearly) {
    FakeAgent fake(FakeAgent::Mode::BigChunk);
    ASSERT_TRUE(fake.start()) << fake.error();
    RunnerConfig config;
    config.address = fake.address();
    config.image = SecureAgent::kImage;
    config.maxReceiveMessageBytes = 8 * 1024 * 1024; // below the fake's 16 MiB chunk
    auto runner = SecureAgent::makeRunner(config);
    ASSERT_NE(runner, nullptr);
    RecordingSink sink(RecordingSink::Keep::HashOnly);
    const auto result = execWithin(*runner, command({"produce"}), sink, std::chrono::seconds(120));
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->outcome, ExecOutcome::Failed) << describe(*result);
    EXPECT_EQ(result->error.kind, ExecErrorKind::ResourceExhausted) << describe(*result);
    EXPECT_TRUE(containsIgnoringCase(result->error.message, "limit")) << describe(*result);
    // Both front ends name what raises the limit: the profile setting by its editor label
    // (the GUI) and sandboxctl's flag.
    EXPECT_TRUE(contains(result->error.message, "\"Largest output message\"")) << describe(*result);
    EXPECT_TRUE(contains(result->error.message, "sandboxctl --max-chunk SIZE"))
        << describe(*result);
    EXPECT_EQ(result->error.receiveLimitBytes, 8 * 1024 * 1024);
    const QString shown = ExecErrorText::describe(*result, QString::fromStdString(fake.address()));
    EXPECT_TRUE(
        shown.contains(QStringLiteral("\"%1\"").arg(ExecErrorText::receiveLimitSettingName())))
        << shown.toStdString();
    EXPECT_TRUE(shown.contains(QStringLiteral("8.0 MiB"))) << shown.toStdString();
    EXPECT_TRUE(shown.contains(QStringLiteral("--max-chunk SIZE"))) << shown.toStdString();
}

// Issue 8, item 10: the agent reads both pipes in one loop and forwards output in the order
// the pipes became readable. Back-to-back writes to the two streams, one each, in both
// orders and repeatedly: the client receives them in the order they were written.
TEST_F(RunnerStreamTest, BackToBackWritesToBothStreamsKeepTheirOrder) {
    ASSERT_TRUE(agent.start());
    auto runner = agent.makeRunner();
    ASSERT_NE(runner, nullptr);
    for (int round = 0; round < 15; ++round) {
        for (const bool stderrFirst : {true, false}) {
            const std::string script =
                stderrFirst ? "printf e >&2; printf o" : "printf o; printf e >&2";
            InterleavingSink sink;
            const auto result =
                execWithin(*runner, command({"sh", "-c", script}), sink, std::chrono::seconds(60));
            ASSERT_TRUE(result.has_value());
            ASSERT_TRUE(result->exited()) << describe(*result);
            EXPECT_EQ(sink.sequence(), stderrFirst ? "err:e|out:o|" : "out:o|err:e|")
                << "round " << round << ": " << script;
        }
    }
}

TEST_F(RunnerStreamTest, TrailingChunksAfterExitCodeAreIgnored) {
    FakeAgent fake(FakeAgent::Mode::TrailingAfterExit);
    ASSERT_TRUE(fake.start()) << fake.error();
    RecordingSink sink;
    // The fake keeps the stream open after its exit codes: returning at all is the check.
    const auto result = execOnFake(fake, sink);
    ASSERT_TRUE(result.has_value());
    ASSERT_TRUE(result->exited()) << describe(*result);
    EXPECT_EQ(result->exitCode, FakeAgent::kFirstExitCode);
    EXPECT_EQ(sink.stdoutData(), FakeAgent::kBeforeExit);
    EXPECT_FALSE(contains(sink.stdoutData(), FakeAgent::kAfterExit));
    // The client cancels the call instead of leaving it open on the agent.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!fake.sawClientCancel() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    EXPECT_TRUE(fake.sawClientCancel()) << "the call stayed open after the first exit_code";
}

TEST_F(RunnerStreamTest, StreamEndingWithoutExitCodeIsAFailure) {
    FakeAgent fake(FakeAgent::Mode::NoExitCode);
    ASSERT_TRUE(fake.start()) << fake.error();
    RecordingSink sink;
    const auto result = execOnFake(fake, sink);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(result->outcome, ExecOutcome::Failed) << describe(*result);
    EXPECT_EQ(result->error.kind, ExecErrorKind::StreamCut) << describe(*result);
    EXPECT_TRUE(contains(result->error.message, "stream closed without exit code"))
        << describe(*result);
    EXPECT_NE(result->exitCode, 0);
    // What did arrive is still shown.
    EXPECT_EQ(sink.stdoutData(), FakeAgent::kPartial);
}

TEST_F(RunnerStreamTest, MessageThatIsNotAChunkFailsTheExecNamingTheAgent) {
    FakeAgent fake(FakeAgent::Mode::NotAChunk);
    ASSERT_TRUE(fake.start()) << fake.error();
    RecordingSink sink;
    const auto result = execOnFake(fake, sink);
    ASSERT_TRUE(result.has_value());
    EXPECT_EQ(fake.calls(), 1);
    EXPECT_EQ(result->outcome, ExecOutcome::Failed) << describe(*result);
    EXPECT_EQ(result->error.kind, ExecErrorKind::Internal) << describe(*result);
    EXPECT_TRUE(contains(result->error.message, "the agent at " + fake.address() +
                                                    " sent a message that is not a "
                                                    "SandboxExecChunk"))
        << describe(*result);
    EXPECT_NE(result->exitCode, 0);
    // What arrived before is still shown; nothing of the bad bytes is.
    EXPECT_EQ(sink.stdoutData(), FakeAgent::kPartial);
}

} // namespace
