#pragma once

#include "profile_types.h"
#include "runner_config.h"
#include "token_transport_policy.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

namespace sandbox {

// One agent the user talks to. A plain value: it never holds the bearer token, which
// lives in the OS keychain (SecretStore) and only joins the profile in toRunnerConfig().
class Profile {
public:
    static constexpr int kDefaultConnectTimeoutMs = 10000;

    QUuid id = QUuid::createUuid();
    QString name;
    QString address; // host:port
    QString caFile;
    QString certFile;
    QString keyFile;
    QString serverName;  // TLS server-name override; empty = from the address
    bool useTls = false; // TLS with the system roots when no CA file is given
    bool allowInsecure = false;
    QString securityProfile = QStringLiteral("standard");
    QString image;
    QList<EnvVar> env;
    QString workdir;
    CommandMode mode = CommandMode::Shell;
    // Adds TERM/CLICOLOR_FORCE/FORCE_COLOR to each request unless env sets them; programs
    // that colour only on a TTY stay plain.
    bool askForColour = true;
    int connectTimeoutMs = kDefaultConnectTimeoutMs;
    // The largest single output message accepted from the agent (the Go agent sends a
    // command's whole output as one); RunnerConfig::maxReceiveMessageBytes.
    int maxChunkBytes = RunnerConfig::kDefaultMaxReceiveMessageBytes;

    // MutualTls when a client cert and key are set, Tls when a CA file is set or useTls,
    // otherwise Plaintext.
    Transport transport() const;
    bool tlsEnabled() const { return transport() != Transport::Plaintext; }
    // The token-over-cleartext rule (TokenTransportPolicy) on this profile's transport.
    TokenTransportPolicy::Assessment tokenTransport(bool hasToken) const {
        return TokenTransportPolicy::assess(hasToken, tlsEnabled(), allowInsecure);
    }

    // camelCase keys; env as an ordered array of {"key", "value"}.
    QJsonObject toJson() const;
    // An env list as profiles.json holds it: [{"key": …, "value": …}, …] (also run records).
    static QJsonArray envToJson(const QList<EnvVar> &env);
    // Unknown keys are ignored. A missing or mistyped field returns nullopt and sets error
    // to a predicate naming the field, written to follow "profile #2 ('name')": e.g.
    // "is missing the field 'address'".
    static std::optional<Profile> fromJson(const QJsonObject &object, QString &error);

    // The variables askForColour adds, in order.
    static QList<EnvVar> colourEnv();
    // What a request carries as env: the profile's env, plus colourEnv() entries whose key
    // the user did not set when askForColour is on.
    QList<EnvVar> requestEnv() const;
    // The env with overrides set over it: a key already in env gets the override's value,
    // a new key is appended.
    QList<EnvVar> envWith(const QList<EnvVar> &overrides) const;
    // The entries of a sent env that this profile would not send itself (requestEnv()): what
    // a tab's env editor or a job changed.
    QList<EnvVar> envChanges(const QList<EnvVar> &sent) const;

    // The runner configuration for this profile; token may be empty (no bearer).
    RunnerConfig toRunnerConfig(const QString &token) const;

    friend bool operator==(const Profile &, const Profile &) = default;
};

} // namespace sandbox
