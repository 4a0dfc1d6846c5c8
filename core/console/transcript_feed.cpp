#include "transcript_feed.h"

#include "transcript_spool.h"

#include <QMutexLocker>

namespace sandbox {

TranscriptFeed::TranscriptFeed(std::shared_ptr<TranscriptSpool> spool, qint64 capacityBytes)
    : spool_(std::move(spool))
    , capacity_(capacityBytes) {}

TranscriptFeed::~TranscriptFeed() = default;

void TranscriptFeed::begin(quint64 blockId, const CommandContext &context) {
    blockId_ = blockId;
    stdout_.reset(blockId);
    stderr_.reset(blockId);
    if (spool_)
        spool_->beginCommand(blockId, context);
}

bool TranscriptFeed::append(bool isStderr, QByteArrayView bytes) {
    if (spool_)
        spool_->append(blockId_, isStderr, bytes);
    QList<StyledLine> lines;
    TerminalLineBuilder &builder = isStderr ? stderr_ : stdout_;
    builder.feed(bytes, lines);
    return enqueue(std::move(lines), bytes.size(), true);
}

bool TranscriptFeed::finish(const CommandSummary &summary) {
    QList<StyledLine> lines;
    stdout_.finish(lines);
    stderr_.finish(lines);
    if (spool_)
        spool_->endCommand(blockId_, summary);
    // Never waits: the GUI drains once more after the end, whatever the queue holds.
    return enqueue(std::move(lines), 0, false);
}

bool TranscriptFeed::enqueue(QList<StyledLine> &&lines, qint64 bytes, bool wait) {
    qint64 weight = bytes;
    for (const StyledLine &line : lines)
        weight += line.text.size() * 2;
    QMutexLocker lock(&mutex_);
    while (wait && !closed_ && pendingBytes_ > 0 && pendingBytes_ + weight > capacity_)
        spaceAvailable_.wait(&mutex_);
    if (closed_)
        return false;
    pending_.finished.append(std::move(lines));
    pending_.bytes += bytes;
    pending_.stdoutPartial = stdout_.partialLine();
    pending_.stderrPartial = stderr_.partialLine();
    pendingBytes_ += weight;
    const bool wake = !queued_;
    queued_ = true;
    return wake;
}

TranscriptBatch TranscriptFeed::take() {
    QMutexLocker lock(&mutex_);
    TranscriptBatch batch = std::move(pending_);
    pending_ = {};
    // The partial lines stay current until the builders change them.
    pending_.stdoutPartial = batch.stdoutPartial;
    pending_.stderrPartial = batch.stderrPartial;
    pendingBytes_ = 0;
    queued_ = false;
    spaceAvailable_.wakeAll();
    return batch;
}

void TranscriptFeed::close() {
    QMutexLocker lock(&mutex_);
    closed_ = true;
    spaceAvailable_.wakeAll();
}

void TranscriptFeed::reopen() {
    QMutexLocker lock(&mutex_);
    closed_ = false;
}

} // namespace sandbox
