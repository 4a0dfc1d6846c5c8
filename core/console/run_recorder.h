#pragma once

#include "command_context.h"
#include "run_history.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUuid>

namespace sandbox {

class ConsoleSession;

// Feeds a profile's RunHistory from one console session: a record when a command starts
// (line, argv, overrides, what it ran with) and its result and transcript file when it ends.
// Lives as long as the session (its child).
class RunRecorder : public QObject {
    Q_OBJECT
public:
    RunRecorder(ConsoleSession *session, RunHistory *history);

    RunHistory *history() const { return history_; }
    void setHistory(RunHistory *history);

private:
    void onStarted(quint64 blockId, const CommandContext &context);
    void onEnded(quint64 blockId, const CommandSummary &summary);

    ConsoleSession *session_;
    QPointer<RunHistory> history_;
    QHash<quint64, QUuid> runs_; // transcript block → run record
};

} // namespace sandbox
