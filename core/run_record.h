#pragma once

#include "exec_result.h"
#include "profile.h"
#include "profile_types.h"
#include "run_overrides.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUuid>

#include <chrono>
#include <optional>

namespace sandbox {

// One run of a command in a console tab, as the run history keeps it: what was typed and
// sent, the overrides used, how it ended and where its transcript file is. The env entries
// the tab set keep their values (like profiles.json keeps the profile's; `secret://`
// references verbatim), so Re-run and Save as job… send the same env again; the profile's
// own values are not copied here, and a token never reaches a record.
struct RunRecord {
    QUuid id = QUuid::createUuid();
    QDateTime startedAt;
    QString line;     // the command exactly as typed
    QStringList argv; // exactly what was sent
    CommandMode mode = CommandMode::Shell;
    // The tab's overrides for this run (unset = the profile's value at the time). env holds
    // only the entries the tab set over the profile's env (Profile::envChanges); records
    // written before they were kept have none.
    RunOverrides overrides;
    // overrides with env as sent: the tab's entries over profile's env.
    RunOverrides overridesOn(const Profile &profile) const;
    // What the command ran with (the header's values).
    QString image;
    QString securityProfile;
    QString workdir;
    QStringList envKeys;

    bool finished = false; // false: the console closed while it ran
    ExecOutcome outcome = ExecOutcome::Failed;
    int exitCode = -1;
    qint64 durationMs = 0;
    quint64 stdoutBytes = 0;
    quint64 stderrBytes = 0;
    QString detail; // failures and cancels: what went wrong

    QString transcriptPath; // empty: not kept (never spooled, or dropped over the cap)
    qint64 transcriptBytes = 0;
    bool transcriptDropped = false; // deleted over the history's transcript cap

    quint64 bytes() const { return stdoutBytes + stderrBytes; }
    bool succeeded() const { return finished && outcome == ExecOutcome::Exited && exitCode == 0; }
    // "exit 0", "exit 3", "cancelled", "failed", "did not finish" (translated).
    QString statusText() const;
    // Case-insensitive match of the search field against command, argv, image, workdir,
    // security profile and status.
    bool matches(const QString &text) const;

    QJsonObject toJson() const;
    // nullopt with error naming the field when a required field is missing or mistyped.
    static std::optional<RunRecord> fromJson(const QJsonObject &object, QString &error);
};

} // namespace sandbox
