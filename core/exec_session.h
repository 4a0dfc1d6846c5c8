#pragma once

#include "connection_state.h"
#include "exec_cancellation.h"
#include "exec_result.h"
#include "profile.h"
#include "session_command.h"

#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

Q_DECLARE_METATYPE(sandbox::ExecResult)
Q_DECLARE_METATYPE(sandbox::Profile)

namespace sandbox {

class RemoteRunner;
class TranscriptFeed;

// One console's exec engine. Lives on a worker QThread (see ExecSessionThread); owns the
// profile's RemoteRunner (created on the first run, reused, dropped when the profile or
// token changes). Slots run on the worker and may block it; cancel() and isRunning() are
// thread-safe. Output goes to the TranscriptFeed (capped, with back-pressure). Private to
// ConsoleSession: the UI never sees it.
class ExecSession : public QObject {
    Q_OBJECT
public:
    // Output goes through the feed (spool, line builders, capped line queue); the feed's
    // ready callback tells the GUI when lines are waiting.
    ExecSession(const Profile &profile, std::shared_ptr<TranscriptFeed> feed,
                QObject *parent = nullptr);
    ~ExecSession() override;

    // Registers ExecResult, SessionCommand and ConnectionState for queued connections.
    // Called by the constructor; idempotent.
    static void registerMetaTypes();

    // Thread-safe. Cancels the running command, or one queued by ExecSessionThread::run()
    // that has not started yet; does nothing when idle.
    void cancel();
    // Called by whoever queues run() (ExecSessionThread does), so that cancel() also
    // covers a command that is queued but not started. Thread-safe.
    void notePending();
    // True from notePending() (or the start of run()) until commandFinished.
    bool isRunning() const { return running_.load() || queued_.load() > 0; }
    ConnectionState state() const { return state_.load(); }
    Profile profile() const;

public Q_SLOTS:
    // Worker thread. Blocks it until the command ends (and the feed has built every line);
    // emits commandStarted, commandFinished. Refuses a token over cleartext (InvalidConfig).
    void run(quint64 commandId, const sandbox::SessionCommand &command);
    // setToken + run.
    void runWithToken(quint64 commandId, const sandbox::SessionCommand &command,
                      const QString &token);
    void setToken(const QString &token);
    void setProfile(const sandbox::Profile &profile);

Q_SIGNALS:
    void stateChanged(sandbox::ConnectionState state);
    void commandStarted(quint64 commandId);
    // Every line of the command is in the feed: drain it before showing the end.
    void commandFinished(quint64 commandId, const sandbox::ExecResult &result);

private:
    class BufferSink;
    ExecResult execute(const SessionCommand &command, ExecCancellation &cancellation);
    bool ensureRunner(ExecResult &failure);
    void setState(ConnectionState state);
    void finishState(const ExecResult &result);

    mutable QMutex profileMutex_;
    Profile profile_;
    QString token_;
    std::unique_ptr<RemoteRunner> runner_;
    const std::shared_ptr<TranscriptFeed> feed_;
    QMutex cancelMutex_; // guards cancellation_, replaced after every run
    std::shared_ptr<ExecCancellation> cancellation_;
    std::atomic<int> queued_{0};
    std::atomic<bool> running_{false};
    std::atomic<ConnectionState> state_{ConnectionState::Idle};
};

} // namespace sandbox
