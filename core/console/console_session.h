#pragma once

#include "command_context.h"
#include "command_history.h"
#include "connection_state.h"
#include "profile.h"
#include "run_overrides.h"
#include "styled_line.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>
#include <vector>

namespace sandbox {

class ExecSessionThread;
class SecretJob;
class SecretStore;
class TranscriptFeed;
struct TranscriptBatch;
class TranscriptModel;
class TranscriptSpool;

// The one controller a console tab drives (QtCore only, GUI thread). A typed line goes in;
// the transcript comes out: a header block with the command's full context, its output as
// styled lines, its end banner, and notices (refusals, cancels). It splits the line, keeps
// the history, asks the keychain for this call's token, applies the token-over-cleartext
// rule and runs the command on its own worker thread, where the output is spooled to disk
// raw and turned into styled lines (TranscriptFeed); the GUI thread only moves finished
// lines into the TranscriptModel, at most once per event-loop pass. Nothing here blocks on
// the network, the keychain or the disk.
class ConsoleSession : public QObject {
    Q_OBJECT
public:
    // Per-command overrides of the profile (unset = the profile's value); the same type a
    // job spec carries (JobSpec::fromRun / toOverrides). A set env is the whole list sent
    // in place of the profile's (a tab's env editor sets its keys over the profile's with
    // mergedEnv); timeout is the call's deadline, after which the command is stopped.
    using Overrides = RunOverrides;

    struct SubmitResult {
        enum class Status { Started, Empty, Busy, Invalid };
        Status status = Status::Empty;
        QString error;        // translated, for Busy and Invalid
        int errorColumn = -1; // Invalid: 0-based column in the line

        bool started() const { return status == Status::Started; }
    };

    // spoolDirectory empty: a new folder under the cache location, removed with the session.
    ConsoleSession(const Profile &profile, SecretStore *secrets, const QString &configDir,
                   int historySize, QObject *parent = nullptr, const QString &spoolDirectory = {});
    ~ConsoleSession() override; // cancels a running command and joins the worker

    Profile profile() const { return profile_; }
    void setProfile(const Profile &profile);

    // Enter. Started: the token is being read; commandStarted or refused follows.
    SubmitResult submit(const QString &line, const Overrides &overrides = {});
    // Stop / Ctrl+C / Esc. A command still waiting for its token ends as "cancelled".
    void cancel();

    // From submit() until the end banner (commandEnded) or a refusal.
    bool isBusy() const { return pending_.has_value() || runningId_ != 0; }
    ConnectionState connectionState() const { return state_; }
    CommandHistory &history() { return history_; }
    TranscriptModel *transcript() const { return model_; }
    // Every command's raw output on disk (thread-safe; saves read from it).
    std::shared_ptr<TranscriptSpool> spool() const { return spool_; }
    // Ring lines kept in memory (View → Settings); older lines stay in the spool.
    void setScrollbackLines(int lines);
    void setSpoolCapBytes(qint64 bytes);
    // Presenter mode: the profile's env values (not secret:// references) are masked in the
    // output shown from now on and in what is shown already; saved transcripts never are.
    void setPresenterMode(bool on);
    bool presenterMode() const { return presenter_; }
    const CommandHistory &history() const { return history_; }
    // The running command's line as typed and the overrides it runs with: valid from
    // commandStarted until commandEnded (the run history records them).
    QString runningLine() const { return runningLine_; }
    Overrides runningOverrides() const { return runningOverrides_; }

    // The profile's own env with `overrides` set over it: a key of the profile gets the
    // override's value, other keys are added (a tab's env editor).
    static QList<EnvVar> mergedEnv(const Profile &profile, const QList<EnvVar> &overrides);
    // What a command sends as env: the overrides' list, or the profile's, plus the
    // profile's "Ask for colour output" variables unless the list sets them.
    static QList<EnvVar> requestEnv(const Profile &profile, const Overrides &overrides);

Q_SIGNALS:
    void busyChanged(bool busy);
    void commandStarted(quint64 blockId, const sandbox::CommandContext &context);
    // Output moved into the transcript: `bytes` raw bytes behind it (benchmarks).
    void outputDrained(qint64 bytes);
    // After the end banner is in the transcript.
    void commandEnded(quint64 blockId, const sandbox::CommandSummary &summary);
    // Nothing was sent: the token rule refused the command (reason says why and what to do).
    void refused(const QString &reason);
    // Cancelled while the token was still being read; nothing was sent.
    void cancelledBeforeStart();
    // The keychain could not be read; the command runs without a token.
    void keychainProblem(const QString &message);
    void connectionStateChanged(sandbox::ConnectionState state);

private:
    struct Pending {
        quint64 id = 0;
        CommandContext context;
        Overrides overrides;
        QString line;
    };

    void onTokenRead(quint64 id, SecretJob *job);
    void start(const Pending &pending, const QString &token);
    void scheduleDrain();
    void drainWhenFree();
    void drain();
    void deliver(TranscriptBatch &&batch);
    void onFinished(quint64 id, const ExecResult &result);
    void setBusy(bool busy);
    void setState(ConnectionState state);
    void updateMask();
    CommandContext contextFor(const QStringList &argv, const Overrides &overrides) const;

    Profile profile_;
    QPointer<SecretStore> secrets_;
    CommandHistory history_;
    TranscriptModel *model_ = nullptr;
    std::shared_ptr<TranscriptSpool> spool_;
    std::shared_ptr<TranscriptFeed> feed_;
    RetiredLines retired_; // lines the ring dropped, for the feed to free
    ExecSessionThread *worker_ = nullptr;
    std::optional<Pending> pending_;
    // Twice a frame: the line queue's cap over this interval bounds the flood's rate (12 MiB
    // of lines every 16 ms held plain output under 200 MiB/s), and a smaller batch holds the
    // GUI thread for less. The view still repaints at most every 33 ms.
    static constexpr qint64 kDrainIntervalMs = 8;
    static constexpr int kDrainRetryMs = 1; // the feed's lock was busy
    QTimer *drainTimer_ = new QTimer(this);
    QElapsedTimer sinceDrain_;
    quint64 nextId_ = 1;
    quint64 runningId_ = 0; // the running command's transcript block
    QString runningLine_;
    Overrides runningOverrides_;
    bool busy_ = false;
    bool presenter_ = false;
    ConnectionState state_ = ConnectionState::Idle;
};

} // namespace sandbox
