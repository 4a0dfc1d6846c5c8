#pragma once

#include "exec_result.h"

#include <QCoreApplication>
#include <QString>

#include <chrono>
#include <cstdint>

namespace sandbox {

// User-facing words for an exec's end: the banner summary and, for failures, what went
// wrong and what it means.
class ExecErrorText {
    Q_DECLARE_TR_FUNCTIONS(ExecErrorText)

public:
    // "exit 0 · 1.2 s · 3.4 KiB", "cancelled · 0.4 s · 12 B", "failed · 0.1 s · 0 B".
    static QString banner(const ExecResult &result);
    // One or two sentences for a failed or cancelled exec (token refused, agent
    // unreachable at address, TLS failure and likely cause, stream cut, cancelled);
    // empty for an exec that exited.
    static QString describe(const ExecResult &result, const QString &address);

    static QString formatDuration(std::chrono::nanoseconds duration); // "1.2 s", "340 ms"
    static QString formatBytes(std::uint64_t bytes);                  // "12 B", "3.4 KiB"
    // The profile editor's label of the receive limit, which errors name as the setting
    // that raises it.
    static QString receiveLimitSettingName();
};

} // namespace sandbox
