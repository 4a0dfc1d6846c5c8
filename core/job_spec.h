#pragma once

#include "profile.h"
#include "profile_types.h"
#include "run_overrides.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <chrono>
#include <optional>

namespace sandbox {

// The profile a job ran against. Id and name find it again; the rest is for the reader and
// for a colleague without that profile (paths only: never a file's content, never a token).
struct JobProfileRef {
    QUuid id;
    QString name;
    QString address;
    Transport transport = Transport::Plaintext;
    QString caFile;
    QString certFile;
    QString keyFile;
    QString serverName;
    bool useTls = false;
    bool allowInsecure = false;

    static JobProfileRef fromProfile(const Profile &profile);
    friend bool operator==(const JobProfileRef &, const JobProfileRef &) = default;
};

// One env entry of a job. Keys are always kept; a plain value only when the user chose to
// include values; a `secret://` reference always, verbatim (the agent resolves it).
struct JobEnvEntry {
    QString key;
    QString value;             // empty when !valueIncluded
    bool valueIncluded = true; // false: the runner takes the value from elsewhere

    bool isSecretReference() const { return value.startsWith(QLatin1String("secret://")); }
    friend bool operator==(const JobEnvEntry &, const JobEnvEntry &) = default;
};

// A job: exactly what one run sent (`*.sandbox-job.json`, schema 1). Never a token.
struct JobSpec {
    static constexpr int kSchemaVersion = 1;
    static QString fileSuffix() { return QStringLiteral(".sandbox-job.json"); }
    static QString mimeType() { return QStringLiteral("application/x-sandbox-job+json"); }

    JobProfileRef profile;
    QString image;
    QString securityProfile;
    QString workdir; // empty = the image's default
    QList<JobEnvEntry> env;
    // The profile's "Ask for colour output": Profile::colourEnv() joins the env unless set.
    bool askForColour = false;
    CommandMode mode = CommandMode::Shell;
    QString shellLine;    // mode Shell: run as /bin/sh -c shellLine
    QStringList argvList; // mode Argv: run as is
    std::optional<std::chrono::milliseconds> timeout;
    QString note;

    // A run of commandText (split by the profile's mode) on profile with overrides, every
    // env value included. nullopt with error (naming the column) when argv mode cannot split
    // the text.
    static std::optional<JobSpec> fromRun(const Profile &profile, const RunOverrides &overrides,
                                          const QString &commandText, QString *error = nullptr);

    // The argv that is sent.
    QStringList argv() const;
    // The text to put in a console input: the shell line, or the argv quoted so that argv
    // mode splits it back into the same list.
    QString commandText() const;
    // Drops plain values (keys stay) except those of keep; `secret://` references are kept.
    void dropPlainEnvValues(const QStringList &keep = {});
    // Keys whose value is not in the job.
    QStringList keysWithoutValue() const;
    // The env that is sent: entries with values, entries without one filled from fallback
    // (by key, e.g. the local profile's env), then the colour variables. Keys found nowhere
    // are listed in missing and left out.
    QList<EnvVar> requestEnv(const QList<EnvVar> &fallback = {},
                             QStringList *missing = nullptr) const;
    // What a console tab or sandboxctl applies on top of a profile to run this job; env is
    // requestEnv(fallback), so the colour variables stay as the job had them.
    RunOverrides toOverrides(const QList<EnvVar> &fallback = {},
                             QStringList *missing = nullptr) const;

    QJsonObject toJson() const;
    // Refuses a newer schema naming its version; a missing or mistyped field names the
    // field ("command.line", "env[2].key"). error is one translated sentence.
    static std::optional<JobSpec> fromJson(const QJsonObject &object, QString &error);

    friend bool operator==(const JobSpec &, const JobSpec &) = default;
};

} // namespace sandbox
