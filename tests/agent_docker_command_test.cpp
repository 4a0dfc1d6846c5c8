// The docker runtime's argument mapping (wire contract item 8), and one real run where a
// Docker engine answers.
#include "docker_command.h"
#include "exec_log_record.h"
#include "host_process.h"

#include <algorithm>
#include <cstdlib>
#include <gtest/gtest.h>

using namespace sandbox::agent;

namespace {

DockerCommand::Request request(const std::string &profile) {
    DockerCommand::Request r;
    r.image = "alpine:3.19";
    r.command = {"sh", "-c", "echo hi"};
    r.env = {{"DB_PASSWORD", "hunter2-value"}, {"MODE", "fast"}};
    r.workdir = "/work";
    r.profile = SecurityProfile::clamp(profile);
    return r;
}

bool contains(const std::vector<std::string> &args, const std::vector<std::string> &seq) {
    return std::search(args.begin(), args.end(), seq.begin(), seq.end()) != args.end();
}

} // namespace

TEST(DockerCommand, StrictMatchesTheReferenceContainerSettings) {
    const auto args = DockerCommand::argv(request("strict"));
    const std::vector<std::string> head = {"docker", "run", "--rm", "-i"};
    EXPECT_TRUE(std::equal(head.begin(), head.end(), args.begin()));
    for (const auto &seq :
         std::vector<std::vector<std::string>>{{"--network", "none"},
                                               {"--cap-drop", "ALL"},
                                               {"--read-only"},
                                               {"--security-opt", "no-new-privileges"},
                                               {"--memory", "256m"},
                                               {"--cpus", "0.5"},
                                               {"--pids-limit", "64"},
                                               {"--tmpfs", "/tmp:rw,noexec,nosuid,size=64m"}})
        EXPECT_TRUE(contains(args, seq)) << seq.front();
}

TEST(DockerCommand, StandardMatchesTheReferenceContainerSettings) {
    const auto args = DockerCommand::argv(request("standard"));
    for (const auto &seq :
         std::vector<std::vector<std::string>>{{"--network", "bridge"},
                                               {"--cap-drop", "NET_ADMIN"},
                                               {"--cap-drop", "SYS_ADMIN"},
                                               {"--cap-drop", "SYS_PTRACE"},
                                               {"--cap-drop", "SETUID"},
                                               {"--cap-drop", "SETGID"},
                                               {"--cap-add", "NET_BIND_SERVICE"},
                                               {"--security-opt", "no-new-privileges"},
                                               {"--memory", "256m"},
                                               {"--cpus", "0.5"},
                                               {"--pids-limit", "64"}})
        EXPECT_TRUE(contains(args, seq)) << seq.back();
    EXPECT_FALSE(contains(args, {"--read-only"}));
    EXPECT_FALSE(contains(args, {"--cap-drop", "ALL"}));
}

TEST(DockerCommand, PermissiveIsBridgedWithoutLimits) {
    const auto args = DockerCommand::profileArgs(SecurityProfile::permissive());
    EXPECT_EQ(args, (std::vector<std::string>{"--network", "bridge"}));
}

TEST(DockerCommand, ImageWorkdirAndCommandInPlace) {
    const auto args = DockerCommand::argv(request("strict"));
    EXPECT_TRUE(contains(args, {"-w", "/work", "alpine:3.19", "sh", "-c", "echo hi"}));
}

TEST(DockerCommand, EnvValuesNeverOnTheCommandLineNorInTheCliEnvironment) {
    auto r = request("standard");
    r.env["DOCKER_HOST"] = "tcp://127.0.0.1:1";
    r.env["PATH"] = "/nonexistent";
    const auto args = DockerCommand::argv(r);
    EXPECT_TRUE(contains(args, {"--env-file", "/dev/fd/3"}));
    for (const auto &arg : args) {
        EXPECT_EQ(arg.find("hunter2"), std::string::npos) << arg;
        EXPECT_EQ(arg.find('='), std::string::npos) << arg;
    }
    // The docker CLI runs with the agent's own settings; the values go to the container
    // through the env file on fd 3.
    const auto spec = DockerCommand::processSpec(
        r, {{"PATH", "/usr/bin"}, {"DOCKER_HOST", "unix:///agent.sock"}, {"SECRET_OF_AGENT", "x"}});
    EXPECT_EQ(spec.env.at("PATH"), "/usr/bin");
    EXPECT_EQ(spec.env.at("DOCKER_HOST"), "unix:///agent.sock");
    EXPECT_EQ(spec.env.count("DB_PASSWORD"), 0u);
    EXPECT_EQ(spec.env.count("SECRET_OF_AGENT"), 0u);
    ASSERT_TRUE(spec.fd3Data.has_value());
    EXPECT_NE(spec.fd3Data->find("DB_PASSWORD=hunter2-value\n"), std::string::npos);
    EXPECT_NE(spec.fd3Data->find("DOCKER_HOST=tcp://127.0.0.1:1\n"), std::string::npos);
    EXPECT_EQ(spec.argv, args);
}

TEST(DockerCommand, RejectsImagesDockerWouldReadAsOptions) {
    EXPECT_TRUE(DockerCommand::checkImage(""));
    EXPECT_TRUE(DockerCommand::checkImage("--privileged"));
    EXPECT_FALSE(DockerCommand::checkImage("alpine"));
}

TEST(ExecLogRecord, HoldsNoEnvAndEscapesRequestText) {
    ExecLogRecord record{"ipv4:127.0.0.1:1", "weird\nprofile", "standard", "alpine", "echo"};
    record.exitCode = 0;
    record.bytesOut = 12;
    const std::string line = record.format();
    EXPECT_EQ(line.find('\n'), std::string::npos);
    EXPECT_NE(line.find("effective_profile=standard"), std::string::npos);
    EXPECT_NE(line.find("image=\"alpine\""), std::string::npos);
    EXPECT_NE(line.find("exit_code=0"), std::string::npos);
    EXPECT_NE(line.find("bytes_out=12"), std::string::npos);
}

TEST(DockerRuntime, RunsInARealContainer) {
    if (std::system("docker info >/dev/null 2>&1") != 0) {
        std::printf("skipping: no Docker engine answers `docker info` on this machine\n");
        GTEST_SKIP() << "no Docker engine answers `docker info` on this machine";
    }
    auto r = request("strict");
    r.image = "alpine";
    r.workdir.clear();
    r.command = {"sh", "-c", "echo \"$MODE\"; exit 4"};
    const char *path = std::getenv("PATH");
    HostProcess::SpawnError error;
    auto process =
        HostProcess::spawn(DockerCommand::processSpec(r, {{"PATH", path ? path : ""}}), &error);
    ASSERT_TRUE(process) << error.message;
    std::string out;
    const auto outcome = process->run(
        [&](OutputStream s, std::string_view d) {
            if (s == OutputStream::Stdout)
                out.append(d);
            return true;
        },
        [] { return false; });
    EXPECT_EQ(out, "fast\n");
    EXPECT_EQ(outcome.exitCode, 4);
}
