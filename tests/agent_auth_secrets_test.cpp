// Bearer check, secret:// resolution and profile clamping of sandbox-agent.
#include "bearer_authenticator.h"
#include "secret_resolver.h"
#include "security_profile.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>

using namespace sandbox::agent;

namespace {

SecretResolver::EnvLookup envOf(std::map<std::string, std::string> vars) {
    return [vars](const std::string &name) {
        const auto it = vars.find(name);
        return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
}

class SecretsDir : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::path(::testing::TempDir()) /
               ("agent_secrets_" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    void put(const std::string &name, const std::string &content) {
        std::ofstream(dir_ / name, std::ios::binary) << content;
    }
    SecretResolver resolver() const {
        return SecretResolver(SecretsBackend::File, dir_.string(), "", envOf({}));
    }
    std::filesystem::path dir_;
};

} // namespace

TEST(BearerAuthenticator, ReferenceMessagesAndSuccess) {
    const BearerAuthenticator auth("s3cret-token");
    auto missing = auth.check(std::nullopt);
    EXPECT_EQ(missing.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(missing.error_message(), "missing authorization header");
    auto scheme = auth.check("Basic s3cret-token");
    EXPECT_EQ(scheme.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(scheme.error_message(), "authorization header must use Bearer scheme");
    auto wrong = auth.check("Bearer s3cret-tokeN");
    EXPECT_EQ(wrong.error_code(), grpc::StatusCode::UNAUTHENTICATED);
    EXPECT_EQ(wrong.error_message(), "invalid bearer token");
    EXPECT_EQ(auth.check("Bearer s3cret").error_message(), "invalid bearer token");
    EXPECT_EQ(auth.check("Bearer ").error_message(), "invalid bearer token");
    EXPECT_TRUE(auth.check("Bearer s3cret-token").ok());
}

TEST(SecretResolver, EnvBackendMapsDotsAndCaseAndPrefix) {
    const SecretResolver plain(SecretsBackend::Env, "", "", envOf({{"DB_PASSWORD", "pw1"}}));
    EXPECT_EQ(plain.envVariableFor("db.password"), "DB_PASSWORD");
    std::map<std::string, std::string> env = {{"PASS", "secret://db.password"},
                                              {"PLAIN", "not a secret://ref"}};
    ASSERT_FALSE(plain.resolve(env));
    EXPECT_EQ(env["PASS"], "pw1");
    EXPECT_EQ(env["PLAIN"], "not a secret://ref");

    const SecretResolver prefixed(SecretsBackend::Env, "", "app_",
                                  envOf({{"APP_DB_PASSWORD", "pw2"}}));
    EXPECT_EQ(prefixed.envVariableFor("db.password"), "APP_DB_PASSWORD");
    std::map<std::string, std::string> env2 = {{"PASS", "secret://db.password"}};
    ASSERT_FALSE(prefixed.resolve(env2));
    EXPECT_EQ(env2["PASS"], "pw2");
}

TEST(SecretResolver, UnresolvableNamesTheKeyButNotTheReference) {
    const SecretResolver resolver(SecretsBackend::Env, "", "", envOf({{"OTHER", "value-x"}}));
    std::map<std::string, std::string> env = {{"DB_PASS", "secret://missing.thing"},
                                              {"A", "value-a"}};
    const auto error = resolver.resolve(env);
    ASSERT_TRUE(error);
    EXPECT_NE(error->find("DB_PASS"), std::string::npos) << *error;
    EXPECT_EQ(error->find("missing.thing"), std::string::npos) << *error;
    EXPECT_EQ(error->find("MISSING_THING"), std::string::npos) << *error;
    EXPECT_EQ(error->find("secret://"), std::string::npos) << *error;
    EXPECT_EQ(error->find("value-"), std::string::npos) << *error;
}

TEST_F(SecretsDir, FileBackendTrimsTrailingNewlines) {
    put("db.password", "line1\nline2\n\n");
    std::map<std::string, std::string> env = {{"PASS", "secret://db.password"}};
    ASSERT_FALSE(resolver().resolve(env));
    EXPECT_EQ(env["PASS"], "line1\nline2");
}

TEST_F(SecretsDir, FileBackendRejectsTraversalAndMissingFiles) {
    put("ok", "fine");
    std::filesystem::create_directories(dir_ / "sub");
    put("sub/inner", "nested");
    for (const char *ref : {"secret://../etc/passwd", "secret://sub/inner", "secret://..",
                            "secret://", "secret://absent"}) {
        std::map<std::string, std::string> env = {{"KEY", ref}};
        const auto error = resolver().resolve(env);
        ASSERT_TRUE(error) << ref;
        EXPECT_NE(error->find("KEY"), std::string::npos);
        EXPECT_EQ(error->find(ref), std::string::npos) << *error;
    }
}

TEST(SecurityProfile, ClampsToStrictOrStandard) {
    EXPECT_EQ(SecurityProfile::clamp("strict").name(), "strict");
    EXPECT_EQ(SecurityProfile::clamp("standard").name(), "standard");
    EXPECT_EQ(SecurityProfile::clamp("permissive").name(), "standard");
    EXPECT_EQ(SecurityProfile::clamp("").name(), "standard");
    EXPECT_EQ(SecurityProfile::clamp("STRICT").name(), "standard");
    EXPECT_EQ(SecurityProfile::clamp("root").name(), "standard");
}

TEST(SecurityProfile, StrictCapsMemoryHarderThanStandard) {
    const auto strict = SecurityProfile::clamp("strict").hostLimits();
    const auto standard = SecurityProfile::clamp("standard").hostLimits();
    EXPECT_GT(strict.addressSpaceBytes, 0u);
    EXPECT_LT(strict.addressSpaceBytes, standard.addressSpaceBytes);
    EXPECT_EQ(strict.processes, 64u);
    EXPECT_EQ(strict.timeout, std::chrono::minutes(5));
    EXPECT_EQ(standard.timeout, std::chrono::minutes(5));
}
