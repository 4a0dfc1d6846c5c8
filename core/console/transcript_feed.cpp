#include "transcript_feed.h"

#include "transcript_spool.h"

#ifdef Q_OS_LINUX
#include <cerrno>
#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace sandbox {

TranscriptFeed::TranscriptFeed(std::shared_ptr<TranscriptSpool> spool, qint64 capacityBytes)
    : spool_(std::move(spool))
    , capacity_(capacityBytes)
    , thread_([this] { run(); }) {}

TranscriptFeed::~TranscriptFeed() {
    stop();
}

void TranscriptFeed::setReadyCallback(std::function<void()> ready) {
    std::unique_lock lock(mutex_);
    ready_ = std::move(ready);
}

void TranscriptFeed::setMask(const OutputMask &mask) {
    std::unique_lock lock(mutex_);
    mask_ = mask;
}

void TranscriptFeed::stop() {
    {
        std::unique_lock lock(mutex_);
        if (stopping_)
            return;
        stopping_ = true;
        rawChanged_.notify_all();
        linesTaken_.notify_all();
    }
    if (thread_.joinable())
        thread_.join();
}

void TranscriptFeed::begin(quint64 blockId, const CommandContext &context) {
    RawItem item;
    item.kind = RawItem::Kind::Begin;
    item.blockId = blockId;
    item.context = context;
    push(std::move(item), false);
}

void TranscriptFeed::append(bool isStderr, QByteArray bytes) {
    RawItem item;
    item.isStderr = isStderr;
    item.data = std::move(bytes);
    push(std::move(item), true);
}

void TranscriptFeed::finish(const CommandSummary &summary) {
    RawItem item;
    item.kind = RawItem::Kind::Finish;
    item.summary = summary;
    std::unique_lock lock(mutex_);
    if (stopping_)
        return;
    const quint64 mine = ++finishesQueued_;
    raw_.push_back(std::move(item));
    rawChanged_.notify_all();
    while (finishesDone_ < mine && !stopping_)
        rawChanged_.wait(lock);
}

void TranscriptFeed::push(RawItem &&item, bool waitForRoom) {
    std::unique_lock lock(mutex_);
    if (item.kind == RawItem::Kind::Data) {
        const qint64 size = item.data.size();
        while (waitForRoom && !closed_ && !stopping_ && rawBytes_ > 0 &&
               rawBytes_ + size > kRawCapacityBytes)
            rawChanged_.wait(lock);
        if (closed_ || stopping_)
            return;
        rawBytes_ += size;
    }
    raw_.push_back(std::move(item));
    rawChanged_.notify_all();
}

void TranscriptFeed::yieldToTheGui() {
#ifdef Q_OS_LINUX
    // Under a flood every core is busy; a slightly nicer builder thread lets the GUI thread
    // (drain, paint) run when it is ready, which keeps the window responsive. Relative to
    // the thread's own nice, so a console started under `nice` never raises a thread's
    // priority (as root, an absolute value could).
    const auto tid = static_cast<id_t>(gettid());
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, tid);
    if (errno == 0)
        setpriority(PRIO_PROCESS, tid, qMin(current + kNiceness, 19));
#endif
}

void TranscriptFeed::run() {
#ifdef Q_OS_LINUX
    pthread_setname_np(pthread_self(), "transcript-feed");
#endif
    yieldToTheGui();
    std::unique_lock lock(mutex_);
    for (;;) {
        while (raw_.empty() && retired_.empty() && !stopping_)
            rawChanged_.wait(lock);
        if (stopping_)
            return;
        if (freeRetired(lock))
            continue;
        RawItem item = std::move(raw_.front());
        raw_.pop_front();
        if (item.kind == RawItem::Kind::Data)
            rawBytes_ -= item.data.size();
        rawChanged_.notify_all(); // room for the receiver
        lock.unlock();
        process(item);
        lock.lock();
        if (item.kind == RawItem::Kind::Finish) {
            ++finishesDone_;
            rawChanged_.notify_all();
        }
    }
}

