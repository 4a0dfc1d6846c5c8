#pragma once

#include "command_context.h"
#include "styled_line.h"
#include "terminal_line_builder.h"

#include <QByteArrayView>
#include <QList>
#include <QMutex>
#include <QWaitCondition>

#include <memory>

namespace sandbox {

class TranscriptSpool;

// What the GUI takes from a TranscriptFeed in one pass: finished lines of both streams in
// arrival order, and each stream's unfinished last line (empty text = none).
struct TranscriptBatch {
    QList<StyledLine> finished;
    StyledLine stdoutPartial;
    StyledLine stderrPartial;
    qint64 bytes = 0; // raw output bytes behind these lines

    bool isEmpty() const { return finished.isEmpty() && bytes == 0; }
};

// The worker-thread half of a console's transcript: every chunk goes to the spool (raw,
// nothing lost) and through one TerminalLineBuilder per stream; the finished lines wait in
// a capped queue until the GUI takes them. The producer waits while the queue is full, so a
// flood cannot grow memory and the GUI only ever receives styled lines.
// begin/append/finish: the worker thread. take/close/reopen: any thread.
class TranscriptFeed {
public:
    // Bytes plus decoded text waiting for the GUI: room for a frame's worth of a flood
    // (ConsoleSession drains at most once per 16 ms).
    static constexpr qint64 kDefaultCapacityBytes = 16 * 1024 * 1024;

    explicit TranscriptFeed(std::shared_ptr<TranscriptSpool> spool,
                            qint64 capacityBytes = kDefaultCapacityBytes);
    ~TranscriptFeed();

    void begin(quint64 blockId, const CommandContext &context);
    // Returns true when the queue went from empty to non-empty (wake the consumer).
    // Blocks while the queue is full, unless closed; output after close() is still
    // spooled but not queued.
    bool append(bool isStderr, QByteArrayView bytes);
    // Flushes both builders' unfinished lines and closes the command in the spool.
    // Returns true like append().
    bool finish(const CommandSummary &summary);

    TranscriptBatch take();
    // Stops queueing and wakes a waiting producer (cancel, shutdown).
    void close();
    void reopen();

    std::shared_ptr<TranscriptSpool> spool() const { return spool_; }

private:
    bool enqueue(QList<StyledLine> &&lines, qint64 bytes, bool wait);

    std::shared_ptr<TranscriptSpool> spool_;
    const qint64 capacity_;
    quint64 blockId_ = 0;
    TerminalLineBuilder stdout_{LineKind::Stdout};
    TerminalLineBuilder stderr_{LineKind::Stderr};

    QMutex mutex_;
    QWaitCondition spaceAvailable_;
    TranscriptBatch pending_;
    qint64 pendingBytes_ = 0;
    bool queued_ = false; // something waits for take(): the consumer was woken
    bool closed_ = false;
};

} // namespace sandbox
