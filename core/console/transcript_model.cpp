#include "transcript_model.h"

#include "line_ring.h"
#include "transcript_text.h"

#include <QRegularExpression>

namespace sandbox {

namespace {

struct Block {
    quint64 id = 0;
    qint64 headerLine = -1; // absolute line number of its first header line; -1 = gone
    qint64 lastLine = -1;   // absolute line number of its last finished line
    bool running = false;
};

} // namespace

struct TranscriptModel::Private {
    explicit Private(TranscriptModel *model)
        : q(model) {
        ring.setLimit(capacity);
    }

    TranscriptModel *q;
    LineRing ring;
    qint64 dropped = 0; // absolute line number of ring.front()
    qsizetype capacity = kDefaultCapacity;
    QString spoolDirectory;
    QList<Block> blocks; // oldest first
    quint64 nextBlockId = 1;
    StyledLine stdoutPartial; // empty text = none
    StyledLine stderrPartial;
    LineDisposer disposer;

    // Drops the ring's first `count` lines.
    void dropFront(qsizetype count) {
        if (!disposer) {
            ring.takeFront(count, nullptr);
            return;
        }
        QList<StyledLine> gone;
        ring.takeFront(count, &gone);
        disposer(std::move(gone));
    }

    qsizetype markerRows() const { return dropped > 0 ? 1 : 0; }
    qsizetype partialCount() const {
        return (stdoutPartial.isEmpty() ? 0 : 1) + (stderrPartial.isEmpty() ? 0 : 1);
    }
    Block *block(quint64 id) {
        for (Block &b : blocks) {
            if (b.id == id)
                return &b;
        }
        return nullptr;
    }
    const Block *block(quint64 id) const { return const_cast<Private *>(this)->block(id); }

    // Drops what does not fit, then appends; emits linesDropped and linesAppended. A
    // non-zero `blockId` is given to every line first.
    void append(QList<StyledLine> lines, quint64 blockId = 0) {
        if (lines.isEmpty())
            return;
        const bool hadMarker = dropped > 0;
        const qsizetype before = ring.size();
        const qsizetype excess = before + lines.size() - capacity;
        const qsizetype fromRing = qBound<qsizetype>(0, excess, before);
        if (excess > before) { // the batch alone overflows the ring (a tiny capacity)
            dropFront(before);
            lines.remove(0, excess - before);
        }
        if (excess > 0)
            dropped += excess;
        const qsizetype firstRow = markerRows() + before - fromRing;
        const qint64 firstNumber = dropped + before - fromRing; // of the first line appended
        // In a flood the ring is full: each line takes the oldest one's slot, and the batch's
        // list carries the dropped lines to the disposer (no line is moved twice).
        StyledLine *line = lines.data();
        Block *owner = nullptr;
        for (qsizetype i = 0; i < lines.size(); ++i) {
            if (blockId != 0)
                line[i].blockId = blockId;
            if (!owner || owner->id != line[i].blockId)
                owner = block(line[i].blockId);
            if (owner)
                owner->lastLine = firstNumber + i;
            if (ring.isFull())
                ring.replaceOldest(line[i]);
            else
                ring.pushBack(std::move(line[i]));
        }
        const qsizetype appended = lines.size();
        if (excess > 0) {
            pruneBlocks();
            if (disposer && excess <= before)
                disposer(std::move(lines)); // the dropped lines, among moved-out ones
            if (!hadMarker && fromRing == 0) {
                // Nothing old was left to shift: the marker row simply appeared.
                Q_EMIT q->modelReset();
                return;
            }
            Q_EMIT q->linesDropped(hadMarker ? fromRing : fromRing - 1);
        }
        Q_EMIT q->linesAppended(firstRow, appended);
    }

    void pruneBlocks() {
        while (!blocks.isEmpty() && !blocks.first().running && blocks.first().lastLine < dropped)
            blocks.removeFirst();
    }

