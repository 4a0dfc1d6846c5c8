#include "run_recorder.h"

#include "console_session.h"
#include "run_history.h"
#include "transcript_spool.h"

namespace sandbox {

RunRecorder::RunRecorder(ConsoleSession *session, RunHistory *history)
    : QObject(session)
    , session_(session)
    , history_(history) {
    connect(session, &ConsoleSession::commandStarted, this, &RunRecorder::onStarted);
    connect(session, &ConsoleSession::commandEnded, this, &RunRecorder::onEnded);
}

void RunRecorder::setHistory(RunHistory *history) {
    history_ = history;
    runs_.clear();
}

void RunRecorder::onStarted(quint64 blockId, const CommandContext &context) {
    if (!history_)
        return;
    RunRecord record;
    record.startedAt = context.startedAt;
    record.line = session_->runningLine();
    record.argv = context.argv;
    record.mode = session_->profile().mode;
    record.overrides = session_->runningOverrides();
    // Only what the tab changed: the profile's own values stay in profiles.json.
    if (record.overrides.env)
        record.overrides.env = session_->profile().envChanges(*record.overrides.env);
    record.image = context.image;
    record.securityProfile = context.securityProfileRequested;
    record.workdir = context.workdir;
    record.envKeys = context.envKeys;
    runs_.insert(blockId, record.id);
    history_->begin(record);
}

void RunRecorder::onEnded(quint64 blockId, const CommandSummary &summary) {
    const QUuid runId = runs_.take(blockId);
    if (!history_ || runId.isNull())
        return;
    RunRecord result;
    result.outcome = summary.outcome;
    result.exitCode = summary.exitCode;
    result.durationMs =
        std::chrono::duration_cast<std::chrono::milliseconds>(summary.duration).count();
    result.stdoutBytes = summary.stdoutBytes;
    result.stderrBytes = summary.stderrBytes;
    result.detail = summary.detail;
    history_->finish(runId, result, session_->spool()->filePath(blockId));
}

} // namespace sandbox
