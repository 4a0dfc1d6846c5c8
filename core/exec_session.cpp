#include "exec_session.h"

#include "exec_error_text.h"
#include "exec_sink.h"
#include "remote_runner.h"
#include "transcript_feed.h"

#include <QMutexLocker>

#include <mutex>
#include <utility>

namespace sandbox {

namespace {

// Pieces small enough that the GUI gets steady batches and the buffer cap holds.
constexpr std::size_t kPieceBytes = 64 * 1024;

bool isConnectionError(ExecErrorKind kind) {
    switch (kind) {
    case ExecErrorKind::InvalidConfig:
    case ExecErrorKind::Unavailable:
    case ExecErrorKind::TlsFailure:
    case ExecErrorKind::Unauthenticated:
    case ExecErrorKind::StreamCut:
        return true;
    default:
        return false;
    }
}

ExecResult configFailure(const QString &message) {
    ExecResult result;
    result.outcome = ExecOutcome::Failed;
    result.error.kind = ExecErrorKind::InvalidConfig;
    result.error.message = message.toStdString();
    return result;
}

} // namespace

// Runs on the worker inside RemoteRunner::exec: copies output into the capped buffer, in
// pieces of up to kPieceBytes whatever sizes gRPC delivers (the line builder pays per
// piece), each message's rest handed on at its end so output stays live.
class ExecSession::BufferSink : public ExecSink {
public:
    explicit BufferSink(ExecSession &session)
        : session_(session) {}

    void onStdout(std::string_view bytes) override { push(false, bytes); }
    void onStderr(std::string_view bytes) override { push(true, bytes); }
    void onChunkEnd() override { flush(); }
    // "connecting" lasts until the handshake is done, not until the first output.
    void onConnected() override { session_.setState(ConnectionState::Ready); }

private:
    void push(bool isStderr, std::string_view bytes) {
        if (!seenOutput_) {
            seenOutput_ = true;
            session_.setState(ConnectionState::Ready);
        }
        if (!pending_.isEmpty() && pendingIsStderr_ != isStderr)
            flush();
        pendingIsStderr_ = isStderr;
        while (!bytes.empty()) {
            if (pending_.isEmpty()) // as large as the last piece: a flood fills whole pieces
                pending_.reserve(
                    qsizetype(std::min(std::max(bytes.size(), lastPiece_), kPieceBytes)));
            const std::size_t n =
                std::min(bytes.size(), kPieceBytes - std::size_t(pending_.size()));
            pending_.append(bytes.data(), qsizetype(n));
            bytes.remove_prefix(n);
            if (std::size_t(pending_.size()) == kPieceBytes)
                flush();
        }
    }
    void flush() {
        if (pending_.isEmpty())
            return;
        lastPiece_ = std::size_t(pending_.size());
        session_.feed_->append(pendingIsStderr_, std::exchange(pending_, QByteArray()));
    }

