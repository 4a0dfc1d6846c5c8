// The agent's hand-made encoding of output chunks must be exactly what protobuf parses as
// the contract's SandboxExecChunk (wire-contract.md: stdout = 1, stderr = 2, bytes).
#include "chunk_encoder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using sandbox::agent::ChunkEncoder;
using sandbox::agent::OutputStream;
namespace wire = workflow::plugin::external::sandbox;

namespace {

wire::SandboxExecChunk parsed(const grpc::ByteBuffer &buffer) {
    std::vector<grpc::Slice> slices;
    EXPECT_TRUE(buffer.Dump(&slices).ok());
    std::string bytes;
    for (const auto &slice : slices)
        bytes.append(reinterpret_cast<const char *>(slice.begin()), slice.size());
    wire::SandboxExecChunk chunk;
    EXPECT_TRUE(chunk.ParseFromString(bytes)) << "not a SandboxExecChunk";
    return chunk;
}

} // namespace

TEST(ChunkEncoder, OutputOfEverySizeParsesAsTheContractsChunk) {
    // Sizes around each varint length boundary, up to the agent's largest chunk.
    for (const std::size_t size :
         {1ul, 127ul, 128ul, 300ul, 16383ul, 16384ul, 65536ul, 262144ul, 2097151ul, 2097152ul}) {
        std::string data(size, '\0');
        for (std::size_t i = 0; i < size; ++i)
            data[i] = static_cast<char>(i * 7 + size);
        const std::string expected = data;
        const auto out = parsed(ChunkEncoder::output(OutputStream::Stdout, data));
        ASSERT_EQ(out.chunk_case(), wire::SandboxExecChunk::kStdout) << size;
        EXPECT_EQ(out.stdout(), expected) << size;
        EXPECT_TRUE(data.empty()) << "the buffer is handed to gRPC, not copied";

        std::string err = expected;
        const auto errChunk = parsed(ChunkEncoder::output(OutputStream::Stderr, err));
        ASSERT_EQ(errChunk.chunk_case(), wire::SandboxExecChunk::kStderr) << size;
        EXPECT_EQ(errChunk.stderr(), expected) << size;
    }
}

TEST(ChunkEncoder, OtherChunksAreProtobufsOwn) {
    wire::SandboxExecChunk exit;
    exit.set_exit_code(-3);
    EXPECT_EQ(parsed(ChunkEncoder::message(exit)).exit_code(), -3);
    wire::SandboxExecChunk preamble;
    preamble.set_stderr("note\n");
    EXPECT_EQ(parsed(ChunkEncoder::message(preamble)).stderr(), "note\n");
}