    // The partial lines become finished lines (end of command, next command).
    QList<StyledLine> takePartials() {
        QList<StyledLine> lines;
        if (!stdoutPartial.isEmpty())
            lines.append(std::exchange(stdoutPartial, {}));
        if (!stderrPartial.isEmpty())
            lines.append(std::exchange(stderrPartial, {}));
        return lines;
    }
};

TranscriptModel::TranscriptModel(QObject *parent)
    : QObject(parent)
    , d_(new Private(this)) {
    registerTranscriptMetaTypes();
}

TranscriptModel::~TranscriptModel() {
    delete d_;
}

qsizetype TranscriptModel::capacity() const {
    return d_->capacity;
}

void TranscriptModel::setCapacity(qsizetype lines) {
    d_->capacity = qMax<qsizetype>(1, lines);
    const qsizetype excess = qsizetype(d_->ring.size()) - d_->capacity;
    if (excess > 0)
        d_->dropFront(excess);
    d_->ring.setLimit(d_->capacity);
    if (excess <= 0)
        return;
    const bool hadMarker = d_->dropped > 0;
    d_->dropped += excess;
    d_->pruneBlocks();
    Q_EMIT linesDropped(hadMarker ? excess : excess - 1);
}

void TranscriptModel::setLineDisposer(LineDisposer disposer) {
    d_->disposer = std::move(disposer);
}

void TranscriptModel::setSpoolDirectory(const QString &path) {
    d_->spoolDirectory = path;
}
QString TranscriptModel::spoolDirectory() const {
    return d_->spoolDirectory;
}

quint64 TranscriptModel::beginCommand(const CommandContext &context, quint64 blockId) {
    QList<StyledLine> lines = d_->takePartials(); // a previous command's last words
    if (!lines.isEmpty())
        Q_EMIT partialLinesChanged();
    const quint64 id = blockId != 0 ? blockId : d_->nextBlockId;
    d_->nextBlockId = qMax(d_->nextBlockId, id + 1);
    const qint64 headerLine = d_->dropped + qint64(d_->ring.size()) + lines.size();
    d_->blocks.append({id, headerLine, headerLine, true});
    lines.append(TranscriptText::headerLines(context, id));
    d_->append(std::move(lines));
    return id;
}

void TranscriptModel::appendOutput(quint64 blockId, QList<StyledLine> finished,
                                   const StyledLine &stdoutPartial,
                                   const StyledLine &stderrPartial) {
    if (!finished.isEmpty()) {
        // Moved in by ConsoleSession: not shared, so the ring takes the lines without copies.
        d_->append(std::move(finished), blockId);
    }
    StyledLine out = stdoutPartial;
    out.blockId = blockId;
    StyledLine err = stderrPartial;
    err.blockId = blockId;
    if (err.kind == LineKind::Stdout) // a default-constructed partial: mark its stream
        err.kind = LineKind::Stderr;
    if (out == d_->stdoutPartial && err == d_->stderrPartial)
        return;
    d_->stdoutPartial = std::move(out);
    d_->stderrPartial = std::move(err);
    Q_EMIT partialLinesChanged();
}

void TranscriptModel::endCommand(quint64 blockId, const CommandSummary &summary) {
    QList<StyledLine> lines = d_->takePartials();
    if (!lines.isEmpty())
        Q_EMIT partialLinesChanged();
    lines.append(TranscriptText::bannerLine(summary, blockId));
    d_->append(std::move(lines));
    if (Block *b = d_->block(blockId))
        b->running = false;
    d_->pruneBlocks();
    Q_EMIT commandEnded(blockId);
}

void TranscriptModel::appendNotice(const QString &text, quint64 blockId) {
    d_->append({StyledLine(text, LineKind::Notice, blockId)});
}

void TranscriptModel::maskOutput(const OutputMask &mask) {
    if (mask.isEmpty())
        return;
    for (qsizetype i = 0; i < d_->ring.size(); ++i) {
        StyledLine &line = d_->ring[i];
        if (line.kind == LineKind::Stdout || line.kind == LineKind::Stderr)
            mask.apply(line);
    }
    mask.applyToPartial(d_->stdoutPartial);
    mask.applyToPartial(d_->stderrPartial);
    Q_EMIT modelReset();
}

void TranscriptModel::clear() {
    d_->ring.clear();
    d_->dropped = 0;
    QList<Block> running;
    for (const Block &b : std::as_const(d_->blocks)) {
        if (b.running)
            running.append({b.id, -1, -1, true});
    }
    d_->blocks = running;
    Q_EMIT modelReset();
}

qsizetype TranscriptModel::lineCount() const {
    return d_->markerRows() + qsizetype(d_->ring.size()) + d_->partialCount();
}

StyledLine TranscriptModel::line(qsizetype row) const {
    if (row < 0 || row >= lineCount())
        return {};
    if (row < d_->markerRows())
        return StyledLine(TranscriptText::dropMarker(d_->dropped, d_->spoolDirectory),
                          LineKind::DropMarker);
    const qsizetype index = row - d_->markerRows();
    if (index < qsizetype(d_->ring.size()))
        return d_->ring[index];
    const qsizetype partial = index - qsizetype(d_->ring.size());
    if (partial == 0 && !d_->stdoutPartial.isEmpty())
        return d_->stdoutPartial;
    return d_->stderrPartial;
}

qint64 TranscriptModel::droppedLineCount() const {
    return d_->dropped;
}
qint64 TranscriptModel::totalLinesAppended() const {
    return d_->dropped + qint64(d_->ring.size());
}
qsizetype TranscriptModel::partialLineCount() const {
    return d_->partialCount();
}

qint64 TranscriptModel::lineNumberAt(qsizetype row) const {
    const qsizetype index = row - d_->markerRows();
    if (index < 0 || index >= qsizetype(d_->ring.size()))
        return -1;
    return d_->dropped + index;
}

qsizetype TranscriptModel::rowOfLineNumber(qint64 lineNumber) const {
    if (lineNumber < d_->dropped || lineNumber >= totalLinesAppended())
        return -1;
    return qsizetype(lineNumber - d_->dropped) + d_->markerRows();
}

QList<qsizetype> TranscriptModel::headerRows() const {
    QList<qsizetype> rows;
    for (const Block &b : std::as_const(d_->blocks)) {
        if (const qsizetype row = rowOfLineNumber(b.headerLine); row >= 0)
            rows.append(row);
    }
    return rows;
}

qsizetype TranscriptModel::previousHeaderRow(qsizetype row) const {
    const QList<qsizetype> rows = headerRows();
    for (auto it = rows.crbegin(); it != rows.crend(); ++it) {
        if (*it < row)
            return *it;
    }
    return -1;
}

qsizetype TranscriptModel::nextHeaderRow(qsizetype row) const {
    for (const qsizetype header : headerRows()) {
        if (header > row)
            return header;
    }
    return -1;
}

quint64 TranscriptModel::blockIdAt(qsizetype row) const {
    if (row < d_->markerRows() || row >= lineCount())
        return 0;
    return line(row).blockId;
}

std::pair<qsizetype, qsizetype> TranscriptModel::blockRows(quint64 blockId) const {
    const Block *b = d_->block(blockId);
    if (!b || b->lastLine < d_->dropped)
        return {-1, -1};
    const qsizetype first = rowOfLineNumber(qMax(b->headerLine, d_->dropped));
    qsizetype last = rowOfLineNumber(b->lastLine);
    for (qsizetype row = lineCount() - d_->partialCount(); row < lineCount(); ++row) {
        if (line(row).blockId == blockId)
            last = row;
    }
    if (first < 0)
        return {-1, -1};
    return {first, qMax(first, last)};
}

bool TranscriptModel::isRunning(quint64 blockId) const {
    const Block *b = d_->block(blockId);
    return b && b->running;
}

FindResult TranscriptModel::find(const QString &pattern, const FindOptions &options) const {
    FindResult result;
    result.olderOutputInSpool = d_->dropped > 0;
    if (pattern.isEmpty())
        return result;
    const Qt::CaseSensitivity cs = options.caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive;
    QRegularExpression regex;
    if (options.regularExpression) {
        regex.setPattern(pattern);
        regex.setPatternOptions(options.caseSensitive ? QRegularExpression::NoPatternOption
                                                      : QRegularExpression::CaseInsensitiveOption);
        if (!regex.isValid()) {
            result.error = regex.errorString();
            return result;
        }
        regex.optimize();
    }
    const qsizetype count = lineCount();
    for (qsizetype row = d_->markerRows(); row < count; ++row) {
        const StyledLine l = line(row);
        if (options.regularExpression) {
            for (auto it = regex.globalMatch(l.text); it.hasNext();) {
                const QRegularExpressionMatch m = it.next();
                if (m.capturedLength() > 0)
                    result.matches.append({row, m.capturedStart(), m.capturedLength()});
            }
            continue;
        }
        for (qsizetype at = l.text.indexOf(pattern, 0, cs); at >= 0;
             at = l.text.indexOf(pattern, at + pattern.size(), cs))
            result.matches.append({row, at, pattern.size()});
    }
    return result;
}

QString TranscriptModel::exportRows(qsizetype firstRow, qsizetype count,
                                    TranscriptExport::Format format) const {
    firstRow = qBound(qsizetype(0), firstRow, lineCount());
    count = qBound(qsizetype(0), count, lineCount() - firstRow);
    QList<StyledLine> lines;
    lines.reserve(count);
    for (qsizetype row = firstRow; row < firstRow + count; ++row)
        lines.append(line(row));
    return format == TranscriptExport::Format::Html ? TranscriptExport::toHtml(lines)
                                                    : TranscriptExport::toPlainText(lines);
}

QString TranscriptModel::exportBlock(quint64 blockId, TranscriptExport::Format format) const {
    const auto [first, last] = blockRows(blockId);
    if (first < 0)
        return exportRows(0, 0, format);
    return exportRows(first, last - first + 1, format);
}

QString TranscriptModel::exportAll(TranscriptExport::Format format) const {
    return exportRows(0, lineCount(), format);
}

} // namespace sandbox