    ExecSession &session_;
    QByteArray pending_;
    std::size_t lastPiece_ = 0;
    bool pendingIsStderr_ = false;
    bool seenOutput_ = false;
};

ExecSession::ExecSession(const Profile &profile, std::shared_ptr<TranscriptFeed> feed,
                         QObject *parent)
    : QObject(parent)
    , profile_(profile)
    , feed_(std::move(feed))
    , cancellation_(std::make_shared<ExecCancellation>()) {
    registerMetaTypes();
}

ExecSession::~ExecSession() {
    runner_.reset();
    token_.fill(u'\0');
}

void ExecSession::registerMetaTypes() {
    static std::once_flag once;
    std::call_once(once, [] {
        qRegisterMetaType<sandbox::ExecResult>("sandbox::ExecResult");
        qRegisterMetaType<sandbox::SessionCommand>("sandbox::SessionCommand");
        qRegisterMetaType<sandbox::ConnectionState>("sandbox::ConnectionState");
        qRegisterMetaType<sandbox::Profile>("sandbox::Profile");
    });
}

void ExecSession::notePending() {
    ++queued_;
}

void ExecSession::cancel() {
    if (!isRunning())
        return;
    QMutexLocker lock(&cancelMutex_);
    cancellation_->cancel();
    // Wakes the worker if it waits for room the GUI will no longer make.
    feed_->close();
}

Profile ExecSession::profile() const {
    QMutexLocker lock(&profileMutex_);
    return profile_;
}

void ExecSession::setProfile(const Profile &profile) {
    {
        QMutexLocker lock(&profileMutex_);
        profile_ = profile;
    }
    runner_.reset(); // new address / TLS / defaults: a new channel on the next run
    setState(ConnectionState::Idle);
}

void ExecSession::setToken(const QString &token) {
    if (token == token_)
        return;
    token_.fill(u'\0');
    token_ = token;
    runner_.reset();
}

void ExecSession::runWithToken(quint64 commandId, const SessionCommand &command,
                               const QString &token) {
    setToken(token);
    run(commandId, command);
}

void ExecSession::run(quint64 commandId, const SessionCommand &command) {
    running_ = true;
    if (queued_.load() > 0)
        --queued_;
    std::shared_ptr<ExecCancellation> cancellation;
    {
        QMutexLocker lock(&cancelMutex_);
        cancellation = cancellation_;
        if (!cancellation->isCancelled())
            feed_->reopen();
    }
    Q_EMIT commandStarted(commandId);
    const ExecResult result = execute(command, *cancellation);
    {
        QMutexLocker lock(&cancelMutex_);
        cancellation_ = std::make_shared<ExecCancellation>();
    }
    feed_->finish(
        CommandSummary::fromExecResult(result, ExecErrorText::describe(result, profile().address)));
    finishState(result);
    running_ = false;
    Q_EMIT commandFinished(commandId, result);
}

ExecResult ExecSession::execute(const SessionCommand &command, ExecCancellation &cancellation) {
    // The token-over-cleartext rule is checked by ConsoleSession before anything starts and
    // by RemoteRunner::create (RunnerConfigValidator) for every new token or profile.
    if (cancellation.isCancelled()) {
        ExecResult result;
        result.outcome = ExecOutcome::Cancelled;
        result.error.kind = ExecErrorKind::Cancelled;
        return result;
    }
    ExecResult failure;
    if (!ensureRunner(failure))
        return failure;
    if (state() != ConnectionState::Ready)
        setState(ConnectionState::Connecting);
    BufferSink sink(*this);
    return runner_->exec(command.toExecRequest(), sink, &cancellation);
}

bool ExecSession::ensureRunner(ExecResult &failure) {
    if (runner_)
        return true;
    std::string error;
    RunnerConfig config = profile().toRunnerConfig(token_);
    // The transcript shows output no faster than its line builder makes lines (a few hundred
    // MiB/s); with BDP probing on, gRPC held 50-200 MiB of a flood unread on top of that.
    config.probeBandwidth = false;
    runner_ = RemoteRunner::create(std::move(config), error);
    if (!runner_) {
        failure = configFailure(QString::fromStdString(error));
        return false;
    }
    return true;
}

void ExecSession::setState(ConnectionState state) {
    if (state_.exchange(state) != state)
        Q_EMIT stateChanged(state);
}

void ExecSession::finishState(const ExecResult &result) {
    switch (result.outcome) {
    case ExecOutcome::Exited:
        setState(ConnectionState::Ready);
        break;
    case ExecOutcome::Cancelled:
        if (state() == ConnectionState::Connecting)
            setState(ConnectionState::Idle); // never learnt whether the agent is reachable
        break;
    case ExecOutcome::Failed:
        setState(isConnectionError(result.error.kind) ? ConnectionState::Error
                                                      : ConnectionState::Ready);
        break;
    }
}

} // namespace sandbox
