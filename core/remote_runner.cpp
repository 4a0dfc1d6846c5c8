#include "remote_runner.h"

#include "exec_chunk_decoder.h"
#include "grpc_channel_factory.h"
#include "grpc_status_mapper.h"
#include "runner_config_validator.h"
#include "tls_failure_probe.h"
#include "tls_material.h"

#include "sandbox_exec.grpc.pb.h"
#include "sandbox_exec.pb.h"

#include <grpcpp/client_context.h>
#include <grpcpp/impl/rpc_method.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/sync_stream.h>

#include <algorithm>
#include <mutex>
#include <optional>

namespace sandbox {

namespace pb = workflow::plugin::external::sandbox;
using Clock = std::chrono::steady_clock;

namespace {

// The contract's method path, from the generated service name (wire-contract.md).
const std::string &execMethodPath() {
    static const std::string path =
        "/" + std::string(pb::SandboxExecService::service_full_name()) + "/Exec";
    return path;
}

// Shared by an exec and its cancellation hook. The hook may run on another thread after the
// exec has returned, so it must never reach a ClientContext that is gone: detach() first.
struct CallCanceller {
    std::mutex mutex;
    grpc::ClientContext *context = nullptr;
    bool cancelled = false;

    void cancel() {
        std::lock_guard lock(mutex);
        cancelled = true;
        if (context)
            context->TryCancel();
    }
    void attach(grpc::ClientContext *ctx) {
        std::lock_guard lock(mutex);
        context = ctx;
        if (cancelled)
            ctx->TryCancel();
    }
    void detach() {
        std::lock_guard lock(mutex);
        context = nullptr;
    }
    bool isCancelled() {
        std::lock_guard lock(mutex);
        return cancelled;
    }
};

enum class ConnectResult { Ready, Failed, TimedOut, Cancelled };

std::chrono::system_clock::time_point toSystem(Clock::time_point t) {
    return std::chrono::system_clock::now() +
           std::chrono::duration_cast<std::chrono::system_clock::duration>(t - Clock::now());
}

// Waits until the channel is READY, its connection attempt failed (the fail-fast call then
// reports gRPC's own reason, e.g. a TLS error), the timeout passed, or the user cancelled.
ConnectResult waitForConnection(grpc::Channel &channel, CallCanceller &canceller,
                                std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    auto state = channel.GetState(true);
    while (state != GRPC_CHANNEL_READY) {
        if (state == GRPC_CHANNEL_TRANSIENT_FAILURE || state == GRPC_CHANNEL_SHUTDOWN)
            return ConnectResult::Failed;
        if (canceller.isCancelled())
            return ConnectResult::Cancelled;
        const auto now = Clock::now();
        if (now >= deadline)
            return ConnectResult::TimedOut;
        // Short slices so a cancel during the connection phase is seen promptly.
        const auto slice = std::min(deadline, now + std::chrono::milliseconds(50));
        if (channel.WaitForStateChange(state, toSystem(slice)))
            state = channel.GetState(true);
    }
    return ConnectResult::Ready;
}

void copyEnv(const EnvList &env, pb::SandboxExecRequest &out) {
    auto &map = *out.mutable_env();
    for (const auto &[key, value] : env)
        map[key] = value; // verbatim: secret:// references are the agent's business
}

pb::SandboxExecRequest buildRequest(const RunnerConfig &config, const ExecRequest &request) {
    const ExecOverrides &o = request.overrides;
    pb::SandboxExecRequest out;
    out.set_profile(o.profile.value_or(config.profile));
    out.set_image(o.image.value_or(config.image));
    out.set_workdir(o.workdir.value_or(config.workdir));
    for (const auto &arg : request.argv)
        out.add_command(arg);
    copyEnv(o.env ? *o.env : config.env, out);
    return out;
}

ExecError simpleError(ExecErrorKind kind, std::string message) {
    return {kind, 0, std::move(message), {}};
}

std::string secondsText(std::chrono::milliseconds ms) {
    const auto s = ms.count() / 1000;
    const auto tenths = (ms.count() % 1000) / 100;
    return std::to_string(s) + (tenths ? "." + std::to_string(tenths) : "") + " s";
}

} // namespace

struct RemoteRunner::Impl {
    RunnerConfig config;
    TlsMaterial tls;
    std::mutex mutex;
    std::shared_ptr<grpc::Channel> channel;

