#pragma once

#include "host_process.h"

#include <string>

#include <grpcpp/support/byte_buffer.h>

#include "sandbox_exec.pb.h"

namespace sandbox::agent {

// Encodes the SandboxExecChunk messages the agent sends. An output chunk is a few bytes of
// field header plus the output itself, handed to gRPC as a slice that owns the buffer: no
// copy into a message and none out of it (serializing a 256 KiB bytes field copies it
// once more on the thread that also encrypts and sends).
class ChunkEncoder {
public:
    // A stdout or stderr chunk; takes `data`'s buffer (left empty).
    static grpc::ByteBuffer output(OutputStream stream, std::string &data);
    // Any other chunk (exit code, preamble), serialized by protobuf.
    static grpc::ByteBuffer
    message(const workflow::plugin::external::sandbox::SandboxExecChunk &chunk);
};

} // namespace sandbox::agent
