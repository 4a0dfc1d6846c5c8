#pragma once

#include <QByteArray>
#include <QList>
#include <QMutex>
#include <QWaitCondition>

namespace sandbox {

struct OutputChunk {
    bool isStderr = false;
    QByteArray data;

    friend bool operator==(const OutputChunk &, const OutputChunk &) = default;
};

// Thread-safe, capped queue between an exec on the worker thread (append) and the GUI
// (take). The producer waits while the buffer is full, so a flood cannot grow memory.
class OutputBuffer {
public:
    static constexpr qsizetype kDefaultCapacity = 4 * 1024 * 1024;

    explicit OutputBuffer(qsizetype capacity = kDefaultCapacity);

    // Blocks while the buffer is non-empty and data would not fit, unless closed. A chunk
    // larger than the capacity is only accepted into an empty buffer, so callers split
    // floods into pieces. Returns true when the buffer went from empty to non-empty (the
    // caller then notifies the consumer). Data appended after close() is dropped.
    bool append(bool isStderr, const QByteArray &data);
    // Everything buffered, adjacent chunks of the same stream merged; wakes the producer.
    QList<OutputChunk> take();

    // Stops accepting data and wakes a waiting producer (cancel, shutdown).
    void close();
    void reopen();
    bool isClosed() const;

    bool isEmpty() const;
    qsizetype size() const;
    qsizetype capacity() const { return capacity_; }
    // The largest size the buffer ever reached (for tests and benchmarks).
    qsizetype highWaterMark() const;

private:
    const qsizetype capacity_;
    mutable QMutex mutex_;
    QWaitCondition spaceAvailable_;
    QList<OutputChunk> chunks_;
    qsizetype size_ = 0;
    qsizetype highWaterMark_ = 0;
    bool closed_ = false;
};

} // namespace sandbox
