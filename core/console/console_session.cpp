#include "console_session.h"

#include "command_line_splitter.h"
#include "exec_error_text.h"
#include "exec_session.h"
#include "exec_session_thread.h"
#include "output_mask.h"
#include "secret_store.h"
#include "security_profile_clamp.h"
#include "session_command.h"
#include "token_transport_policy.h"
#include "transcript_feed.h"
#include "transcript_model.h"
#include "transcript_spool.h"

#include <algorithm>

namespace sandbox {

ConsoleSession::ConsoleSession(const Profile &profile, SecretStore *secrets,
                               const QString &configDir, int historySize, QObject *parent,
                               const QString &spoolDirectory)
    : QObject(parent)
    , profile_(profile)
    , secrets_(secrets)
    , history_(configDir, profile.id, historySize)
    , model_(new TranscriptModel(this))
    , spool_(std::make_shared<TranscriptSpool>(spoolDirectory))
    , feed_(std::make_shared<TranscriptFeed>(spool_))
    , worker_(new ExecSessionThread(profile, feed_, this)) {
    registerTranscriptMetaTypes();
    history_.load();
    model_->setSpoolDirectory(spool_->directory());
    model_->setLineDisposer(
        [this](QList<StyledLine> &&lines) { retired_.push_back(std::move(lines)); });
    if (!spool_->isReady())
        model_->appendNotice(spool_->errorString());
    // Called on the worker; the notice joins the transcript on this (GUI) thread.
    spool_->setNoticeHandler([this](const QString &text) {
        QMetaObject::invokeMethod(
            this, [this, text] { model_->appendNotice(text); }, Qt::QueuedConnection);
    });
    ExecSession *session = worker_->session();
    // Called on the feed's builder thread; stop() in the destructor ends those calls.
    feed_->setReadyCallback([this] {
        QMetaObject::invokeMethod(this, &ConsoleSession::scheduleDrain, Qt::QueuedConnection);
    });
    drainTimer_->setSingleShot(true);
    drainTimer_->setTimerType(Qt::PreciseTimer);
    connect(drainTimer_, &QTimer::timeout, this, &ConsoleSession::drainWhenFree);
    sinceDrain_.start();
    connect(session, &ExecSession::commandFinished, this, &ConsoleSession::onFinished);
    connect(session, &ExecSession::stateChanged, this, &ConsoleSession::setState);
}

ConsoleSession::~ConsoleSession() {
    worker_->shutdown();
    feed_->close();
    feed_->stop();
    spool_->setNoticeHandler({});
}

void ConsoleSession::setScrollbackLines(int lines) {
    model_->setCapacity(lines);
}

void ConsoleSession::setSpoolCapBytes(qint64 bytes) {
    spool_->setCapBytes(bytes);
}

QList<EnvVar> ConsoleSession::mergedEnv(const Profile &profile, const QList<EnvVar> &overrides) {
    return profile.envWith(overrides);
}

QList<EnvVar> ConsoleSession::requestEnv(const Profile &profile, const Overrides &overrides) {
    if (!overrides.env)
        return profile.requestEnv();
    Profile sent = profile;
    sent.env = *overrides.env;
    return sent.requestEnv();
}

void ConsoleSession::setProfile(const Profile &profile) {
    if (profile == profile_)
        return;
    profile_ = profile;
    worker_->setProfile(profile);
    updateMask();
}

void ConsoleSession::setPresenterMode(bool on) {
    if (presenter_ == on)
        return;
    presenter_ = on;
    updateMask();
}

void ConsoleSession::updateMask() {
    const OutputMask mask = presenter_ ? OutputMask::forProfile(profile_) : OutputMask();
    feed_->setMask(mask);
    model_->maskOutput(mask);
}

ConsoleSession::SubmitResult ConsoleSession::submit(const QString &typed,
                                                    const Overrides &overrides) {
    SubmitResult result;
    // Internal newlines stay: a multi-line command runs and is remembered as typed.
    const QString line = typed.trimmed();
    if (line.isEmpty())
        return result;
    if (isBusy()) {
        result.status = SubmitResult::Status::Busy;
        result.error = tr("A command is still running; stop it first (Esc).");
        return result;
    }
    const SplitResult split = CommandLineSplitter::split(line, profile_.mode);
    if (!split.ok()) {
        result.status = SubmitResult::Status::Invalid;
        result.errorColumn = split.errorColumn;
        result.error = split.errorColumn >= 0
                           ? tr("%1 (column %2)").arg(split.error).arg(split.errorColumn + 1)
                           : split.error;
        return result;
    }
    history_.add(line);
    const quint64 id = nextId_++;
    Pending pending{id, contextFor(split.argv, overrides), overrides, line};
    pending_ = pending;
    setBusy(true);
    result.status = SubmitResult::Status::Started;
    if (!secrets_) {
        start(pending, {});
        return result;
    }
    // This call's own keychain request; the answer comes back to this session only.
    connect(secrets_->readToken(profile_.id), &SecretJob::finished, this,
            [this, id](SecretJob *job) { onTokenRead(id, job); });
    return result;
}

CommandContext ConsoleSession::contextFor(const QStringList &argv,
                                          const Overrides &overrides) const {
    CommandContext context;
    context.profileName = profile_.name;
    context.address = profile_.address;
    context.image = overrides.image.value_or(profile_.image);
    context.securityProfileRequested = overrides.securityProfile.value_or(profile_.securityProfile);
    context.securityProfileEffective =
        SecurityProfileClamp::effective(context.securityProfileRequested);
    context.workdir = overrides.workdir.value_or(profile_.workdir);
    for (const EnvVar &var : requestEnv(profile_, overrides))
        context.envKeys << var.key;
    // The keys this run sets or replaces (a tab's env editor, a job), beside the profile's.
    const QList<EnvVar> own = profile_.requestEnv();
    for (const EnvVar &var : overrides.env.value_or(QList<EnvVar>())) {
        if (!own.contains(var))
            context.tabEnvKeys << var.key;
    }
    context.timeout = overrides.timeout.value_or(std::chrono::milliseconds(0));
    context.colourRequested = profile_.askForColour;
    context.argv = argv;
    return context;
}

void ConsoleSession::onTokenRead(quint64 id, SecretJob *job) {
    if (!pending_ || pending_->id != id)
        return; // cancelled while the keychain was answering
    const Pending pending = *pending_;
    const SecretStatus status = job->status();
    if (status != SecretStatus::Ok && status != SecretStatus::NotFound)
        Q_EMIT keychainProblem(tr("Could not read the token from the keychain: %1 The "
                                  "command runs without a token.")
                                   .arg(job->message()));
    const auto assessment = profile_.tokenTransport(!job->token().isEmpty());
    if (TokenTransportPolicy::blocksExec(assessment)) {
        pending_.reset();
        const QString reason = TokenTransportPolicy::message(assessment);
        model_->appendNotice(tr("Refused: %1").arg(reason));
        setBusy(false);
        Q_EMIT refused(reason);
        return;
    }
    start(pending, job->token());
}

void ConsoleSession::start(const Pending &pending, const QString &token) {
    pending_.reset();
    CommandContext context = pending.context;
    context.startedAt = QDateTime::currentDateTime();
    const quint64 blockId = model_->beginCommand(context);
    runningId_ = blockId;
    runningLine_ = pending.line;
    runningOverrides_ = pending.overrides;
    SessionCommand command;
    command.argv = context.argv;
    command.image = pending.overrides.image;
    command.securityProfile = pending.overrides.securityProfile;
    command.workdir = pending.overrides.workdir;
    if (pending.overrides.env) {
        EnvList env;
        for (const EnvVar &var : requestEnv(profile_, pending.overrides))
            env.emplace_back(var.key.toStdString(), var.value.toStdString());
        command.env = std::move(env);
    }
    command.timeout = pending.overrides.timeout;
    Q_EMIT commandStarted(blockId, context);
    // The spool file and the line builders start on the worker, in order with the run.
    const std::shared_ptr<TranscriptFeed> feed = feed_;
    worker_->run(blockId, command, token,
                 [feed, blockId, context] { feed->begin(blockId, context); });
}

// At most one drain per kDrainIntervalMs: a flood then costs the GUI one append that often,
// however small the agent's chunks are (the view repaints at its own pace); a trickle still
// shows at once.
void ConsoleSession::scheduleDrain() {
    if (drainTimer_->isActive())
        return;
    const qint64 since = sinceDrain_.elapsed();
    if (since >= kDrainIntervalMs)
        drainWhenFree();
    else
        drainTimer_->start(int(kDrainIntervalMs - since));
}

// During a flood: never waits for the feed's lock (its holder may be a preempted
// low-priority thread, which stalled the GUI for tens of milliseconds).
void ConsoleSession::drainWhenFree() {
    drainTimer_->stop();
    TranscriptBatch batch;
    if (!feed_->tryTake(batch)) {
        drainTimer_->start(kDrainRetryMs);
        return;
    }
    sinceDrain_.restart();
    deliver(std::move(batch));
}

// Everything queued, waiting if need be (the command ended: the builder is done).
void ConsoleSession::drain() {
    drainTimer_->stop();
    sinceDrain_.restart();
    deliver(feed_->take());
}

void ConsoleSession::deliver(TranscriptBatch &&batch) {
    if (runningId_ == 0)
        return;
    model_->appendOutput(runningId_, std::move(batch.finished), batch.stdoutPartial,
                         batch.stderrPartial);
    feed_->tryRetire(retired_); // or with the next batch
    Q_EMIT outputDrained(batch.bytes);
}

void ConsoleSession::onFinished(quint64 id, const ExecResult &result) {
    if (id != runningId_)
        return;
    drain();
    runningId_ = 0;
    const CommandSummary summary =
        CommandSummary::fromExecResult(result, ExecErrorText::describe(result, profile_.address));
    model_->endCommand(id, summary);
    Q_EMIT commandEnded(id, summary);
    setBusy(false);
}

void ConsoleSession::cancel() {
    if (pending_) {
        pending_.reset();
        model_->appendNotice(tr("Cancelled before the command started."));
        setBusy(false);
        Q_EMIT cancelledBeforeStart();
        return;
    }
    if (runningId_ != 0)
        worker_->cancel();
}

void ConsoleSession::setBusy(bool busy) {
    if (busy_ == busy)
        return;
    busy_ = busy;
    Q_EMIT busyChanged(busy);
}

void ConsoleSession::setState(ConnectionState state) {
    if (state_ == state)
        return;
    state_ = state;
    Q_EMIT connectionStateChanged(state);
}

} // namespace sandbox
