#include "exec_service.h"
#include "exec_watchdog.h"

#include "chunk_encoder.h"
#include "chunk_relay.h"
#include "docker_command.h"
#include "host_process.h"
#include "request_check.h"
#include "request_decoder.h"
#include "security_profile.h"

#include <chrono>
#include <optional>
#include <unistd.h>

#include <grpcpp/support/method_handler.h>

extern char **environ;

namespace sandbox::agent {

namespace {

constexpr const char *kDefaultPath = "/usr/local/bin:/usr/bin:/bin";
// Beyond the command's timeout: time for SIGTERM, SIGKILL and the last chunks to go out.
constexpr std::chrono::seconds kWatchdogGrace{15};

std::map<std::string, std::string> currentEnvironment() {
    std::map<std::string, std::string> env;
    for (char **entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string text = *entry;
        const auto eq = text.find('=');
        if (eq != std::string::npos)
            env.emplace(text.substr(0, eq), text.substr(eq + 1));
    }
    return env;
}

const char *codeName(grpc::StatusCode code) {
    switch (code) {
    case grpc::StatusCode::UNAUTHENTICATED:
        return "UNAUTHENTICATED";
    case grpc::StatusCode::INVALID_ARGUMENT:
        return "INVALID_ARGUMENT";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
        return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::UNAVAILABLE:
        return "UNAVAILABLE";
    case grpc::StatusCode::CANCELLED:
        return "CANCELLED";
    default:
        return "INTERNAL";
    }
}

// Holds one of the --max-concurrent slots for the duration of an exec.
class ExecSlot {
public:
    ExecSlot(std::atomic<int> &active, int max)
        : active_(active)
        , held_(active.fetch_add(1) < max) {}
    ~ExecSlot() { active_.fetch_sub(1); }
    ExecSlot(const ExecSlot &) = delete;
    ExecSlot &operator=(const ExecSlot &) = delete;
    bool held() const { return held_; }

private:
    std::atomic<int> &active_;
    bool held_;
};

// The contract's method path, from the generated service name (wire-contract.md).
const std::string &execMethodPath() {
    static const std::string path =
        "/" + std::string(wire::SandboxExecService::service_full_name()) + "/Exec";
    return path;
}

} // namespace

ExecService::ExecService(Config config)
    : config_(std::move(config))
    , agentEnv_(currentEnvironment()) {
    if (!config_.token.empty())
        authenticator_.emplace(config_.token);
    // What the generated Service constructor does, with grpc::ByteBuffer as the request type
    // (gRPC's raw-request support for the sync API): threads, flow control and cancellation
    // stay exactly those of the generated handler.
    using Handler =
        grpc::internal::ServerStreamingHandler<ExecService, grpc::ByteBuffer, grpc::ByteBuffer>;
    AddMethod(new grpc::internal::RpcServiceMethod(
        execMethodPath().c_str(), grpc::internal::RpcMethod::SERVER_STREAMING,
        new Handler(
            [](ExecService *service, grpc::ServerContext *context, const grpc::ByteBuffer *bytes,
               grpc::ServerWriter<grpc::ByteBuffer> *writer) {
                return service->Exec(context, bytes, writer);
            },
            this)));
}

grpc::Status ExecService::authenticate(const grpc::ServerContext &context) const {
    if (!authenticator_)
        return grpc::Status::OK;
    const auto &metadata = context.client_metadata();
    const auto it = metadata.find("authorization");
    if (it == metadata.end())
        return authenticator_->check(std::nullopt);
    return authenticator_->check(std::string_view(it->second.data(), it->second.size()));
}

grpc::Status ExecService::buildLaunch(const wire::SandboxExecRequest &request,
                                      const std::string &effectiveProfile,
                                      HostSandbox::Prepared *launch) const {
    std::map<std::string, std::string> env(request.env().begin(), request.env().end());
    if (auto bad = config_.resolver.resolve(env))
        return {grpc::StatusCode::INVALID_ARGUMENT, *bad};
    const auto profile = SecurityProfile::clamp(effectiveProfile);
    const std::vector<std::string> argv(request.command().begin(), request.command().end());
    if (config_.runtime == Runtime::Docker) {
        launch->spec = DockerCommand::processSpec(
            {request.image(), argv, env, request.workdir(), profile}, agentEnv_);
        return grpc::Status::OK;
    }
    if (config_.runtime == Runtime::Host) {
        std::string error;
        bool noHostUid = false;
        auto prepared = config_.sandbox->prepare(
            {request.image(), argv, env, request.workdir(), profile}, &error, &noHostUid);
        if (!prepared)
            return {noHostUid ? grpc::StatusCode::RESOURCE_EXHAUSTED
                              : grpc::StatusCode::INVALID_ARGUMENT,
                    error};
        *launch = std::move(*prepared);
        return grpc::Status::OK;
    }
    ProcessSpec &spec = launch->spec;
    spec.argv = argv;
    spec.env = std::move(env);
    spec.env.emplace("PATH", kDefaultPath); // only when the request has none
    spec.searchPath = spec.env["PATH"];
    spec.workdir = request.workdir();
    spec.limits = profile.hostLimits();
    return grpc::Status::OK;
}

grpc::Status ExecService::Exec(grpc::ServerContext *context, const grpc::ByteBuffer *requestBytes,
                               grpc::ServerWriter<grpc::ByteBuffer> *writer) {
    const auto started = std::chrono::steady_clock::now();
    wire::SandboxExecRequest request; // stays empty when the bytes do not decode
    const auto undecodable = RequestDecoder::decode(*requestBytes, &request);
    const auto profile = SecurityProfile::clamp(request.profile());
    ExecLogRecord log{context->peer(), request.profile(), profile.name(), request.image(),
                      request.command().empty() ? std::string() : request.command(0)};
    ExecSlot slot(active_, config_.maxConcurrent);
    grpc::Status status = authenticate(*context);
    if (status.ok() && stopping_)
        status = {grpc::StatusCode::UNAVAILABLE, "agent is shutting down"};
    if (status.ok() && !slot.held())
        status = {grpc::StatusCode::RESOURCE_EXHAUSTED, "agent is at its limit of " +
                                                            std::to_string(config_.maxConcurrent) +
                                                            " concurrent execs"};
    if (status.ok()) {
        // Only an authenticated peer learns what is wrong with its request.
        if (auto bad = undecodable ? undecodable : RequestCheck::problem(request, config_.runtime))
            status = {grpc::StatusCode::INVALID_ARGUMENT, *bad};
    }
    HostSandbox::Prepared launch;
    if (status.ok())
        status = buildLaunch(request, profile.name(), &launch);
    if (status.ok())
        status = run(context, launch, writer, log);
    if (!status.ok()) {
        log.outcome = codeName(status.error_code());
        if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT)
            log.problem = status.error_message();
    }
    log.durationMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now() - started)
                         .count();
    log.write();
    return status;
}

