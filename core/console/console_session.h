#pragma once

#include "command_context.h"
#include "command_history.h"
#include "connection_state.h"
#include "profile.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <memory>
#include <optional>

namespace sandbox {

class ExecSessionThread;
class SecretJob;
class SecretStore;
class TranscriptFeed;
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
    // Per-command overrides of the profile (unset = the profile's value).
    struct Overrides {
        std::optional<QString> image;
        std::optional<QString> securityProfile;
        std::optional<QString> workdir;
        // Set over the profile's env: a key of the profile gets this value, others are added.
        QList<EnvVar> env;
        // The call's deadline; the agent is told to stop the command when it passes.
        std::optional<std::chrono::milliseconds> timeout;
    };

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
    const CommandHistory &history() const { return history_; }

    // The clamp the agents apply (the reference agent's and ours): anything other than
    // strict and standard runs as standard.
    static QString effectiveSecurityProfile(const QString &requested);
    // What a command sends as env: the profile's request env with the tab's set over it.
    static QList<EnvVar> mergedEnv(const Profile &profile, const QList<EnvVar> &overrides);

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
    };

    void onTokenRead(quint64 id, SecretJob *job);
    void start(const Pending &pending, const QString &token);
    void scheduleDrain();
    void drain();
    void onFinished(quint64 id, const ExecResult &result);
    void setBusy(bool busy);
    void setState(ConnectionState state);
    CommandContext contextFor(const QStringList &argv, const Overrides &overrides) const;

    Profile profile_;
    QPointer<SecretStore> secrets_;
    CommandHistory history_;
    TranscriptModel *model_ = nullptr;
    std::shared_ptr<TranscriptSpool> spool_;
    std::shared_ptr<TranscriptFeed> feed_;
    ExecSessionThread *worker_ = nullptr;
    std::optional<Pending> pending_;
    static constexpr qint64 kDrainIntervalMs = 16;
    QTimer *drainTimer_ = new QTimer(this);
    QElapsedTimer sinceDrain_;
    quint64 nextId_ = 1;
    quint64 runningId_ = 0; // the running command's transcript block
    bool busy_ = false;
    ConnectionState state_ = ConnectionState::Idle;
};

} // namespace sandbox
