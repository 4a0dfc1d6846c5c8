#pragma once

#include "command_context.h"
#include "output_mask.h"
#include "styled_line.h"
#include "terminal_line_builder.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace sandbox {

class TranscriptSpool;

// What the GUI takes from a TranscriptFeed in one pass: finished lines of both streams in
// arrival order, and each stream's unfinished last line (empty text = none).
struct TranscriptBatch {
    QList<StyledLine> finished;
    StyledLine stdoutPartial;
    StyledLine stderrPartial;
    qint64 bytes = 0; // raw output bytes behind these lines
};

// The off-GUI half of a console's transcript, as a two-stage pipeline so both cores work:
// the thread that receives the chunks (gRPC, TLS) only queues them; the feed's own builder
// thread spools every chunk to disk (raw, nothing lost) and runs one TerminalLineBuilder
// per stream; finished lines wait in a capped queue until the GUI takes them. Both queues
// are capped and block their producer when full, so a flood cannot grow memory and a GUI
// that stops draining stops the stream (back-pressure reaches the agent).
// begin/append/finish: the receiving thread, in that order per command. take: the GUI.
// close/reopen/stop: any thread.
class TranscriptFeed {
public:
    // Bytes plus decoded text waiting for the GUI: room for a few drains' worth of a flood
    // (ConsoleSession drains at most once per 8 ms). 16 MiB let one late drain take a batch
    // that held the GUI thread for 12-20 ms of CPU.
    static constexpr qint64 kDefaultCapacityBytes = 12 * 1024 * 1024;
    // Received bytes waiting for the line builder. While the receiver waits for room here it
    // reads nothing, and with BDP probing off (ExecSession) the agent then soon waits for an
    // HTTP/2 window update: 4 MiB cost a flood 5-10 % of its rate against 16.
    static constexpr qint64 kRawCapacityBytes = 16 * 1024 * 1024;
    // Room for a chunk's finished lines is taken at once, assuming lines this long.
    static constexpr qint64 kTypicalLineBytes = 64;

    explicit TranscriptFeed(std::shared_ptr<TranscriptSpool> spool,
                            qint64 capacityBytes = kDefaultCapacityBytes);
    ~TranscriptFeed(); // stop()

    // Called on the builder thread whenever the line queue goes from empty to non-empty.
    // Set before the first command; it must stay callable until stop().
    void setReadyCallback(std::function<void()> ready);

    void begin(quint64 blockId, const CommandContext &context);
    // Blocks while the raw queue is full, unless closed; output after close() is dropped.
    void append(bool isStderr, QByteArray bytes);
    // Waits until the builder has spooled and built everything queued before it, flushed
    // both builders' unfinished lines and closed the command in the spool.
    void finish(const CommandSummary &summary);

    // Presenter mode: lines built from now on are masked (an empty mask: none). The spool
    // keeps the raw output either way. Any thread.
    void setMask(const OutputMask &mask);

    TranscriptBatch take();
    // take() unless another thread holds the feed's lock right now (false, `batch` unchanged).
    // The producers run at a lower priority and can be preempted while holding it; the GUI
    // tries again shortly instead of waiting for them.
    bool tryTake(TranscriptBatch &batch);
    // Lines the GUI has dropped, handed back so the builder thread frees them: it allocated
    // them, and glibc frees a block under the lock of the arena it came from, which the
    // builder holds while it allocates (and it can be preempted holding it: the GUI then
    // slept until the nicer builder got a CPU again). Never waits: false when another
    // thread holds the feed's lock or the feed stopped (`lines` unchanged, try later).
    bool tryRetire(RetiredLines &lines);
    // Stops queueing and wakes waiting producers (cancel, shutdown).
    void close();
    void reopen();
    // Ends the builder thread (after close()); idempotent.
    void stop();

    std::shared_ptr<TranscriptSpool> spool() const { return spool_; }

    // Lowers the calling thread's CPU priority a little (Linux: kNiceness more nice than it
    // was, at most 19), for the threads that feed the GUI: the builder thread and the
    // session's worker.
    static void yieldToTheGui();
    static constexpr int kNiceness = 5;

private:
    struct RawItem {
        enum class Kind { Begin, Data, Finish } kind = Kind::Data;
        bool isStderr = false;
        QByteArray data;
        quint64 blockId = 0;
        CommandContext context;
        CommandSummary summary;
    };

    void push(RawItem &&item, bool waitForRoom);
    void run(); // the builder thread
    void process(RawItem &item);
    void enqueue(QList<StyledLine> &&lines, qint64 bytes, bool wait);
    TranscriptBatch takeLocked();
    bool freeRetired(std::unique_lock<std::mutex> &lock);

    std::shared_ptr<TranscriptSpool> spool_;
    const qint64 capacity_;
    std::function<void()> ready_;

    // Builder-thread state.
    quint64 blockId_ = 0;
    TerminalLineBuilder stdout_{LineKind::Stdout};
    TerminalLineBuilder stderr_{LineKind::Stderr};

    // std:: rather than QMutex/QWaitCondition: ThreadSanitizer sees these (Qt 6.4's wait
    // unlocks and relocks inside uninstrumented QtCore, which TSan takes for races).
    std::mutex mutex_;                   // guards everything below
    std::condition_variable rawChanged_; // items arrived, room freed, a finish, stop
    std::condition_variable linesTaken_; // the GUI took lines, close, stop
    std::deque<RawItem> raw_;
    qint64 rawBytes_ = 0;
    quint64 finishesQueued_ = 0;
    quint64 finishesDone_ = 0;
    OutputMask mask_;
    TranscriptBatch pending_;
    RetiredLines retired_; // for the builder thread to free
    qint64 pendingBytes_ = 0;
    bool queued_ = false; // lines wait for take(): the consumer was woken
    bool closed_ = false;
    bool stopping_ = false;
    std::thread thread_; // last: starts after everything above exists
};

} // namespace sandbox
