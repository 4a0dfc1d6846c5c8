#include "grpc_channel_factory.h"

#include <absl/synchronization/mutex.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/support/channel_arguments.h>

#include <algorithm>
#include <mutex>

namespace sandbox {

namespace {

// Adds `authorization: Bearer <token>` to every call on a TLS channel. gRPC only sends
// call credentials over a secure transport, which is exactly the policy we want.
class BearerTokenPlugin : public grpc::MetadataCredentialsPlugin {
public:
    explicit BearerTokenPlugin(std::string token)
        : header_("Bearer " + std::move(token)) {}

    bool IsBlocking() const override { return false; }
    const char *GetType() const override { return "sandbox-bearer"; }

    grpc::Status GetMetadata(grpc::string_ref, grpc::string_ref, const grpc::AuthContext &,
                             std::multimap<grpc::string, grpc::string> *metadata) override {
        metadata->insert({"authorization", header_});
        return grpc::Status::OK;
    }

    grpc::string DebugString() override { return "sandbox bearer token (value hidden)"; }

private:
    const std::string header_;
};

std::shared_ptr<grpc::ChannelCredentials> credentials(const RunnerConfig &config,
                                                      const TlsMaterial &tls) {
    if (!config.tlsEnabled())
        return grpc::InsecureChannelCredentials();
    grpc::SslCredentialsOptions options;
    options.pem_root_certs = tls.caPem; // empty = system roots
    options.pem_private_key = tls.keyPem;
    options.pem_cert_chain = tls.certPem;
    auto channelCreds = grpc::SslCredentials(options);
    if (config.token.empty())
        return channelCreds;
    auto callCreds =
        grpc::MetadataCredentialsFromPlugin(std::make_unique<BearerTokenPlugin>(config.token));
    return grpc::CompositeChannelCredentials(channelCreds, callCreds);
}

grpc::ChannelArguments channelArguments(const RunnerConfig &config) {
    grpc::ChannelArguments args;
    args.SetMaxReceiveMessageSize(config.maxReceiveMessageBytes);
    if (config.tlsEnabled() && !config.serverNameOverride.empty())
        args.SetSslTargetNameOverride(config.serverNameOverride);
    // Our own connections: a new runner really handshakes, close() really reconnects.
    args.SetInt(GRPC_ARG_USE_LOCAL_SUBCHANNEL_POOL, 1);
    // Let the agent send a chunk in a few HTTP/2 DATA frames instead of one per 16 KiB
    // (the default): less framing work on both sides (docs/performance.md, six A/B pairs).
    args.SetInt(GRPC_ARG_HTTP2_MAX_FRAME_SIZE, 1 << 20);
    // And let it run 8 MiB ahead of what we have read (HTTP/2 stream window) instead of
    // waiting for window updates: 3 of 3 idle A/B pairs faster, agent CPU lower
    // (docs/performance.md). With BDP probing on, the window follows gRPC's estimate
    // instead, and a lagging reader can hold far more (RunnerConfig::probeBandwidth).
    args.SetInt(GRPC_ARG_HTTP2_STREAM_LOOKAHEAD_BYTES, 8 << 20);
    if (!config.probeBandwidth)
        args.SetInt(GRPC_ARG_HTTP2_BDP_PROBE, 0);
    // An interactive client: retry a restarted agent quickly instead of backing off for
    // minutes; a single connection attempt may take up to the connect timeout.
    const auto connectMs = static_cast<int>(
        std::clamp<long long>(config.connectTimeout.count(), 100, 24LL * 3600 * 1000));
    args.SetInt(GRPC_ARG_MIN_RECONNECT_BACKOFF_MS, connectMs);
    args.SetInt(GRPC_ARG_INITIAL_RECONNECT_BACKOFF_MS, 200);
    args.SetInt(GRPC_ARG_MAX_RECONNECT_BACKOFF_MS, 2000);
    return args;
}

} // namespace

std::shared_ptr<grpc::Channel> GrpcChannelFactory::create(const RunnerConfig &config,
                                                          const TlsMaterial &tls) {
    // Debian's absl checks every mutex acquisition for lock-order cycles (a graph update per
    // lock, several per received message in gRPC); a debugging aid, off before gRPC starts.
    static std::once_flag once;
    std::call_once(once,
                   [] { absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore); });
    return grpc::CreateCustomChannel(config.address, credentials(config, tls),
                                     channelArguments(config));
}

} // namespace sandbox
