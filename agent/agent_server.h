#pragma once

#include "agent_options.h"
#include "exec_service.h"

#include <memory>
#include <string>

#include <grpcpp/server.h>

namespace sandbox::agent {

// The gRPC server: credentials, thread budget for --max-concurrent execs, the listening port.
class AgentServer {
public:
    // Binds and starts serving; nullptr with *error when it cannot.
    static std::unique_ptr<AgentServer> start(const AgentOptions &options, std::string *error);

    int port() const { return port_; }
    // HOST:PORT with the port actually bound.
    std::string address() const { return options_.bindAddress(port_); }
    // Blocks until shutdown() has finished.
    void wait();
    // Stops accepting, kills running commands, waits (bounded) for their calls to end.
    // Safe to call from any thread, more than once.
    void shutdown();

private:
    AgentServer(AgentOptions options, std::unique_ptr<ExecService> service);

    AgentOptions options_;
    std::unique_ptr<ExecService> service_;
    std::unique_ptr<grpc::Server> server_;
    int port_ = 0;
};

} // namespace sandbox::agent