    std::shared_ptr<grpc::Channel> sharedChannel();
    std::shared_ptr<grpc::Channel> replaceFailedChannel(const std::shared_ptr<grpc::Channel> &old);
    void runCall(const std::shared_ptr<grpc::Channel> &channel, const ExecRequest &request,
                 ExecSink &sink, CallCanceller &canceller, ExecResult &result);
    void connectAndRun(const ExecRequest &request, ExecSink &sink, CallCanceller &canceller,
                       ExecResult &result);
    ExecError explainTlsFailure(const grpc::Status &status, CallCanceller &canceller) const;
    ExecError connectTimedOut(CallCanceller &canceller) const;
};

std::shared_ptr<grpc::Channel> RemoteRunner::Impl::sharedChannel() {
    std::lock_guard lock(mutex);
    if (!channel)
        channel = GrpcChannelFactory::create(config, tls);
    return channel;
}

// A channel left in TRANSIENT_FAILURE by an earlier exec would answer from a stale failure
// or wait out its reconnect backoff; a fresh one tries the agent now (it may be back).
std::shared_ptr<grpc::Channel>
RemoteRunner::Impl::replaceFailedChannel(const std::shared_ptr<grpc::Channel> &old) {
    std::lock_guard lock(mutex);
    if (channel == old)
        channel = GrpcChannelFactory::create(config, tls);
    return channel;
}

void RemoteRunner::Impl::connectAndRun(const ExecRequest &request, ExecSink &sink,
                                       CallCanceller &canceller, ExecResult &result) {
    auto ch = sharedChannel();
    if (ch->GetState(false) == GRPC_CHANNEL_TRANSIENT_FAILURE)
        ch = replaceFailedChannel(ch);
    switch (waitForConnection(*ch, canceller, config.connectTimeout)) {
    case ConnectResult::Cancelled:
        result.outcome = ExecOutcome::Cancelled;
        result.error = simpleError(ExecErrorKind::Cancelled, "cancelled");
        return;
    case ConnectResult::TimedOut:
        result.error = connectTimedOut(canceller);
        return;
    case ConnectResult::Ready:
        sink.onConnected();
        runCall(ch, request, sink, canceller, result);
        return;
    case ConnectResult::Failed: // the call below fails fast with gRPC's reason
        runCall(ch, request, sink, canceller, result);
        return;
    }
}

void RemoteRunner::Impl::runCall(const std::shared_ptr<grpc::Channel> &ch,
                                 const ExecRequest &request, ExecSink &sink,
                                 CallCanceller &canceller, ExecResult &result) {
    grpc::ClientContext ctx;
    if (!config.tlsEnabled() && !config.token.empty()) // allowed insecure, checked in create()
        ctx.AddMetadata("authorization", "Bearer " + config.token);
    const auto deadline =
        request.overrides.deadline ? request.overrides.deadline : config.execDeadline;
    if (deadline)
        ctx.set_deadline(std::chrono::system_clock::now() + *deadline);
    canceller.attach(&ctx);
    // The generated stub's call, with the chunks as raw bytes (ExecChunkDecoder: no copy).
    const grpc::internal::RpcMethod method(execMethodPath().c_str(),
                                           grpc::internal::RpcMethod::SERVER_STREAMING, ch);
    auto reader = std::unique_ptr<grpc::ClientReader<grpc::ByteBuffer>>(
        grpc::internal::ClientReaderFactory<grpc::ByteBuffer>::Create(
            ch.get(), method, &ctx, buildRequest(config, request)));
    grpc::ByteBuffer bytes;
    ExecChunkDecoder chunk;
    std::optional<int> exitCode;
    bool undecodable = false;
    while (!exitCode && reader->Read(&bytes)) {
        if (!chunk.decode(bytes)) {
            undecodable = true;
            break;
        }
        if (chunk.kind() == ExecChunkDecoder::Kind::Stdout ||
            chunk.kind() == ExecChunkDecoder::Kind::Stderr) {
            ++result.outputMessages;
            result.largestOutputMessage =
                std::max<std::uint64_t>(result.largestOutputMessage, chunk.size());
        }
        switch (chunk.kind()) {
        case ExecChunkDecoder::Kind::Stdout:
            result.stdoutBytes += chunk.size();
            for (const auto piece : chunk.pieces())
                sink.onStdout(piece);
            sink.onChunkEnd();
            break;
        case ExecChunkDecoder::Kind::Stderr:
            result.stderrBytes += chunk.size();
            for (const auto piece : chunk.pieces())
                sink.onStderr(piece);
            sink.onChunkEnd();
            break;
        case ExecChunkDecoder::Kind::ExitCode:
            exitCode = chunk.exitCode();
            break;
        case ExecChunkDecoder::Kind::Empty:
            break;
        }
    }
    if (exitCode || undecodable) {
        // The first exit_code ends the exec; whatever the agent still sends is dropped.
        ctx.TryCancel();
        while (reader->Read(&bytes)) {
        }
    }
    const grpc::Status status = reader->Finish();
    canceller.detach();
    if (exitCode) {
        result.outcome = ExecOutcome::Exited;
        result.exitCode = *exitCode;
    } else if (undecodable) {
        result.error = simpleError(ExecErrorKind::Internal,
                                   "the agent at " + config.address +
                                       " sent a message that is not a SandboxExecChunk");
    } else if (canceller.isCancelled()) {
        result.outcome = ExecOutcome::Cancelled;
        result.error = simpleError(ExecErrorKind::Cancelled, "cancelled");
    } else if (status.ok()) {
        result.error = simpleError(ExecErrorKind::StreamCut, "stream closed without exit code");
    } else if (const auto bytes = result.stdoutBytes + result.stderrBytes;
               bytes > 0 && status.error_code() == grpc::StatusCode::UNAVAILABLE) {
        // Output arrived, so the agent was reached and ran the command: this is no
        // "unreachable", and nobody knows how (or whether) the command ended.
        result.error = GrpcStatusMapper(config).connectionLost(status, bytes);
    } else {
        RunnerConfig effective = config; // so a timeout names this exec's own deadline
        effective.execDeadline = deadline;
        result.error = GrpcStatusMapper(effective).map(status);
        if (result.error.kind == ExecErrorKind::TlsFailure)
            result.error = explainTlsFailure(status, canceller);
    }
}

// The connect timeout passed with the channel still connecting. With TLS on and a port that
// takes TCP connections, the handshake is what never ended.
ExecError RemoteRunner::Impl::connectTimedOut(CallCanceller &canceller) const {
    if (config.tlsEnabled() &&
        TlsFailureProbe::acceptsConnections(config, std::chrono::seconds(2),
                                            [&canceller] { return canceller.isCancelled(); }))
        return GrpcStatusMapper(config).handshakeStalled({});
    ExecError error = simpleError(ExecErrorKind::Unavailable,
                                  "agent unreachable at " + config.address + " (no answer within " +
                                      secondsText(config.connectTimeout) + ")");
    error.grpcCode = static_cast<int>(grpc::StatusCode::UNAVAILABLE);
    return error;
}

// gRPC says "certificate verify failed" for an expired certificate, a wrong host and a wrong
// CA alike; one OpenSSL handshake of our own (on this, the exec's thread, bounded by the
// connect timeout) finds which.
ExecError RemoteRunner::Impl::explainTlsFailure(const grpc::Status &status,
                                                CallCanceller &canceller) const {
    const auto facts =
        TlsFailureProbe::probe(config, tls, [&canceller] { return canceller.isCancelled(); });
    return GrpcStatusMapper(config).map(status, facts ? &*facts : nullptr);
}

RemoteRunner::RemoteRunner(std::unique_ptr<Impl> impl)
    : d(std::move(impl)) {}
RemoteRunner::~RemoteRunner() = default;

std::unique_ptr<RemoteRunner> RemoteRunner::create(RunnerConfig config, std::string &error) {
    auto impl = std::make_unique<Impl>();
    if (!RunnerConfigValidator::validate(config, impl->tls, error))
        return nullptr;
    impl->config = std::move(config);
    return std::unique_ptr<RemoteRunner>(new RemoteRunner(std::move(impl)));
}

ExecResult RemoteRunner::exec(const ExecRequest &request, ExecSink &sink,
                              ExecCancellation *cancellation) {
    const auto started = Clock::now();
    ExecResult result;
    auto canceller = std::make_shared<CallCanceller>();
    if (request.argv.empty()) {
        result.error =
            simpleError(ExecErrorKind::InvalidRequest, "nothing to run: the command is empty");
    } else if (cancellation && !cancellation->arm([canceller] { canceller->cancel(); })) {
        result.outcome = ExecOutcome::Cancelled;
        result.error = simpleError(ExecErrorKind::Cancelled, "cancelled");
    } else {
        d->connectAndRun(request, sink, *canceller, result);
        if (cancellation)
            cancellation->disarm();
    }
    result.duration = Clock::now() - started;
    return result;
}

CollectedExec RemoteRunner::execCollect(const ExecRequest &request,
                                        ExecCancellation *cancellation) {
    struct Collector : ExecSink {
        CollectedExec *out;
        explicit Collector(CollectedExec *o)
            : out(o) {}
        void onStdout(std::string_view bytes) override { out->stdoutData.append(bytes); }
        void onStderr(std::string_view bytes) override { out->stderrData.append(bytes); }
    };
    CollectedExec collected;
    Collector collector(&collected);
    collected.result = exec(request, collector, cancellation);
    return collected;
}

void RemoteRunner::close() {
    std::lock_guard lock(d->mutex);
    d->channel.reset();
}

const RunnerConfig &RemoteRunner::config() const {
    return d->config;
}

} // namespace sandbox
