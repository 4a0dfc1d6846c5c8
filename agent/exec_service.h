#pragma once

#include "agent_options.h"
#include "bearer_authenticator.h"
#include "exec_log_record.h"
#include "host_sandbox.h"
#include "process_spec.h"
#include "secret_resolver.h"

#include <atomic>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <grpcpp/impl/service_type.h>
#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/sync_stream.h>

#include "sandbox_exec.grpc.pb.h"

namespace sandbox::agent {

namespace wire = workflow::plugin::external::sandbox;

// The SandboxExecService implementation: authenticates, validates, resolves secrets, runs
// the command (host or docker runtime) and streams its output as it is produced.
// Registered by hand (same path, same sync streaming handler as the generated Service) but
// with the request as raw bytes, so a bad request is answered INVALID_ARGUMENT by name
// (RequestDecoder) instead of gRPC's empty INTERNAL, and the chunks as raw bytes, so output
// goes out without being copied into a message (ChunkEncoder).
class ExecService final : public grpc::Service {
public:
    struct Config {
        std::string token; // empty = no bearer check (mutual TLS or --allow-unauthenticated)
        Runtime runtime = Runtime::Host;
        int maxConcurrent = 32;
        SecretResolver resolver;
        std::shared_ptr<const HostSandbox> sandbox; // Runtime::Host only
    };

    explicit ExecService(Config config);

    grpc::Status Exec(grpc::ServerContext *context, const grpc::ByteBuffer *requestBytes,
                      grpc::ServerWriter<grpc::ByteBuffer> *writer);

    // Shutdown: running execs kill their process groups, new ones are refused.
    void stop() { stopping_ = true; }
    int activeExecs() const { return active_.load(); }

private:
    grpc::Status authenticate(const grpc::ServerContext &context) const;
    grpc::Status buildLaunch(const wire::SandboxExecRequest &request,
                             const std::string &effectiveProfile,
                             HostSandbox::Prepared *launch) const;
    grpc::Status run(grpc::ServerContext *context, const HostSandbox::Prepared &launch,
                     grpc::ServerWriter<grpc::ByteBuffer> *writer, ExecLogRecord &log);

    Config config_;
    std::optional<BearerAuthenticator> authenticator_;
    std::map<std::string, std::string> agentEnv_; // for the docker CLI only
    std::atomic<int> active_{0};
    std::atomic<bool> stopping_{false};
};

} // namespace sandbox::agent
