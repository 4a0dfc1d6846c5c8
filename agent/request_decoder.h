#pragma once

#include <optional>
#include <string>

#include <grpcpp/support/byte_buffer.h>

#include "sandbox_exec.pb.h"

namespace sandbox::agent {

// Turns the raw bytes of an Exec call into a SandboxExecRequest. gRPC's own parsing answers
// INTERNAL with an empty message for both garbage and a string field that is not UTF-8; this
// tells the two apart and names the field, so the client gets an INVALID_ARGUMENT it can act on.
class RequestDecoder {
public:
    // Fills *request, or returns what is wrong ("request is not valid protobuf ...",
    // "field image is not UTF-8"). Never quotes a field's content, so the answer is safe to
    // log (env values may hold secrets).
    static std::optional<std::string>
    decode(const grpc::ByteBuffer &bytes,
           workflow::plugin::external::sandbox::SandboxExecRequest *request);

    // The same, from bytes already in memory.
    static std::optional<std::string>
    decode(const std::string &bytes,
           workflow::plugin::external::sandbox::SandboxExecRequest *request);
};

} // namespace sandbox::agent
