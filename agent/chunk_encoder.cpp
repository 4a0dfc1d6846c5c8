#include "chunk_encoder.h"

#include <cstdint>

#include <grpcpp/impl/codegen/proto_utils.h>
#include <grpcpp/support/slice.h>

namespace sandbox::agent {

namespace {

namespace wire = workflow::plugin::external::sandbox;

constexpr std::uint32_t kLengthDelimited = 2; // protobuf wire type of bytes fields

void deleteString(void *owned) {
    delete static_cast<std::string *>(owned);
}

} // namespace

grpc::ByteBuffer ChunkEncoder::output(OutputStream stream, std::string &data) {
    const std::uint32_t field = stream == OutputStream::Stdout
                                    ? wire::SandboxExecChunk::kStdoutFieldNumber
                                    : wire::SandboxExecChunk::kStderrFieldNumber;
    unsigned char header[16];
    std::size_t n = 0;
    header[n++] = static_cast<unsigned char>(field << 3 | kLengthDelimited);
    for (std::uint64_t length = data.size();; length >>= 7) { // varint
        header[n++] = static_cast<unsigned char>(length < 0x80 ? length : (length & 0x7f) | 0x80);
        if (length < 0x80)
            break;
    }
    auto *owned = new std::string(std::move(data));
    data.clear();
    const grpc::Slice slices[2] = {grpc::Slice(header, n),
                                   grpc::Slice(owned->data(), owned->size(), deleteString, owned)};
    return grpc::ByteBuffer(slices, 2);
}

grpc::ByteBuffer ChunkEncoder::message(const wire::SandboxExecChunk &chunk) {
    grpc::ByteBuffer buffer;
    bool ownBuffer = false;
    grpc::SerializationTraits<wire::SandboxExecChunk>::Serialize(chunk, &buffer, &ownBuffer);
    return buffer;
}

} // namespace sandbox::agent
