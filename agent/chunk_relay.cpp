#include "chunk_relay.h"

#include <utility>

namespace sandbox::agent {

ChunkRelay::ChunkRelay(Sender send)
    : send_(std::move(send)) {}

ChunkRelay::~ChunkRelay() {
    finish();
}

bool ChunkRelay::push(OutputStream stream, std::string &data) {
    std::unique_lock lock(mutex_);
    if (!failed_ && queue_.size() >= kDepth) {
        pusherWaits_ = true;
        pushable_.wait(lock, [this] { return failed_ || queue_.size() <= kDepth / 2; });
        pusherWaits_ = false;
    }
    if (failed_)
        return false;
    queue_.push_back({stream, std::exchange(data, {})}); // the reader goes on in a new buffer
    if (!sender_.joinable())
        sender_ = std::thread([this] { sendLoop(); });
    else if (senderWaits_)
        sendable_.notify_one();
    return true;
}

void ChunkRelay::sendLoop() {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (queue_.empty() && !finishing_) {
            senderWaits_ = true;
            sendable_.wait(lock, [this] { return !queue_.empty() || finishing_; });
            senderWaits_ = false;
        }
        if (queue_.empty())
            return; // finishing and drained
        Chunk chunk = std::move(queue_.front());
        lock.unlock();
        const bool sent = send_(chunk.stream, chunk.data);
        lock.lock();
        queue_.pop_front();
        if (!sent) {
            failed_ = true;
            queue_.clear();
        }
        // Wake the reader when half the queue is free, not per chunk: a wake-up costs a
        // cross-core interrupt, more than the copy of a chunk on a virtual machine.
        if (pusherWaits_ && (failed_ || queue_.size() <= kDepth / 2))
            pushable_.notify_one();
    }
}

bool ChunkRelay::finish() {
    {
        std::lock_guard lock(mutex_);
        finishing_ = true;
    }
    sendable_.notify_one();
    if (sender_.joinable())
        sender_.join();
    std::lock_guard lock(mutex_);
    return !failed_;
}

} // namespace sandbox::agent
