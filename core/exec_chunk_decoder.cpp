#include "exec_chunk_decoder.h"

#include <cstdint>

namespace sandbox {

namespace {

namespace wire = workflow::plugin::external::sandbox;

constexpr std::uint32_t kLengthDelimited = 2; // protobuf wire type of bytes fields

// Reads bytes across slices, front to back.
class SliceCursor {
public:
    explicit SliceCursor(const std::vector<grpc::Slice> &slices)
        : slices_(slices) {}

    bool next(unsigned char &byte) {
        while (index_ < slices_.size() && offset_ == slices_[index_].size()) {
            ++index_;
            offset_ = 0;
        }
        if (index_ == slices_.size())
            return false;
        byte = slices_[index_].begin()[offset_++];
        return true;
    }
    bool varint(std::uint64_t &value) {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            unsigned char byte = 0;
            if (!next(byte))
                return false;
            value |= std::uint64_t(byte & 0x7f) << shift;
            if (!(byte & 0x80))
                return true;
        }
        return false;
    }
    // The rest, as views; false when it is not exactly `length` bytes.
    bool rest(std::uint64_t length, std::vector<std::string_view> &pieces) {
        std::uint64_t total = 0;
        for (; index_ < slices_.size(); ++index_, offset_ = 0) {
            const auto &slice = slices_[index_];
            if (offset_ == slice.size())
                continue;
            pieces.emplace_back(reinterpret_cast<const char *>(slice.begin()) + offset_,
                                slice.size() - offset_);
            total += slice.size() - offset_;
        }
        return total == length;
    }

private:
    const std::vector<grpc::Slice> &slices_;
    std::size_t index_ = 0;
    std::size_t offset_ = 0;
};

} // namespace

bool ExecChunkDecoder::decode(const grpc::ByteBuffer &buffer) {
    slices_.clear();
    pieces_.clear();
    kind_ = Kind::Empty;
    size_ = 0;
    if (!buffer.Dump(&slices_).ok())
        return false;
    return decodeOutputField() || decodeWithProtobuf();
}

// The message is exactly one stdout or stderr field: tag, length, bytes.
bool ExecChunkDecoder::decodeOutputField() {
    SliceCursor cursor(slices_);
    unsigned char tag = 0;
    if (!cursor.next(tag))
        return false;
    const Kind kind =
        tag == (wire::SandboxExecChunk::kStdoutFieldNumber << 3 | kLengthDelimited)   ? Kind::Stdout
        : tag == (wire::SandboxExecChunk::kStderrFieldNumber << 3 | kLengthDelimited) ? Kind::Stderr
                                                                                      : Kind::Empty;
    std::uint64_t length = 0;
    if (kind == Kind::Empty || !cursor.varint(length) || !cursor.rest(length, pieces_)) {
        pieces_.clear();
        return false;
    }
    kind_ = kind;
    size_ = length;
    return true;
}

bool ExecChunkDecoder::decodeWithProtobuf() {
    joined_.clear();
    for (const auto &slice : slices_)
        joined_.append(reinterpret_cast<const char *>(slice.begin()), slice.size());
    if (!message_.ParseFromString(joined_))
        return false;
    switch (message_.chunk_case()) {
    case wire::SandboxExecChunk::kStdout:
    case wire::SandboxExecChunk::kStderr: {
        const std::string &data = message_.chunk_case() == wire::SandboxExecChunk::kStdout
                                      ? message_.stdout()
                                      : message_.stderr();
        kind_ =
            message_.chunk_case() == wire::SandboxExecChunk::kStdout ? Kind::Stdout : Kind::Stderr;
        if (!data.empty())
            pieces_.emplace_back(data);
        size_ = data.size();
        break;
    }
    case wire::SandboxExecChunk::kExitCode:
        kind_ = Kind::ExitCode;
        exitCode_ = message_.exit_code();
        break;
    case wire::SandboxExecChunk::CHUNK_NOT_SET:
        kind_ = Kind::Empty;
        break;
    }
    return true;
}

} // namespace sandbox
