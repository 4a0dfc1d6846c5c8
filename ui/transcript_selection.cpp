#include "transcript_selection.h"

#include "transcript_export.h"
#include "transcript_model.h"

namespace sandbox {

std::pair<TranscriptAnchor, TranscriptAnchor>
TranscriptSelection::ordered(const TranscriptModel &model) const {
    TranscriptAnchor start = qMin(*anchor_, cursor_);
    const TranscriptAnchor end = qMax(*anchor_, cursor_);
    if (TranscriptAnchor::isDropped(model, start.key)) {
        const qsizetype firstLine = model.hasDropMarker() ? 1 : 0;
        start = {TranscriptAnchor::keyOfRow(model, firstLine), 0};
    }
    return {start, end};
}

std::optional<std::pair<qsizetype, qsizetype>>
TranscriptSelection::rows(const TranscriptModel &model) const {
    if (isEmpty() || model.lineCount() == 0)
        return std::nullopt;
    const auto [start, end] = ordered(model);
    if (TranscriptAnchor::isDropped(model, end.key))
        return std::nullopt;
    const qsizetype first = TranscriptAnchor::rowOfKey(model, start.key);
    const qsizetype last = TranscriptAnchor::rowOfKey(model, end.key);
    if (first < 0 || last < first)
        return std::nullopt;
    return std::make_pair(first, last);
}

TranscriptSelection::RowRange TranscriptSelection::rangeInRow(const TranscriptModel &model,
                                                              qsizetype row,
                                                              qsizetype textSize) const {
    const auto [start, end] = ordered(model);
    const qint64 key = TranscriptAnchor::keyOfRow(model, row);
    RowRange range;
    range.start = key == start.key ? qMin(start.offset, textSize) : 0;
    range.end = key == end.key ? qMin(end.offset, textSize) : textSize;
    range.toLineEnd = key != end.key && TranscriptAnchor::rowOfKey(model, end.key) != row;
    range.end = qMax(range.start, range.end);
    return range;
}

QList<StyledLine> TranscriptSelection::lines(const TranscriptModel &model) const {
    QList<StyledLine> out;
    const auto span = rows(model);
    if (!span)
        return out;
    out.reserve(span->second - span->first + 1);
    for (qsizetype row = span->first; row <= span->second; ++row) {
        const StyledLine line = model.line(row);
        const RowRange range = rangeInRow(model, row, line.text.size());
        out.append(line.mid(range.start, range.end - range.start));
    }
    return out;
}

QString TranscriptSelection::plainText(const TranscriptModel &model) const {
    QString text;
    const QList<StyledLine> selected = lines(model);
    for (qsizetype i = 0; i < selected.size(); ++i) {
        if (i > 0)
            text += QLatin1Char('\n');
        text += selected[i].text;
    }
    return text;
}

QString TranscriptSelection::html(const TranscriptModel &model) const {
    return TranscriptExport::toHtml(lines(model));
}

} // namespace sandbox
