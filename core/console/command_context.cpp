#include "command_context.h"

namespace sandbox {

CommandSummary CommandSummary::fromExecResult(const ExecResult &result, const QString &detail) {
    CommandSummary summary;
    summary.outcome = result.outcome;
    summary.exitCode = result.exitCode;
    summary.duration = result.duration;
    summary.stdoutBytes = result.stdoutBytes;
    summary.stderrBytes = result.stderrBytes;
    summary.detail = detail;
    return summary;
}

ExecResult CommandSummary::toExecResult() const {
    ExecResult result;
    result.outcome = outcome;
    result.exitCode = exitCode;
    result.duration = duration;
    result.stdoutBytes = stdoutBytes;
    result.stderrBytes = stderrBytes;
    return result;
}

} // namespace sandbox
