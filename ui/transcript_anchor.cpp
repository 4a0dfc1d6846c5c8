#include "transcript_anchor.h"

#include "transcript_model.h"

namespace sandbox {

qint64 TranscriptAnchor::keyOfRow(const TranscriptModel &model, qsizetype row) {
    if (model.hasDropMarker() && row == 0)
        return kMarkerKey;
    if (const qint64 line = model.lineNumberAt(row); line >= 0)
        return line;
    const qsizetype firstPartial = model.lineCount() - model.partialLineCount();
    return model.totalLinesAppended() + qMax<qsizetype>(0, row - firstPartial);
}

qsizetype TranscriptAnchor::rowOfKey(const TranscriptModel &model, qint64 key) {
    const qsizetype count = model.lineCount();
    if (count == 0)
        return -1;
    if (key == kMarkerKey)
        return 0;
    const qint64 total = model.totalLinesAppended();
    if (key >= total) {
        const qsizetype firstPartial = count - model.partialLineCount();
        return qMin<qsizetype>(count - 1, firstPartial + qsizetype(key - total));
    }
    if (const qsizetype row = model.rowOfLineNumber(key); row >= 0)
        return row;
    return qMin<qsizetype>(count - 1, model.hasDropMarker() ? 1 : 0); // dropped
}

bool TranscriptAnchor::isDropped(const TranscriptModel &model, qint64 key) {
    return key != kMarkerKey && key < model.droppedLineCount();
}

} // namespace sandbox
