#include "agent_server.h"

#include "server_tls.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <unistd.h>

#include <absl/synchronization/mutex.h>
#include <grpcpp/resource_quota.h>
#include <grpcpp/server_builder.h>

namespace sandbox::agent {

namespace {

constexpr int kMaxSendBytes = 64 * 1024 * 1024; // chunks are at most 256 KiB; stay generous
constexpr auto kShutdownGrace = std::chrono::seconds(5);

std::optional<std::string> processEnv(const std::string &name) {
    const char *value = std::getenv(name.c_str());
    return value ? std::optional<std::string>(value) : std::nullopt;
}

std::string absolute(const std::string &path) {
    if (path.empty())
        return path;
    char *real = ::realpath(path.c_str(), nullptr);
    if (real == nullptr)
        return path;
    std::string out = real;
    std::free(real);
    return out;
}

void logLine(const std::string &text) {
    const std::string line = "sandbox-agent: " + text + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

// The bubblewrap runtime, checked by running one sandbox: no silent fallback when it fails.
std::shared_ptr<const HostSandbox> makeSandbox(const AgentOptions &o, std::string *error) {
    HostSandbox::Config config;
    config.bwrapPath = HostSandbox::findBwrap(processEnv("PATH").value_or("/usr/bin:/bin"));
    config.uid = o.sandboxUid;
    config.hidden = {absolute(o.tokenFile), absolute(o.tlsKey), absolute(o.secretsDir)};
    if (::geteuid() == 0) {
        // bubblewrap runs as a pool uid: hide what such a uid (owner of nothing) can reach.
        config.hostUids = std::make_shared<const UidPool>(o.sandboxUidBase);
        config.hidden = HostSandbox::reachable(config.hidden, o.sandboxUidBase);
    }
    config.images = ImageRoots(o.imagesDir, o.imagesStrict);
    auto sandbox = std::make_shared<const HostSandbox>(std::move(config));
    if (auto bad = sandbox->probe()) {
        *error = *bad;
        return nullptr;
    }
    logLine("host runtime: every command runs in bubblewrap (" + sandbox->config().bwrapPath +
            ") as uid " + std::to_string(o.sandboxUid) +
            (::geteuid() == 0 ? " (on the host: one uid per sandbox from " +
                                    std::to_string(o.sandboxUidBase) + ")"
                              : std::string(" (on the host: this agent's uid, whose pid limit "
                                            "all sandboxes share)")) +
            (o.imagesDir.empty() ? std::string("; no --images-dir: every image runs on this "
                                               "host's root file system, read-only")
                                 : "; images from " + o.imagesDir));
    return sandbox;
}

std::unique_ptr<ExecService> makeService(const AgentOptions &o, std::string *error) {
    ExecService::Config config{
        o.token, o.runtime, o.maxConcurrent,
        SecretResolver(o.secretsBackend, o.secretsDir, o.secretsEnvPrefix, processEnv), nullptr};
    if (o.runtime == Runtime::Host) {
        config.sandbox = makeSandbox(o, error);
        if (!config.sandbox)
            return nullptr;
    } else if (o.runtime == Runtime::HostUnsandboxed) {
        logLine("WARNING: --runtime host-unsandboxed: commands run as plain processes of this "
                "agent's user with its view of the file system, network and processes; they "
                "are NOT isolated from the agent or its token. Use --runtime host for "
                "bubblewrap isolation.");
    }
    return std::make_unique<ExecService>(std::move(config));
}

// Every running exec holds one sync-server thread for its whole life; leave room for the
// pollers and for the calls that are answered RESOURCE_EXHAUSTED by our own limit.
void configureThreads(grpc::ServerBuilder &builder, int maxConcurrent) {
    grpc::ResourceQuota quota("sandbox-agent");
    quota.SetMaxThreads(2 * maxConcurrent + 16);
    builder.SetResourceQuota(quota);
    builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::NUM_CQS, 2);
    builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MIN_POLLERS, 1);
    builder.SetSyncServerOption(grpc::ServerBuilder::SyncServerOption::MAX_POLLERS, 4);
}

} // namespace

AgentServer::AgentServer(AgentOptions options, std::unique_ptr<ExecService> service)
    : options_(std::move(options))
    , service_(std::move(service)) {}

std::unique_ptr<AgentServer> AgentServer::start(const AgentOptions &options, std::string *error) {
    // Debian's absl checks every mutex acquisition for lock-order cycles (a graph update per
    // lock, several per chunk in gRPC); a debugging aid we do not need in production.
    absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
    auto credentials = ServerTls::credentials(options, error);
    if (!credentials)
        return nullptr;
    auto service = makeService(options, error);
    if (!service)
        return nullptr;
    std::unique_ptr<AgentServer> agent(new AgentServer(options, std::move(service)));
    grpc::ServerBuilder builder;
    builder.AddListeningPort(options.bindAddress(options.port), credentials, &agent->port_);
    builder.RegisterService(agent->service_.get());
    builder.SetMaxSendMessageSize(kMaxSendBytes);
    // Notice clients that vanished without closing the connection, so their commands die.
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIME_MS, 30000);
    builder.AddChannelArgument(GRPC_ARG_KEEPALIVE_TIMEOUT_MS, 10000);
    // gRPC sets SO_REUSEPORT by default: a second agent on a busy port would share it silently.
    builder.AddChannelArgument(GRPC_ARG_ALLOW_REUSEPORT, 0);
    configureThreads(builder, options.maxConcurrent);
    agent->server_ = builder.BuildAndStart();
    if (!agent->server_ || agent->port_ == 0) {
        *error = "cannot listen on " + options.bindAddress(options.port) +
                 " (address in use or not local?)";
        return nullptr;
    }
    return agent;
}

void AgentServer::wait() {
    server_->Wait();
}

void AgentServer::shutdown() {
    service_->stop();
    server_->Shutdown(std::chrono::system_clock::now() + kShutdownGrace);
}

} // namespace sandbox::agent