// The builder thread, without the lock.
void TranscriptFeed::process(RawItem &item) {
    QList<StyledLine> lines;
    switch (item.kind) {
    case RawItem::Kind::Begin:
        blockId_ = item.blockId;
        stdout_.reset(item.blockId);
        stderr_.reset(item.blockId);
        if (spool_)
            spool_->beginCommand(item.blockId, item.context);
        return;
    case RawItem::Kind::Data:
        lines.reserve(item.data.size() / kTypicalLineBytes + 1);
        if (spool_)
            spool_->append(blockId_, item.isStderr, item.data);
        (item.isStderr ? stderr_ : stdout_).feed(item.data, lines);
        enqueue(std::move(lines), item.data.size(), true);
        return;
    case RawItem::Kind::Finish:
        stdout_.finish(lines);
        stderr_.finish(lines);
        if (spool_)
            spool_->endCommand(blockId_, item.summary);
        // Never waits: the GUI drains once more after the end, whatever the queue holds.
        enqueue(std::move(lines), 0, false);
        return;
    }
}

void TranscriptFeed::enqueue(QList<StyledLine> &&lines, qint64 bytes, bool wait) {
    qint64 weight = bytes;
    for (const StyledLine &line : lines)
        weight += line.text.size() * 2;
    // Copied before taking the lock, which the GUI's take() waits for.
    StyledLine stdoutPartial = stdout_.partialLine();
    StyledLine stderrPartial = stderr_.partialLine();
    std::function<void()> ready;
    {
        std::unique_lock lock(mutex_);
        // Waiting for the GUI to take lines is when the lines it dropped come back: freed
        // at once, so they do not pile up (and cost the builder no time it could build in).
        while (wait && !closed_ && !stopping_ && pendingBytes_ > 0 &&
               pendingBytes_ + weight > capacity_) {
            if (!freeRetired(lock))
                linesTaken_.wait(lock);
        }
        if (closed_ || stopping_)
            return;
        pending_.stdoutPartial = std::move(stdoutPartial);
        pending_.stderrPartial = std::move(stderrPartial);
        if (!mask_.isEmpty()) { // presenter mode: only what is shown, never the spool
            for (StyledLine &line : lines)
                mask_.apply(line);
            mask_.applyToPartial(pending_.stdoutPartial);
            mask_.applyToPartial(pending_.stderrPartial);
        }
        if (pending_.finished.isEmpty())
            pending_.finished = std::move(lines); // takes the buffer, no per-line moves
        else
            pending_.finished.append(std::move(lines));
        pending_.bytes += bytes;
        pendingBytes_ += weight;
        if (!queued_) {
            queued_ = true;
            ready = ready_;
        }
    }
    if (ready)
        ready();
}

TranscriptBatch TranscriptFeed::take() {
    std::unique_lock lock(mutex_);
    return takeLocked();
}

bool TranscriptFeed::tryTake(TranscriptBatch &batch) {
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock())
        return false;
    batch = takeLocked();
    return true;
}

TranscriptBatch TranscriptFeed::takeLocked() {
    TranscriptBatch batch = std::move(pending_);
    pending_ = {};
    // The partial lines stay current until the builders change them.
    pending_.stdoutPartial = batch.stdoutPartial;
    pending_.stderrPartial = batch.stderrPartial;
    pendingBytes_ = 0;
    queued_ = false;
    linesTaken_.notify_all();
    return batch;
}

// With the lock held; frees what the GUI retired without it. False when there was nothing.
bool TranscriptFeed::freeRetired(std::unique_lock<std::mutex> &lock) {
    if (retired_.empty())
        return false;
    RetiredLines retired = std::move(retired_);
    retired_.clear();
    lock.unlock();
    retired.clear();
    lock.lock();
    return true;
}

bool TranscriptFeed::tryRetire(RetiredLines &lines) {
    if (lines.empty())
        return true;
    std::unique_lock lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock() || stopping_)
        return false;
    appendRetired(retired_, lines);
    rawChanged_.notify_all(); // an idle builder
    linesTaken_.notify_all(); // a builder waiting for room
    return true;
}

void TranscriptFeed::close() {
    std::unique_lock lock(mutex_);
    closed_ = true;
    rawChanged_.notify_all();
    linesTaken_.notify_all();
}

void TranscriptFeed::reopen() {
    std::unique_lock lock(mutex_);
    closed_ = false;
}

} // namespace sandbox
