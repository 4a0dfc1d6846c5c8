#pragma once

#include "host_process.h"

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace sandbox::agent {

// Hands a command's output chunks from the thread that reads its pipes to a thread that
// sends them, so reading the next chunk overlaps sending the last one (on a 2-core machine
// the exec thread spent a third of its time copying out of the pipe, while its Write
// waited for TLS and the socket). At most kDepth chunks wait: a client that stops reading
// still stops the reader, and through the full pipe the command, with bounded memory.
// The sending thread starts with the first chunk, so a command without output (`true`)
// costs no thread.
class ChunkRelay {
public:
    static constexpr std::size_t kDepth = 4;

    // Blocks until the chunk is handed to the transport; false when nobody listens anymore.
    // Owns the string: it may hand its buffer on (gRPC keeps it until sent).
    using Sender = std::function<bool(OutputStream, std::string &)>;

    explicit ChunkRelay(Sender send);
    ~ChunkRelay(); // finish()
    ChunkRelay(const ChunkRelay &) = delete;
    ChunkRelay &operator=(const ChunkRelay &) = delete;

    // Queues the chunk, taking `data`'s buffer (left empty);
    // blocks while kDepth chunks wait. False once a send failed (the reader then stops the
    // command, as with a failed synchronous write).
    bool push(OutputStream stream, std::string &data);
    // Waits until every queued chunk was sent (or a send failed) and the sending thread
    // ended. Afterwards the caller may use the stream again itself. True when all were sent.
    bool finish();

private:
    struct Chunk {
        OutputStream stream;
        std::string data;
    };
    void sendLoop();

    Sender send_;
    std::mutex mutex_;
    std::condition_variable pushable_; // the reader waits here while the queue is full
    std::condition_variable sendable_; // the sender waits here while it is empty
    std::deque<Chunk> queue_;
    bool finishing_ = false;
    bool failed_ = false;
    bool pusherWaits_ = false;
    bool senderWaits_ = false;
    std::thread sender_;
};

} // namespace sandbox::agent
