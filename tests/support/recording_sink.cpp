#include "recording_sink.h"

#include <algorithm>

namespace sandbox::test {

RecordingSink::RecordingSink(Keep keep)
    : keep_(keep) {}

RecordingSink::~RecordingSink() = default;

void RecordingSink::setOnStdout(std::function<void(const std::string &)> hook) {
    std::lock_guard lock(mutex_);
    hook_ = std::move(hook);
}

void RecordingSink::onStdout(std::string_view bytes) {
    std::function<void(const std::string &)> hook;
    std::string soFar;
    {
        std::lock_guard lock(mutex_);
        sha_.update(bytes);
        outBytes_ += bytes.size();
        ++outChunks_;
        largestChunk_ = std::max(largestChunk_, bytes.size());
        if (keep_ == Keep::Everything)
            out_.append(bytes);
        hook = hook_;
        if (hook)
            soFar = out_;
    }
    // Outside the lock: the hook may cancel, which may call back into the runner.
    if (hook)
        hook(soFar);
}

void RecordingSink::onStderr(std::string_view bytes) {
    std::lock_guard lock(mutex_);
    if (keep_ == Keep::Everything)
        err_.append(bytes);
}

std::string RecordingSink::stdoutData() const {
    std::lock_guard lock(mutex_);
    return out_;
}

std::string RecordingSink::stderrData() const {
    std::lock_guard lock(mutex_);
    return err_;
}

std::uint64_t RecordingSink::stdoutBytes() const {
    std::lock_guard lock(mutex_);
    return outBytes_;
}

size_t RecordingSink::stdoutChunks() const {
    std::lock_guard lock(mutex_);
    return outChunks_;
}

size_t RecordingSink::largestStdoutChunk() const {
    std::lock_guard lock(mutex_);
    return largestChunk_;
}

std::string RecordingSink::stdoutSha256() const {
    std::lock_guard lock(mutex_);
    return sha_.hex();
}

} // namespace sandbox::test
