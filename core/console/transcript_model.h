#pragma once

#include "command_context.h"
#include "output_mask.h"
#include "styled_line.h"
#include "transcript_export.h"
#include "transcript_find.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <utility>
#include <vector>

namespace sandbox {

// The console's transcript on the GUI thread: a bounded ring of StyledLines grouped into
// command blocks (header lines, output, end banner). QtCore only; the view paints rows.
//
// Rows, top to bottom:
//   [drop marker]   row 0 while droppedLineCount() > 0 (kind DropMarker)
//   ring lines      finished lines, oldest first
//   [partial lines] the unfinished last line of stdout, then of stderr, of the running
//                   command (progress bars); replaced as they change
// Capacity counts ring lines only. When the ring is full the oldest lines are dropped;
// their bytes remain in the spool files (TranscriptSpool) under spoolDirectory().
//
// Line numbers are absolute and stable (0 = first line ever appended since clear()); rows
// shift when lines drop. Views anchor selections on line numbers.
class TranscriptModel : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype kDefaultCapacity = 100'000;

    explicit TranscriptModel(QObject *parent = nullptr);
    ~TranscriptModel() override;

    qsizetype capacity() const;
    // At least 1; drops the oldest lines at once when the ring holds more.
    void setCapacity(qsizetype lines);
    // Receives the lines the ring drops instead of destroying them here: ConsoleSession
    // hands them back to the thread that built them (freeing them on the GUI thread made
    // it wait for that thread's malloc arena), often in the very list that brought their
    // successors, so the list may also hold moved-out (empty) lines. Unset: they are
    // destroyed at once.
    using LineDisposer = std::function<void(QList<StyledLine> &&)>;
    void setLineDisposer(LineDisposer disposer);
    // Named by the drop marker (where the full output is).
    void setSpoolDirectory(const QString &path);
    QString spoolDirectory() const;

    // --- building (GUI thread; fed by ConsoleSession's queued signals) ---
    // Appends the header lines and returns the new block's id (never 0). A caller that
    // numbers commands itself (ConsoleSession, so its builders and spool use the same id)
    // passes that id; 0 lets the model pick one.
    quint64 beginCommand(const CommandContext &context, quint64 blockId = 0);
    // Finished lines (both streams, arrival order) go to the ring; the partial lines
    // (empty text = none) replace the block's current partial lines.
    void appendOutput(quint64 blockId, QList<StyledLine> finished,
                      const StyledLine &stdoutPartial = {}, const StyledLine &stderrPartial = {});
    // Remaining partial lines become finished lines, then the end banner is appended.
    void endCommand(quint64 blockId, const CommandSummary &summary);
    // A Notice line (refusals, "spool cap reached ..."); blockId 0 = outside any block.
    void appendNotice(const QString &text, quint64 blockId = 0);
    // Presenter mode turned on: masks the output lines already shown (not the headers,
    // banners or notices, which hold no env values).
    void maskOutput(const OutputMask &mask);
    // Empties the ring and forgets the blocks (a running block keeps its id and gets no
    // header again). Emits modelReset.
    void clear();

    // --- rows ---
    qsizetype lineCount() const; // marker + ring + partial lines
    StyledLine line(qsizetype row) const;
    bool hasDropMarker() const { return droppedLineCount() > 0; }
    qint64 droppedLineCount() const;   // lines that left the ring since clear()
    qint64 totalLinesAppended() const; // finished lines ever appended since clear()
    // Absolute line number of a row; -1 for the marker and partial rows.
    qint64 lineNumberAt(qsizetype row) const;
    // Row of an absolute line number; -1 when dropped or unknown.
    qsizetype rowOfLineNumber(qint64 lineNumber) const;
    qsizetype partialLineCount() const;

    // --- blocks ---
    // Rows of the first header line of every block still in the ring (Ctrl+Up/Down).
    QList<qsizetype> headerRows() const;
    // The nearest header row strictly before / after `row`; -1 when there is none.
    qsizetype previousHeaderRow(qsizetype row) const;
    qsizetype nextHeaderRow(qsizetype row) const;
    quint64 blockIdAt(qsizetype row) const; // 0 for the marker and lines outside blocks
    // [first, last] rows of a block's lines still in the ring; {-1, -1} when none.
    std::pair<qsizetype, qsizetype> blockRows(quint64 blockId) const;
    bool isRunning(quint64 blockId) const;

    // --- find and export ---
    // Every match over the ring and the partial lines (not the marker).
    FindResult find(const QString &pattern, const FindOptions &options = {}) const;
    // Rows [firstRow, firstRow + count) as text; the marker row exports as its text.
    QString exportRows(qsizetype firstRow, qsizetype count, TranscriptExport::Format format) const;
    QString exportBlock(quint64 blockId, TranscriptExport::Format format) const;
    QString exportAll(TranscriptExport::Format format) const;

Q_SIGNALS:
    // `count` finished lines were inserted at `firstRow` (the old end of the ring);
    // partial rows, if any, moved down behind them.
    void linesAppended(qsizetype firstRow, qsizetype count);
    // The partial rows (the last partialLineCount() rows) changed, or their number did.
    void partialLinesChanged();
    // The oldest lines left the ring: every remaining row moved up by `rows` and row 0
    // (the drop marker) changed its text. On the first drop the marker row appears, so
    // `rows` is one less than the lines dropped. Emitted before the linesAppended that
    // caused it. (When a single batch overflows an empty ring, modelReset instead.)
    void linesDropped(qsizetype rows);
    void modelReset();
    void commandEnded(quint64 blockId);

private:
    struct Private;
    Private *d_;
};

} // namespace sandbox
