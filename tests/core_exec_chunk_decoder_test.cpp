// The client's reading of SandboxExecChunk bytes: the no-copy path for one output field,
// and protobuf's own parse for everything else a conforming agent may send.
#include "exec_chunk_decoder.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using sandbox::ExecChunkDecoder;
namespace wire = workflow::plugin::external::sandbox;

namespace {

// The bytes as gRPC may hand them over: cut into slices at the given offsets.
grpc::ByteBuffer sliced(const std::string &bytes, std::vector<std::size_t> cuts) {
    std::vector<grpc::Slice> slices;
    std::size_t from = 0;
    cuts.push_back(bytes.size());
    for (const std::size_t to : cuts) {
        slices.emplace_back(bytes.data() + from, to - from);
        from = to;
    }
    return grpc::ByteBuffer(slices.data(), slices.size());
}

std::string joined(const ExecChunkDecoder &decoder) {
    std::string out;
    for (const auto piece : decoder.pieces())
        out += piece;
    return out;
}

} // namespace

TEST(ExecChunkDecoder, OutputCutAnywhereComesOutWhole) {
    wire::SandboxExecChunk chunk;
    std::string data(70000, '\0');
    for (std::size_t i = 0; i < data.size(); ++i)
        data[i] = static_cast<char>(i % 251);
    chunk.set_stdout(data);
    const std::string bytes = chunk.SerializeAsString();
    // Cuts inside the tag/length header, inside the data, and none at all.
    for (const auto &cuts : std::vector<std::vector<std::size_t>>{
             {}, {1}, {2}, {3, 4}, {1, 2, 3, 16384, 32768}, {bytes.size() - 1}}) {
        ExecChunkDecoder decoder;
        ASSERT_TRUE(decoder.decode(sliced(bytes, cuts)));
        EXPECT_EQ(decoder.kind(), ExecChunkDecoder::Kind::Stdout);
        EXPECT_EQ(decoder.size(), data.size());
        EXPECT_EQ(joined(decoder), data);
    }
}

TEST(ExecChunkDecoder, StderrAndEmptyOutput) {
    wire::SandboxExecChunk chunk;
    chunk.set_stderr("warning: disk almost full\n");
    ExecChunkDecoder decoder;
    ASSERT_TRUE(decoder.decode(sliced(chunk.SerializeAsString(), {})));
    EXPECT_EQ(decoder.kind(), ExecChunkDecoder::Kind::Stderr);
    EXPECT_EQ(joined(decoder), "warning: disk almost full\n");

    chunk.set_stdout("");
    ASSERT_TRUE(decoder.decode(sliced(chunk.SerializeAsString(), {})));
    EXPECT_EQ(decoder.kind(), ExecChunkDecoder::Kind::Stdout);
    EXPECT_EQ(decoder.size(), 0u);
    EXPECT_TRUE(joined(decoder).empty());
}

TEST(ExecChunkDecoder, ExitCodesIncludingNegativeOnes) {
    for (const int code : {0, 1, 137, -1, -2147483647 - 1}) {
        wire::SandboxExecChunk chunk;
        chunk.set_exit_code(code);
        ExecChunkDecoder decoder;
        ASSERT_TRUE(decoder.decode(sliced(chunk.SerializeAsString(), {1})));
        EXPECT_EQ(decoder.kind(), ExecChunkDecoder::Kind::ExitCode);
        EXPECT_EQ(decoder.exitCode(), code);
    }
}

TEST(ExecChunkDecoder, AnythingElseIsReadAsProtobufReadsIt) {
    wire::SandboxExecChunk out;
    out.set_stdout("first");
    wire::SandboxExecChunk err;
    err.set_stderr("second");
    // Two fields of the oneof in one message: the last one wins.
    ExecChunkDecoder decoder;
    ASSERT_TRUE(decoder.decode(sliced(out.SerializeAsString() + err.SerializeAsString(), {})));
    EXPECT_EQ(decoder.kind(), ExecChunkDecoder::Kind::Stderr);
    EXPECT_EQ(joined(decoder), "second");
    // A field a newer agent may add (number 9, varint) is skipped.
    ASSERT_TRUE(decoder.decode(sliced(out.SerializeAsString() + std::string("\x48\x05", 2), {})));
    EXPECT_EQ(decoder.kind(), ExecChunkDecoder::Kind::Stdout);
    EXPECT_EQ(joined(decoder), "first");
    // No field at all.
    ASSERT_TRUE(decoder.decode(sliced("", {})));
    EXPECT_EQ(decoder.kind(), ExecChunkDecoder::Kind::Empty);
}

TEST(ExecChunkDecoder, BytesThatAreNoChunkAreRefused) {
    ExecChunkDecoder decoder;
    // A stdout field that claims more bytes than there are.
    EXPECT_FALSE(decoder.decode(sliced(std::string("\x0a\x10only-five", 11), {})));
    // A wire type protobuf does not know.
    EXPECT_FALSE(decoder.decode(sliced(std::string("\x0f\x01", 2), {})));
}
