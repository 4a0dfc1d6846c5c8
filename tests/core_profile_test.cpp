// Profile as a value and as JSON, and the token-over-cleartext policy.
#include <profile.h>
#include <profile_badges.h>
#include <runner_config_validator.h>
#include <token_transport_policy.h>

#include <QJsonArray>
#include <QJsonDocument>

#include <gtest/gtest.h>

using namespace sandbox;

namespace {

Profile fullProfile() {
    Profile p;
    p.name = QStringLiteral("Staging (mTLS)");
    p.address = QStringLiteral("agent.example:50051");
    p.caFile = QStringLiteral("/etc/pki/ca.pem");
    p.certFile = QStringLiteral("/home/u/client.pem");
    p.keyFile = QStringLiteral("/home/u/client.key");
    p.serverName = QStringLiteral("agent.internal");
    p.allowInsecure = true;
    p.securityProfile = QStringLiteral("strict");
    p.image = QStringLiteral("docker.io/library/debian:12");
    p.env = {{QStringLiteral("ZED"), QStringLiteral("last")},
             {QStringLiteral("DB_PASSWORD"), QStringLiteral("secret://db.password")},
             {QStringLiteral("ALPHA"), QStringLiteral("first")}};
    p.workdir = QStringLiteral("/work");
    p.mode = CommandMode::Argv;
    p.connectTimeoutMs = 2500;
    return p;
}

QJsonObject minimal() {
    return QJsonObject{{QStringLiteral("id"), QUuid::createUuid().toString()},
                       {QStringLiteral("name"), QStringLiteral("n")},
                       {QStringLiteral("address"), QStringLiteral("127.0.0.1:1")}};
}

TEST(ProfileJson, RoundTripKeepsEveryFieldAndEnvOrder) {
    const Profile p = fullProfile();
    QString error;
    const auto back = Profile::fromJson(p.toJson(), error);
    ASSERT_TRUE(back) << error.toStdString();
    EXPECT_EQ(*back, p);
    ASSERT_EQ(back->env.size(), 3);
    EXPECT_EQ(back->env.at(0).key, QStringLiteral("ZED"));
    EXPECT_EQ(back->env.at(1).value, QStringLiteral("secret://db.password"));
    EXPECT_TRUE(back->env.at(1).isSecretReference());
}

TEST(ProfileJson, UsesCamelCaseKeysAndNoToken) {
    const QJsonObject o = fullProfile().toJson();
    for (const char *key : {"id", "name", "address", "caFile", "certFile", "keyFile", "serverName",
                            "useTls", "allowInsecure", "securityProfile", "image", "env", "workdir",
                            "mode", "connectTimeoutMs"})
        EXPECT_TRUE(o.contains(QLatin1String(key))) << key;
    for (const QString &key : o.keys())
        EXPECT_FALSE(key.contains(QLatin1String("token"), Qt::CaseInsensitive));
    EXPECT_EQ(o.value(QStringLiteral("mode")).toString(), QStringLiteral("argv"));
}

TEST(ProfileJson, DefaultsForAbsentOptionalFieldsAndUnknownKeysIgnored) {
    QJsonObject o = minimal();
    o.insert(QStringLiteral("futureField"), QStringLiteral("whatever"));
    QString error;
    const auto p = Profile::fromJson(o, error);
    ASSERT_TRUE(p) << error.toStdString();
    EXPECT_EQ(p->securityProfile, QStringLiteral("standard"));
    EXPECT_EQ(p->mode, CommandMode::Shell);
    EXPECT_EQ(p->connectTimeoutMs, 10000);
    EXPECT_FALSE(p->allowInsecure);
    EXPECT_EQ(p->transport(), Transport::Plaintext);
}

TEST(ProfileJson, MissingRequiredFieldIsNamed) {
    for (const char *field : {"id", "name", "address"}) {
        QJsonObject o = minimal();
        o.remove(QLatin1String(field));
        QString error;
        EXPECT_FALSE(Profile::fromJson(o, error)) << field;
        EXPECT_TRUE(error.contains(QLatin1String(field))) << error.toStdString();
    }
}

TEST(ProfileJson, WrongTypesAndBadValuesAreNamed) {
    struct Case {
        const char *key;
        QJsonValue value;
    };
    const Case cases[] = {
        {"id", QStringLiteral("not-a-uuid")},
        {"image", 42},
        {"mode", QStringLiteral("zsh")},
        {"connectTimeoutMs", -5},
        {"env", QStringLiteral("A=B")},
        {"env", QJsonArray{QJsonObject{{QStringLiteral("value"), QStringLiteral("x")}}}},
    };
    for (const Case &c : cases) {
        QJsonObject o = minimal();
        o.insert(QLatin1String(c.key), c.value);
        QString error;
        EXPECT_FALSE(Profile::fromJson(o, error)) << c.key;
        EXPECT_TRUE(error.contains(QLatin1String(c.key))) << c.key << ": " << error.toStdString();
    }
}

// Issue 8, item 14: the receive limit is a profile setting, 1 GiB unless set, and reaches
// the runner.
TEST(ProfileJson, MaxChunkDefaultsToOneGibibyteAndRoundTrips) {
    QString error;
    const auto defaults = Profile::fromJson(minimal(), error);
    ASSERT_TRUE(defaults) << error.toStdString();
    EXPECT_EQ(defaults->maxChunkBytes, 1024 * 1024 * 1024);
    EXPECT_EQ(defaults->toRunnerConfig({}).maxReceiveMessageBytes, 1024 * 1024 * 1024);

    Profile p = fullProfile();
    p.maxChunkBytes = 200 * 1024 * 1024;
    const QJsonObject o = p.toJson();
    EXPECT_EQ(o.value(QStringLiteral("maxChunkBytes")).toInt(), 200 * 1024 * 1024);
    const auto back = Profile::fromJson(o, error);
    ASSERT_TRUE(back) << error.toStdString();
    EXPECT_EQ(back->maxChunkBytes, 200 * 1024 * 1024);
    EXPECT_EQ(back->toRunnerConfig({}).maxReceiveMessageBytes, 200 * 1024 * 1024);

    QJsonObject bad = minimal();
    bad.insert(QStringLiteral("maxChunkBytes"), -5);
    EXPECT_FALSE(Profile::fromJson(bad, error));
    EXPECT_TRUE(error.contains(QStringLiteral("maxChunkBytes"))) << error.toStdString();
}

TEST(ProfileTransport, DerivedFromTlsSettings) {
    Profile p;
    EXPECT_EQ(p.transport(), Transport::Plaintext);
    p.useTls = true;
    EXPECT_EQ(p.transport(), Transport::Tls);
    p.useTls = false;
    p.caFile = QStringLiteral("ca.pem");
    EXPECT_EQ(p.transport(), Transport::Tls);
    p.certFile = QStringLiteral("c.pem");
    EXPECT_EQ(p.transport(), Transport::Tls) << "a cert without a key is not mTLS";
    p.keyFile = QStringLiteral("c.key");
    EXPECT_EQ(p.transport(), Transport::MutualTls);
}

TEST(ProfileRunnerConfig, CarriesEverythingAndSecretReferencesVerbatim) {
    const Profile p = fullProfile();
    const RunnerConfig c = p.toRunnerConfig(QStringLiteral("tok-123"));
    EXPECT_EQ(c.address, "agent.example:50051");
    EXPECT_EQ(c.token, "tok-123");
    EXPECT_TRUE(c.tlsEnabled());
    EXPECT_EQ(c.caCert.path, "/etc/pki/ca.pem");
    EXPECT_EQ(c.clientCert.path, "/home/u/client.pem");
    EXPECT_EQ(c.clientKey.path, "/home/u/client.key");
    EXPECT_EQ(c.serverNameOverride, "agent.internal");
    EXPECT_TRUE(c.allowInsecure);
    EXPECT_EQ(c.profile, "strict");
    EXPECT_EQ(c.image, "docker.io/library/debian:12");
    EXPECT_EQ(c.workdir, "/work");
    EXPECT_EQ(c.connectTimeout, std::chrono::milliseconds(2500));
    // "Ask for colour output" (on for new profiles) adds the colour variables at the end.
    const EnvList expected{{"ZED", "last"},         {"DB_PASSWORD", "secret://db.password"},
                           {"ALPHA", "first"},      {"TERM", "xterm-256color"},
                           {"CLICOLOR_FORCE", "1"}, {"FORCE_COLOR", "1"}};
    EXPECT_EQ(c.env, expected);
    EXPECT_EQ(Profile().toRunnerConfig({}).token, "");
}

TEST(ProfileRunnerConfig, AskForColourKeepsWhatTheUserSetAndCanBeTurnedOff) {
    Profile p;
    EXPECT_TRUE(p.askForColour) << "on for new profiles";
    p.env = {{QStringLiteral("TERM"), QStringLiteral("dumb")}};
    EnvList expected{{"TERM", "dumb"}, {"CLICOLOR_FORCE", "1"}, {"FORCE_COLOR", "1"}};
    EXPECT_EQ(p.toRunnerConfig({}).env, expected);
    p.askForColour = false;
    expected = {{"TERM", "dumb"}};
    EXPECT_EQ(p.toRunnerConfig({}).env, expected);
    // Kept in profiles.json; a profile written before the option existed stays plain.
    // (fromJson needs a name and an address: without them it refuses, and reading the
    // empty optional was undefined behaviour that UBSan reported.)
    p.name = QStringLiteral("colour");
    p.address = QStringLiteral("127.0.0.1:50051");
    QString error;
    p.askForColour = true;
    const auto kept = Profile::fromJson(p.toJson(), error);
    ASSERT_TRUE(kept.has_value()) << error.toStdString();
    EXPECT_TRUE(kept->askForColour);
    QJsonObject old = p.toJson();
    old.remove(QStringLiteral("askForColour"));
    const auto plain = Profile::fromJson(old, error);
    ASSERT_TRUE(plain.has_value()) << error.toStdString();
    EXPECT_FALSE(plain->askForColour);
}

// token × {plaintext, TLS, mTLS} × allowInsecure
TEST(TokenTransportPolicy, AllCombinations) {
    using A = TokenTransportPolicy::Assessment;
    for (bool token : {false, true}) {
        for (Transport t : {Transport::Plaintext, Transport::Tls, Transport::MutualTls}) {
            for (bool allow : {false, true}) {
                A expected = A::Ok;
                if (token && t == Transport::Plaintext)
                    expected = allow ? A::InsecureAllowed : A::BlockedCleartextToken;
                Profile p;
                p.address = QStringLiteral("127.0.0.1:1");
                p.allowInsecure = allow;
                p.caFile = t == Transport::Plaintext ? QString() : QStringLiteral("ca.pem");
                if (t == Transport::MutualTls) {
                    p.certFile = QStringLiteral("c.pem");
                    p.keyFile = QStringLiteral("k.pem");
                }
                ASSERT_EQ(p.transport(), t);
                const A got = p.tokenTransport(token);
                // The runner asks the same rule: a blocked config never becomes a runner.
                std::string error;
                RunnerConfig config = p.toRunnerConfig(token ? QStringLiteral("tok") : QString());
                config.caCert = {};
                config.clientCert = {};
                config.clientKey = {};
                config.useTls = t != Transport::Plaintext;
                EXPECT_EQ(RunnerConfigValidator::validateToken(config, error),
                          expected != A::BlockedCleartextToken)
                    << error;
                EXPECT_EQ(got, expected)
                    << "token=" << token << " transport=" << int(t) << " allow=" << allow;
                EXPECT_EQ(TokenTransportPolicy::blocksExec(got),
                          expected == A::BlockedCleartextToken);
                EXPECT_EQ(TokenTransportPolicy::message(got).isEmpty(), expected == A::Ok);
            }
        }
    }
}

TEST(TokenTransportPolicy, MessagesSayWhatHappens) {
    using A = TokenTransportPolicy::Assessment;
    EXPECT_TRUE(TokenTransportPolicy::message(A::BlockedCleartextToken)
                    .contains(QLatin1String("cleartext")));
    EXPECT_TRUE(
        TokenTransportPolicy::message(A::BlockedCleartextToken).contains(QLatin1String("refused")));
    EXPECT_TRUE(
        TokenTransportPolicy::message(A::InsecureAllowed).contains(QLatin1String("Insecure")));
    Profile p;
    p.allowInsecure = false;
    EXPECT_EQ(p.tokenTransport(true), A::BlockedCleartextToken);
    p.useTls = true;
    EXPECT_EQ(p.tokenTransport(true), A::Ok);
}

// What the console's list and `sandboxctl profiles list` show beside a profile's name.
TEST(ProfileBadges, TransportFirstAndInsecureOnlyWhenTheUserAllowedCleartext) {
    using B = ProfileBadges::Badge;
    Profile p;
    p.address = QStringLiteral("127.0.0.1:50051");
    EXPECT_EQ(ProfileBadges::of(p), QList<B>{B::Plaintext});
    p.allowInsecure = true;
    EXPECT_EQ(ProfileBadges::of(p), (QList<B>{B::Plaintext, B::Insecure}));
    p.useTls = true; // TLS makes the permission moot: nothing travels in cleartext
    EXPECT_EQ(ProfileBadges::of(p), QList<B>{B::Tls});
    p.certFile = QStringLiteral("/pki/client.pem");
    p.keyFile = QStringLiteral("/pki/client.key");
    EXPECT_EQ(ProfileBadges::of(p), QList<B>{B::MutualTls});
    EXPECT_EQ(ProfileBadges::englishName(B::MutualTls), QStringLiteral("mTLS"));
    EXPECT_EQ(ProfileBadges::englishName(B::Insecure), QStringLiteral("insecure"));
}

} // namespace
