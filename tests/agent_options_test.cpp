// sandbox-agent flag parsing: defaults, every refusal, and messages that name the flag.
#include "agent_options.h"

#include <cstdio>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <sys/stat.h>

using sandbox::agent::AgentOptions;
using sandbox::agent::Runtime;
using sandbox::agent::SecretsBackend;

namespace {

AgentOptions::ParseResult parse(const std::vector<std::string> &args,
                                std::map<std::string, std::string> env = {}) {
    return AgentOptions::parse(args, [env](const std::string &name) {
        const auto it = env.find(name);
        return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
}

// A file in the test's temp dir with the given text and mode; removed by the caller.
std::string writeFile(const std::string &name, const std::string &text, mode_t mode) {
    const std::string path = ::testing::TempDir() + name;
    std::ofstream(path) << text;
    ::chmod(path.c_str(), mode);
    return path;
}

void expectUsageError(const std::vector<std::string> &args, const std::string &mentions) {
    const auto result = parse(args);
    EXPECT_FALSE(result.options) << mentions;
    EXPECT_EQ(result.exitCode, 2) << result.message;
    EXPECT_NE(result.message.find(mentions), std::string::npos) << result.message;
}

} // namespace

TEST(AgentOptions, DefaultsWithAllowUnauthenticated) {
    const auto result = parse({"--allow-unauthenticated"});
    ASSERT_TRUE(result.options) << result.message;
    EXPECT_EQ(result.options->host, "127.0.0.1");
    EXPECT_EQ(result.options->port, 50051);
    EXPECT_EQ(result.options->maxConcurrent, 32);
    EXPECT_EQ(result.options->runtime, Runtime::Host);
    EXPECT_EQ(result.options->secretsBackend, SecretsBackend::Env);
}

TEST(AgentOptions, ParsesEveryValueFlagInBothSpellings) {
    const auto result = parse({"--addr=0.0.0.0:0", "--token", "t0k", "--runtime", "docker",
                               "--max-concurrent=4", "--secrets-backend", "file", "--secrets-dir",
                               "/run/secrets", "--secrets-env-prefix", "app_"});
    ASSERT_TRUE(result.options) << result.message;
    EXPECT_EQ(result.options->bindAddress(0), "0.0.0.0:0");
    EXPECT_EQ(result.options->token, "t0k");
    EXPECT_EQ(result.options->runtime, Runtime::Docker);
    EXPECT_EQ(result.options->maxConcurrent, 4);
    EXPECT_EQ(result.options->secretsBackend, SecretsBackend::File);
    EXPECT_EQ(result.options->secretsDir, "/run/secrets");
    EXPECT_EQ(result.options->secretsEnvPrefix, "app_");
}

TEST(AgentOptions, EmptyHostMeansAllInterfacesLikeTheReference) {
    const auto result = parse({"--addr", ":50051", "--allow-unauthenticated"});
    ASSERT_TRUE(result.options) << result.message;
    EXPECT_EQ(result.options->bindAddress(50051), "0.0.0.0:50051");
}

TEST(AgentOptions, TokenFromEnvironmentOrFile) {
    auto fromEnv = parse({}, {{"SANDBOX_RUNNER_TOKEN", "envtok"}});
    ASSERT_TRUE(fromEnv.options) << fromEnv.message;
    EXPECT_EQ(fromEnv.options->token, "envtok");

    const std::string path = writeFile("agent_token_file", "filetok\n", 0600);
    auto fromFile = parse({"--token-file", path}, {{"SANDBOX_RUNNER_TOKEN", "envtok"}});
    ASSERT_TRUE(fromFile.options) << fromFile.message;
    EXPECT_EQ(fromFile.options->token, "filetok");
    std::remove(path.c_str());
}

TEST(AgentOptions, BadFlagsNameTheFlag) {
    expectUsageError({"--bogus"}, "--bogus");
    expectUsageError({"--addr"}, "--addr");
    expectUsageError({"--addr", "nohostport", "--allow-unauthenticated"}, "--addr");
    expectUsageError({"--addr", "h:99999", "--allow-unauthenticated"}, "--addr");
    expectUsageError({"--max-concurrent", "0", "--allow-unauthenticated"}, "--max-concurrent");
    expectUsageError({"--max-concurrent", "lots", "--allow-unauthenticated"}, "--max-concurrent");
    expectUsageError({"--runtime", "vm", "--allow-unauthenticated"}, "--runtime");
    expectUsageError({"--secrets-backend", "vault", "--allow-unauthenticated"},
                     "--secrets-backend");
    expectUsageError({"--token-file", "/nonexistent/token"}, "/nonexistent/token");
}

TEST(AgentOptions, RefusesToStartWithoutAuthentication) {
    expectUsageError({}, "--allow-unauthenticated");
}

TEST(AgentOptions, RefusesTlsCaWithoutCertAndKey) {
    expectUsageError({"--tls-ca", "ca.pem"}, "--tls-ca");
    expectUsageError({"--tls-cert", "c.pem", "--token", "t"}, "--tls-key");
}

TEST(AgentOptions, MutualTlsAloneIsEnoughAuthentication) {
    const auto result = parse({"--tls-cert", "c.pem", "--tls-key", "k.pem", "--tls-ca", "ca.pem"});
    ASSERT_TRUE(result.options) << result.message;
    EXPECT_TRUE(result.options->mtlsEnabled());
    EXPECT_TRUE(result.options->token.empty());
}

TEST(AgentOptions, FileBackendNeedsADirectory) {
    expectUsageError({"--secrets-backend", "file", "--allow-unauthenticated"}, "--secrets-dir");
}

TEST(AgentOptions, HelpAndVersionExitZero) {
    const auto help = parse({"--help"});
    EXPECT_FALSE(help.options);
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.message.find("--max-concurrent"), std::string::npos);
    const auto version = parse({"--version"});
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_EQ(version.message.rfind("sandbox-agent ", 0), 0u);
}

TEST(AgentOptions, SandboxRuntimeFlags) {
    const auto defaults = parse({"--allow-unauthenticated"});
    ASSERT_TRUE(defaults.options) << defaults.message;
    EXPECT_EQ(defaults.options->runtime, Runtime::Host);
    EXPECT_EQ(defaults.options->sandboxUid, 65534u);
    EXPECT_EQ(defaults.options->sandboxUidBase, 1879048192u);
    EXPECT_TRUE(defaults.options->imagesDir.empty());
    EXPECT_FALSE(defaults.options->imagesStrict);
    const auto set = parse({"--allow-unauthenticated", "--sandbox-uid", "1234", "--images-dir",
                            "/srv/images", "--images-strict", "--sandbox-uid-base", "200000"});
    ASSERT_TRUE(set.options) << set.message;
    EXPECT_EQ(set.options->sandboxUid, 1234u);
    EXPECT_EQ(set.options->sandboxUidBase, 200000u);
    EXPECT_EQ(set.options->imagesDir, "/srv/images");
    EXPECT_TRUE(set.options->imagesStrict);
    const auto unsandboxed = parse({"--allow-unauthenticated", "--runtime", "host-unsandboxed"});
    ASSERT_TRUE(unsandboxed.options) << unsandboxed.message;
    EXPECT_EQ(unsandboxed.options->runtime, Runtime::HostUnsandboxed);
}

TEST(AgentOptions, SandboxRuntimeRefusals) {
    expectUsageError({"--allow-unauthenticated", "--sandbox-uid", "0"}, "--sandbox-uid");
    expectUsageError({"--allow-unauthenticated", "--sandbox-uid", "nobody"}, "--sandbox-uid");
    // Root, and a range running past 2^31 - 1, are refused.
    expectUsageError({"--allow-unauthenticated", "--sandbox-uid-base", "0"}, "--sandbox-uid-base");
    expectUsageError({"--allow-unauthenticated", "--sandbox-uid-base", "2147483647"},
                     "--sandbox-uid-base");
    expectUsageError({"--allow-unauthenticated", "--images-strict"}, "--images-dir");
    expectUsageError({"--allow-unauthenticated", "--runtime", "docker", "--images-dir", "/x"},
                     "--images-dir");
}

// A token file others can read is refused before the agent serves anything: the message
// names the file and its mode, so the operator knows what to chmod.
TEST(AgentOptions, RefusesATokenFileGroupOrOthersCanRead) {
    for (const mode_t mode : {0644, 0640, 0604, 0620}) {
        const std::string path = writeFile("agent_open_token", "filetok\n", mode);
        char octal[8];
        std::snprintf(octal, sizeof octal, "%04o", static_cast<unsigned>(mode));
        const auto result = parse({"--token-file", path});
        EXPECT_FALSE(result.options) << octal;
        EXPECT_EQ(result.exitCode, 2);
        EXPECT_NE(result.message.find(path), std::string::npos) << result.message;
        EXPECT_NE(result.message.find(std::string("mode ") + octal), std::string::npos)
            << result.message;
        EXPECT_EQ(result.message.find("filetok"), std::string::npos) << "the token leaked";
        std::remove(path.c_str());
    }
    const std::string path = writeFile("agent_private_token", "filetok\n", 0400);
    const auto ownerOnly = parse({"--token-file", path});
    ASSERT_TRUE(ownerOnly.options) << ownerOnly.message;
    EXPECT_EQ(ownerOnly.options->token, "filetok");
    std::remove(path.c_str());
}

TEST(AgentOptions, ConfigFileSetsFlagsAndTheCommandLineOverridesIt) {
    const std::string token = writeFile("agent_conf_token", "conftok\n", 0600);
    const std::string conf = writeFile("agent.conf",
                                       "# sandbox-agent\n"
                                       "\n"
                                       "addr = 0.0.0.0:6000\n"
                                       "  max-concurrent=7\n"
                                       "token-file = " +
                                           token +
                                           "\n"
                                           "images-dir = /srv/images\n"
                                           "images-strict = true\n",
                                       0644);
    const auto fromFile = parse({"--config", conf});
    ASSERT_TRUE(fromFile.options) << fromFile.message;
    EXPECT_EQ(fromFile.options->bindAddress(6000), "0.0.0.0:6000");
    EXPECT_EQ(fromFile.options->maxConcurrent, 7);
    EXPECT_EQ(fromFile.options->token, "conftok");
    // The file's token-file is a setting like a flag: it beats SANDBOX_RUNNER_TOKEN.
    const auto overEnv = parse({"--config", conf}, {{"SANDBOX_RUNNER_TOKEN", "envtok"}});
    ASSERT_TRUE(overEnv.options) << overEnv.message;
    EXPECT_EQ(overEnv.options->token, "conftok");
    EXPECT_EQ(fromFile.options->imagesDir, "/srv/images");
    EXPECT_TRUE(fromFile.options->imagesStrict);

    const auto overridden = parse({"--max-concurrent", "3", "--config=" + conf, "--token", "clitok",
                                   "--images-strict=false", "--addr=127.0.0.1:7000"});
    ASSERT_TRUE(overridden.options) << overridden.message;
    EXPECT_EQ(overridden.options->maxConcurrent, 3);
    EXPECT_EQ(overridden.options->token, "clitok");
    EXPECT_FALSE(overridden.options->imagesStrict);
    EXPECT_EQ(overridden.options->bindAddress(7000), "127.0.0.1:7000");
    EXPECT_EQ(overridden.options->imagesDir, "/srv/images");
    std::remove(conf.c_str());
    std::remove(token.c_str());
}

TEST(AgentOptions, BadConfigFilesNameTheFileAndLine) {
    expectUsageError({"--config", "/nonexistent/agent.conf"}, "/nonexistent/agent.conf");
    expectUsageError({"--config"}, "--config");
    const std::string junk = writeFile("agent_junk.conf", "addr = :1\nthis is not a flag\n", 0644);
    expectUsageError({"--config", junk}, junk + ":2");
    const std::string unknown = writeFile("agent_unknown.conf", "bogus = 1\n", 0644);
    expectUsageError({"--config", unknown}, "--bogus");
    expectUsageError({"--config", unknown}, unknown);
    const std::string dashed = writeFile("agent_dashed.conf", "--addr = :1\n", 0644);
    expectUsageError({"--config", dashed}, dashed + ":1");
    // A token in the (often world-readable) config file is refused, and not echoed.
    const std::string inline_ = writeFile("agent_token.conf", "token = s3cret\n", 0600);
    const auto result = parse({"--config", inline_});
    EXPECT_FALSE(result.options);
    EXPECT_NE(result.message.find("token-file"), std::string::npos) << result.message;
    EXPECT_EQ(result.message.find("s3cret"), std::string::npos) << result.message;
    for (const auto &path : {junk, unknown, dashed, inline_})
        std::remove(path.c_str());
}
