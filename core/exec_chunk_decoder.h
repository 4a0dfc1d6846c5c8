#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <grpcpp/support/byte_buffer.h>
#include <grpcpp/support/slice.h>

#include "sandbox_exec.pb.h"

namespace sandbox {

// Reads one SandboxExecChunk from the bytes gRPC received, without copying output: a chunk
// that is just one stdout or stderr field (what both agents send) is handed on as views
// into gRPC's own slices. Anything else (the exit code, several fields, unknown fields) is
// parsed by protobuf. Saves one copy of every output byte and an allocation per message on
// the client, whose thread also decrypts and parses the stream.
class ExecChunkDecoder {
public:
    enum class Kind { Stdout, Stderr, ExitCode, Empty };

    // False when the bytes are not a SandboxExecChunk.
    bool decode(const grpc::ByteBuffer &buffer);

    Kind kind() const { return kind_; }
    // The output, in pieces, valid until the next decode().
    const std::vector<std::string_view> &pieces() const { return pieces_; }
    std::size_t size() const { return size_; }
    int exitCode() const { return exitCode_; }

private:
    bool decodeOutputField();
    bool decodeWithProtobuf();

    std::vector<grpc::Slice> slices_; // keeps the pieces alive
    std::vector<std::string_view> pieces_;
    std::string joined_; // for protobuf's parse
    workflow::plugin::external::sandbox::SandboxExecChunk message_;
    Kind kind_ = Kind::Empty;
    std::size_t size_ = 0;
    int exitCode_ = 0;
};

} // namespace sandbox