grpc::Status ExecService::run(grpc::ServerContext *context, const HostSandbox::Prepared &launch,
                              grpc::ServerWriter<grpc::ByteBuffer> *writer, ExecLogRecord &log) {
    const ProcessSpec &spec = launch.spec;
    wire::SandboxExecChunk chunk;
    if (!launch.preamble.empty()) {
        chunk.set_stderr(launch.preamble);
        writer->Write(ChunkEncoder::message(chunk));
    }
    if (launch.exitCode) {
        log.exitCode = *launch.exitCode;
        chunk.set_exit_code(*launch.exitCode);
        writer->WriteLast(ChunkEncoder::message(chunk), grpc::WriteOptions());
        return grpc::Status::OK;
    }
    HostProcess::SpawnError spawnError;
    auto process = HostProcess::spawn(spec, &spawnError);
    if (!process)
        return {spawnError.invalidArgument ? grpc::StatusCode::INVALID_ARGUMENT
                                           : grpc::StatusCode::INTERNAL,
                spawnError.message};
    // Sends from the relay's thread, so reading the pipes overlaps the Write (which blocks on
    // flow control: the back-pressure).
    ChunkRelay relay([writer](OutputStream stream, std::string &data) {
        return writer->Write(ChunkEncoder::output(stream, data));
    });
    const auto write = [&](OutputStream stream, std::string &data) {
        return relay.push(stream, data);
    };
    const auto cancelled = [&] {
        return stopping_.load() || context->IsCancelled();
    };
    // The command's timeout is checked between writes; a client that stops reading blocks a
    // write forever, so past the timeout (plus the kill grace) the call itself is cancelled.
    std::optional<ExecWatchdog> watchdog;
    if (spec.limits.timeout.count() > 0)
        watchdog.emplace(spec.limits.timeout + kWatchdogGrace, [context] { context->TryCancel(); });
    const HostProcess::Outcome outcome = process->run(write, cancelled);
    relay.finish(); // every chunk is out (or the client went away) before the exit code
    watchdog.reset();
    process.reset();
    log.bytesOut = outcome.bytesOut;
    log.exitCode = outcome.exitCode;
    if (outcome.cancelled) {
        log.outcome = "cancelled";
        if (stopping_)
            return {grpc::StatusCode::UNAVAILABLE,
                    "agent is shutting down; the command was killed"};
        return {grpc::StatusCode::CANCELLED, "the client went away; the command was killed"};
    }
    log.outcome = outcome.timedOut ? "timeout" : "exit";
    chunk.set_exit_code(outcome.exitCode);
    writer->WriteLast(ChunkEncoder::message(chunk), grpc::WriteOptions());
    return grpc::Status::OK;
}

} // namespace sandbox::agent
