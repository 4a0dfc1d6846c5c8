#pragma once

#include "connection_state.h"
#include "exec_cancellation.h"
#include "exec_result.h"
#include "output_buffer.h"
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
// token changes). Slots run on the worker and may block it; cancel(), takeOutput() and
// isRunning() are thread-safe and meant to be called directly from the GUI thread.
// Output is coalesced in a capped OutputBuffer: outputReady() is emitted only when the
// buffer goes from empty to non-empty; the GUI then drains it with takeOutput().
class ExecSession : public QObject {
    Q_OBJECT
public:
    // With a feed, output goes through it (spool, line builders, capped line queue) instead
    // of the raw OutputBuffer, and the feed's ready callback replaces outputReady.
    explicit ExecSession(const Profile &profile, std::shared_ptr<TranscriptFeed> feed = {},
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
    QList<OutputChunk> takeOutput() { return buffer_.take(); }
    // True from notePending() (or the start of run()) until commandFinished.
    bool isRunning() const { return running_.load() || queued_.load() > 0; }
    ConnectionState state() const { return state_.load(); }
    Profile profile() const;
    const OutputBuffer &outputBuffer() const { return buffer_; }

public Q_SLOTS:
    // Worker thread. Blocks it until the command ends; emits commandStarted, outputReady
    // (as needed), commandFinished. Refuses a token over cleartext (InvalidConfig).
    void run(quint64 commandId, const sandbox::SessionCommand &command);
    // setToken + run.
    void runWithToken(quint64 commandId, const sandbox::SessionCommand &command,
                      const QString &token);
    void setToken(const QString &token);
    void setProfile(const sandbox::Profile &profile);

Q_SIGNALS:
    void stateChanged(sandbox::ConnectionState state);
    void commandStarted(quint64 commandId);
    void outputReady();
    // After the last outputReady of the command: drain takeOutput() before showing the end.
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
    OutputBuffer buffer_;
    const std::shared_ptr<TranscriptFeed> feed_;
    QMutex cancelMutex_; // guards cancellation_, replaced after every run
    std::shared_ptr<ExecCancellation> cancellation_;
    std::atomic<int> queued_{0};
    std::atomic<bool> running_{false};
    std::atomic<ConnectionState> state_{ConnectionState::Idle};
};

} // namespace sandbox
