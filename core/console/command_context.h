#pragma once

#include "exec_result.h"

#include <QDateTime>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <chrono>

namespace sandbox {

// Everything a command block's header shows. Env values never reach the transcript:
// only the keys, shown with masked values.
struct CommandContext {
    QDateTime startedAt;
    QString profileName;
    QString address;
    QString image;
    QString securityProfileRequested;
    // What the agent will apply; empty or equal to the requested one when not clamped.
    QString securityProfileEffective;
    QString workdir;                      // empty = the image's default
    QStringList envKeys;                  // shown as KEY=•••
    QStringList tabEnvKeys;               // the keys among envKeys this tab set or replaced
    std::chrono::milliseconds timeout{0}; // 0 = none
    bool colourRequested = false;         // the profile's "Ask for colour output"
    QStringList argv;                     // exactly what is sent
};

// What a command block's end banner shows.
struct CommandSummary {
    ExecOutcome outcome = ExecOutcome::Exited;
    int exitCode = 0;
    std::chrono::nanoseconds duration{0};
    quint64 stdoutBytes = 0;
    quint64 stderrBytes = 0;
    // For failures and cancels: what went wrong (ExecErrorText::describe); may be empty.
    QString detail;

    static CommandSummary fromExecResult(const ExecResult &result, const QString &detail = {});
    ExecResult toExecResult() const;
    bool succeeded() const { return outcome == ExecOutcome::Exited && exitCode == 0; }
};

} // namespace sandbox

Q_DECLARE_METATYPE(sandbox::CommandContext)
Q_DECLARE_METATYPE(sandbox::CommandSummary)
