#include "transcript_caret.h"

#include "transcript_model.h"
#include "transcript_painter.h"

namespace sandbox {

namespace {

bool isWordChar(QChar c) {
    return c.isLetterOrNumber() || c.isMark() || c.isSurrogate() ||
           QStringView(u"-#%&+,./:=?@_~").contains(c);
}

} // namespace

TranscriptAnchor TranscriptCaret::endOfRow(const TranscriptModel &model, qsizetype row) {
    return {TranscriptAnchor::keyOfRow(model, row), model.line(row).text.size()};
}

std::optional<TranscriptAnchor> TranscriptCaret::moved(const TranscriptModel &model,
                                                       TranscriptPainter &painter,
                                                       const TranscriptAnchor &from, int key,
                                                       bool control, int pageRows) {
    const qsizetype count = model.lineCount();
    if (count == 0)
        return std::nullopt;
    const qsizetype row = qMax<qsizetype>(0, TranscriptAnchor::rowOfKey(model, from.key));
    const StyledLine line = model.line(row);
    const qsizetype offset = qBound(qsizetype(0), from.offset, line.text.size());
    auto inRow = [&](qsizetype r, qsizetype o) {
        return TranscriptAnchor{TranscriptAnchor::keyOfRow(model, r), o};
    };
    auto sameColumn = [&](qsizetype target) {
        target = qBound(qsizetype(0), target, count - 1);
        const int column = painter.layout(from.key, line).columnOfOffset(offset);
        const StyledLine other = model.line(target);
        const qint64 otherKey = TranscriptAnchor::keyOfRow(model, target);
        return inRow(target, painter.layout(otherKey, other).offsetNearColumn(column));
    };
    switch (key) {
    case Qt::Key_Left:
        if (offset > 0) {
            const bool pair = offset > 1 && line.text[offset - 1].isLowSurrogate() &&
                              line.text[offset - 2].isHighSurrogate();
            return inRow(row, offset - (pair ? 2 : 1));
        }
        return row > 0 ? endOfRow(model, row - 1) : inRow(row, 0);
    case Qt::Key_Right:
        if (offset < line.text.size()) {
            const bool pair = line.text[offset].isHighSurrogate() &&
                              offset + 1 < line.text.size() &&
                              line.text[offset + 1].isLowSurrogate();
            return inRow(row, offset + (pair ? 2 : 1));
        }
        return row + 1 < count ? inRow(row + 1, 0) : inRow(row, offset);
    case Qt::Key_Up:
        return sameColumn(row - 1);
    case Qt::Key_Down:
        return sameColumn(row + 1);
    case Qt::Key_PageUp:
        return sameColumn(row - qMax(1, pageRows));
    case Qt::Key_PageDown:
        return sameColumn(row + qMax(1, pageRows));
    case Qt::Key_Home:
        return control ? inRow(0, 0) : inRow(row, 0);
    case Qt::Key_End:
        return control ? endOfRow(model, count - 1) : endOfRow(model, row);
    default:
        return std::nullopt;
    }
}

std::pair<qsizetype, qsizetype> TranscriptCaret::wordAt(QStringView text, qsizetype offset) {
    offset = qBound(qsizetype(0), offset, text.size());
    if (offset == text.size() && offset > 0 && isWordChar(text[offset - 1]))
        --offset; // a click right of the last character still takes the word
    if (offset >= text.size() || !isWordChar(text[offset]))
        return {offset, offset};
    qsizetype start = offset;
    while (start > 0 && isWordChar(text[start - 1]))
        --start;
    qsizetype end = offset;
    while (end < text.size() && isWordChar(text[end]))
        ++end;
    return {start, end};
}

} // namespace sandbox
