// The host runtime: exit codes, workdir and env, streaming in bounded chunks, byte-exact
// output, and killing the whole process group on cancel.
#include "host_process.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <thread>
#include <unistd.h>
#include <utility>

using namespace sandbox::agent;

namespace {

struct Captured {
    std::string out;
    std::string err;
    size_t largestChunk = 0;
    HostProcess::Outcome outcome;
};

ProcessSpec specFor(std::vector<std::string> argv, const std::string &profile = "standard") {
    ProcessSpec spec;
    spec.argv = std::move(argv);
    spec.env = {{"PATH", "/usr/local/bin:/usr/bin:/bin"}};
    spec.searchPath = spec.env["PATH"];
    spec.limits = SecurityProfile::clamp(profile).hostLimits();
    return spec;
}

Captured runToEnd(const ProcessSpec &spec) {
    Captured c;
    HostProcess::SpawnError error;
    auto process = HostProcess::spawn(spec, &error);
    EXPECT_TRUE(process) << error.message;
    if (!process)
        return c;
    c.outcome = process->run(
        [&](OutputStream s, std::string_view d) {
            c.largestChunk = std::max(c.largestChunk, d.size());
            (s == OutputStream::Stdout ? c.out : c.err).append(d);
            return true;
        },
        [] { return false; });
    return c;
}

// Waits (bounded) until pid no longer exists; zombies count as existing.
bool gone(pid_t pid) {
    for (int i = 0; i < 500; ++i) {
        if (::kill(pid, 0) != 0 && errno == ESRCH)
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return false;
}

} // namespace

TEST(HostProcess, ExitStatusIsTheExitCode) {
    EXPECT_EQ(runToEnd(specFor({"true"})).outcome.exitCode, 0);
    EXPECT_EQ(runToEnd(specFor({"sh", "-c", "exit 7"})).outcome.exitCode, 7);
}

TEST(HostProcess, SignalNIsReportedAs128PlusN) {
    EXPECT_EQ(runToEnd(specFor({"sh", "-c", "kill -TERM $$"})).outcome.exitCode, 128 + SIGTERM);
    EXPECT_EQ(runToEnd(specFor({"sh", "-c", "kill -KILL $$"})).outcome.exitCode, 128 + SIGKILL);
}

TEST(HostProcess, StdoutAndStderrAreSeparate) {
    const auto c = runToEnd(specFor({"sh", "-c", "echo out; echo err >&2"}));
    EXPECT_EQ(c.out, "out\n");
    EXPECT_EQ(c.err, "err\n");
    EXPECT_EQ(c.outcome.bytesOut, 8u);
}

TEST(HostProcess, WorkdirAndExactlyTheRequestedEnv) {
    ::setenv("AGENT_TEST_MUST_NOT_LEAK", "1", 1);
    const auto dir = std::filesystem::canonical(::testing::TempDir()).string();
    auto spec = specFor({"sh", "-c", "pwd; env"});
    spec.workdir = dir;
    spec.env["GREETING"] = "hello world";
    const auto c = runToEnd(spec);
    EXPECT_EQ(c.out.rfind(dir + "\n", 0), 0u) << c.out;
    EXPECT_NE(c.out.find("GREETING=hello world\n"), std::string::npos) << c.out;
    EXPECT_NE(c.out.find("PATH=/usr/local/bin:/usr/bin:/bin\n"), std::string::npos);
    EXPECT_EQ(c.out.find("AGENT_TEST_MUST_NOT_LEAK"), std::string::npos) << c.out;
}

TEST(HostProcess, StdinIsDevNull) {
    EXPECT_EQ(runToEnd(specFor({"cat"})).out, "");
}

TEST(HostProcess, MissingWorkdirIsTheRequestsFault) {
    auto spec = specFor({"true"});
    spec.workdir = "/nonexistent/agent-workdir";
    HostProcess::SpawnError error;
    EXPECT_FALSE(HostProcess::spawn(spec, &error));
    EXPECT_TRUE(error.invalidArgument);
    EXPECT_NE(error.message.find("/nonexistent/agent-workdir"), std::string::npos);
}

TEST(HostProcess, CommandNotFoundIs127LikeAShell) {
    const auto c = runToEnd(specFor({"no-such-command-xyz"}));
    EXPECT_EQ(c.outcome.exitCode, 127);
    EXPECT_NE(c.err.find("no-such-command-xyz: command not found"), std::string::npos) << c.err;
}

TEST(HostProcess, StrictLimitsStillRunOrdinaryPrograms) {
    const auto c = runToEnd(specFor({"sh", "-c", "ls / >/dev/null && echo ok"}, "strict"));
    EXPECT_EQ(c.out, "ok\n");
    EXPECT_EQ(c.outcome.exitCode, 0);
}

TEST(HostProcess, BinaryOutputIsByteExactInChunksOfAtMostOneMebibyte) {
    std::string data;
    for (int i = 0; i < 3 * 1024 * 1024; ++i)
        data.push_back(static_cast<char>((i * 7919) & 0xff)); // includes NULs
    const auto path = std::filesystem::path(::testing::TempDir()) / "agent_binary_output";
    std::ofstream(path, std::ios::binary).write(data.data(), static_cast<long>(data.size()));
    const auto c = runToEnd(specFor({"cat", path.string()}));
    std::filesystem::remove(path);
    EXPECT_EQ(c.outcome.exitCode, 0);
    EXPECT_EQ(c.out.size(), data.size());
    EXPECT_TRUE(c.out == data);
    // Clients with gRPC's default 4 MiB receive limit must keep working.
    EXPECT_LE(c.largestChunk, 1024u * 1024u);
    EXPECT_GT(c.largestChunk, 0u);
}

// The agent's writer takes each chunk's buffer (no copy into the message): short reads (a
// few bytes between pauses) and full ones (a large file) must both arrive whole, in order.
TEST(HostProcess, ChunksTheWriterTakesArriveWholeWhateverTheirSize) {
    std::string data;
    for (int i = 0; i < 1024 * 1024; ++i)
        data.push_back(static_cast<char>((i * 31) & 0xff));
    const auto path = std::filesystem::path(::testing::TempDir()) / "agent_taken_chunks";
    std::ofstream(path, std::ios::binary).write(data.data(), static_cast<long>(data.size()));
    HostProcess::SpawnError error;
    auto process = HostProcess::spawn(
        specFor({"sh", "-c",
                 "printf first; sleep 0.1; cat \"$0\"; sleep 0.1; printf last; cat \"$0\"",
                 path.string()}),
        &error);
    ASSERT_TRUE(process) << error.message;
    std::string out;
    size_t chunks = 0;
    const auto outcome = process->run(
        [&](OutputStream, std::string &chunk) {
            out += std::exchange(chunk, std::string()); // takes the buffer, as the agent does
            ++chunks;
            return true;
        },
        [] { return false; });
    std::filesystem::remove(path);
    EXPECT_EQ(outcome.exitCode, 0);
    EXPECT_GT(chunks, 3u);
    EXPECT_TRUE(out == "first" + data + "last" + data) << out.size();
}

TEST(HostProcess, CancelKillsTheWholeProcessGroup) {
    HostProcess::SpawnError error;
    auto process = HostProcess::spawn(specFor({"sh", "-c", "sleep 100 & echo $!; wait"}), &error);
    ASSERT_TRUE(process) << error.message;
    std::string out;
    const auto outcome = process->run(
        [&](OutputStream, std::string_view d) {
            out.append(d);
            return true;
        },
        [&] { return out.find('\n') != std::string::npos; });
    const pid_t grandchild = std::stoi(out);
    EXPECT_TRUE(outcome.cancelled);
    EXPECT_TRUE(gone(grandchild)) << "background process " << grandchild << " survived";
    EXPECT_TRUE(gone(process->pid()));
}

TEST(HostProcess, AClientThatIsGoneStopsTheCommand) {
    HostProcess::SpawnError error;
    auto process = HostProcess::spawn(specFor({"yes"}), &error);
    ASSERT_TRUE(process) << error.message;
    int writes = 0;
    const auto outcome = process->run([&](OutputStream, std::string_view) { return ++writes < 3; },
                                      [] { return false; });
    EXPECT_TRUE(outcome.cancelled);
    EXPECT_EQ(writes, 3); // nothing more is written after the writer said the client is gone
    EXPECT_EQ(outcome.exitCode, 128 + SIGTERM);
}

TEST(HostProcess, BackgroundLeftoversDieWithTheCommand) {
    const auto c = runToEnd(specFor({"sh", "-c", "sleep 100 & echo $!"}));
    EXPECT_EQ(c.outcome.exitCode, 0);
    EXPECT_TRUE(gone(std::stoi(c.out)));
}

TEST(HostProcess, TimeoutKillsTheGroupAndSaysSo) {
    auto spec = specFor({"sleep", "100"});
    spec.limits.timeout = std::chrono::milliseconds(200);
    const auto c = runToEnd(spec);
    EXPECT_TRUE(c.outcome.timedOut);
    EXPECT_EQ(c.outcome.exitCode, 128 + SIGTERM);
    EXPECT_NE(c.err.find("timed out"), std::string::npos);
}
