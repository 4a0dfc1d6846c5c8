#pragma once

#include "profile_types.h"

#include <QString>
#include <QStringList>

namespace sandbox {

// The argv of a console line, or why it has none.
struct SplitResult {
    QStringList argv;
    QString error;        // translated, empty on success
    int errorColumn = -1; // 0-based column in the line where the problem starts

    bool ok() const { return error.isEmpty(); }
};

// Turns a console line into argv. Shell mode: {"/bin/sh", "-c", line}. Argv mode:
// shell-like quoting ('...', "...", backslash) without any expansion.
class CommandLineSplitter {
public:
    static SplitResult split(const QString &line, CommandMode mode);
    static SplitResult splitArgv(const QString &line);
    static QStringList shellArgv(const QString &line);
};

} // namespace sandbox
