#pragma once

#include "runner_config.h"
#include "tls_material.h"

#include <grpcpp/channel.h>

#include <memory>

namespace sandbox {

// Builds the one gRPC channel a RemoteRunner shares between its execs: credentials (TLS,
// mTLS, bearer call credentials) and channel arguments. Private to core.
class GrpcChannelFactory {
public:
    static std::shared_ptr<grpc::Channel> create(const RunnerConfig &config,
                                                 const TlsMaterial &tls);
};

} // namespace sandbox
