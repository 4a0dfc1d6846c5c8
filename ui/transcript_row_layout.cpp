#include "transcript_row_layout.h"

#include "cell_width.h"

#include <QFontMetricsF>
#include <QRawFont>

#include <cmath>

namespace sandbox {

namespace {

bool isPrintableAscii(QStringView text) {
    for (const QChar c : text) {
        if (c.unicode() < 0x20 || c.unicode() >= 0x7f)
            return false;
    }
    return true;
}

// Walks the sorted, non-overlapping runs forward as the offset grows.
class StyleCursor {
public:
    explicit StyleCursor(const QList<StyleRun> &runs)
        : runs_(runs) {}
    TextStyle at(qsizetype offset) {
        while (index_ < runs_.size() && runs_[index_].end() <= offset)
            ++index_;
        if (index_ < runs_.size() && runs_[index_].start <= offset)
            return runs_[index_].style;
        return {};
    }
    // Where the style at `offset` may change next.
    qsizetype nextBoundary(qsizetype offset, qsizetype size) {
        at(offset);
        if (index_ >= runs_.size())
            return size;
        const StyleRun &run = runs_[index_];
        return qMin(size, run.start > offset ? run.start : run.end());
    }

private:
    const QList<StyleRun> &runs_;
    qsizetype index_ = 0;
};

} // namespace

TranscriptRowLayout::TranscriptRowLayout(const StyledLine &line, const QFontMetricsF &metrics)
    : line_(line) {
    const QString &text = line_.text;
    const qsizetype size = text.size();
    StyleCursor styles(line_.runs);
    if (isPrintableAscii(text)) { // the common case: one piece per style stretch
        for (qsizetype at = 0; at < size;) {
            const qsizetype end = styles.nextBoundary(at, size);
            pieces_.append({int(at),
                            int(end - at),
                            at,
                            end - at,
                            styles.at(at),
                            text.mid(at, end - at),
                            true,
                            {},
                            {}});
            at = end;
        }
        cells_ = int(size);
        return;
    }

    columnAt_.resize(size);
    Piece piece;
    bool open = false;
    bool openIsGrid = false; // the open piece may take more characters
    auto flush = [&] {
        if (open) {
            piece.text = text.mid(piece.start, piece.length);
            pieces_.append(piece);
        }
        open = false;
    };
    int column = 0;
    int lastStart = 0; // column of the last character that takes cells
    for (qsizetype i = 0; i < size;) {
        char32_t ucs = text[i].unicode();
        qsizetype units = 1;
        if (QChar::isHighSurrogate(ucs) && i + 1 < size && text[i + 1].isLowSurrogate()) {
            ucs = QChar::surrogateToUcs4(text[i].unicode(), text[i + 1].unicode());
            units = 2;
        }
        const int width = CellWidth::of(ucs);
        const TextStyle style = styles.at(i);
        if (width == 0 && open) { // a combining mark rides on the character before it
            piece.length += units;
        } else {
            const bool onGrid = width == 1 && (ucs < 0x7f || metrics.inFontUcs4(uint(ucs)));
            if (!(open && openIsGrid && onGrid && piece.style == style)) {
                flush();
                piece = Piece{column, 0, i, 0, style, {}, onGrid, {}, {}};
                open = true;
                openIsGrid = onGrid;
            }
            piece.length += units;
            piece.cells += width;
        }
        if (width > 0)
            lastStart = column;
        for (qsizetype u = 0; u < units; ++u)
            columnAt_[i + u] = width > 0 ? column : lastStart;
        column += width;
        i += units;
    }
    flush();
    cells_ = column;
}

namespace {

// Glyphs of an on-grid piece at fixed cell positions; empty when a character is not in
// the font (then shaping finds a fallback) or a piece is not one UTF-16 unit per cell.
QGlyphRun gridRun(const TranscriptRowLayout::Piece &piece, const QRawFont &font, double cellWidth) {
    if (!piece.onGrid || piece.length != piece.cells || !font.isValid())
        return {};
    const QList<quint32> glyphs = font.glyphIndexesForString(piece.text);
    if (glyphs.size() != piece.text.size() || glyphs.contains(0u))
        return {};
    QList<QPointF> positions(glyphs.size());
    for (qsizetype i = 0; i < positions.size(); ++i)
        positions[i] = QPointF(double(i) * cellWidth, 0);
    QGlyphRun run;
    run.setRawFont(font);
    run.setGlyphIndexes(glyphs);
    run.setPositions(positions);
    return run;
}

} // namespace

void TranscriptRowLayout::prepareGlyphs(const Fonts &fonts) {
    for (Piece &piece : pieces_) {
        piece.run = gridRun(piece, fonts.rawFont(piece.style), fonts.cellWidth);
        if (piece.hasRun())
            continue;
        piece.glyphs.setText(piece.text);
        piece.glyphs.setTextFormat(Qt::PlainText);
        piece.glyphs.prepare(QTransform(), fonts.font(piece.style));
    }
}

bool TranscriptRowLayout::isFor(const StyledLine &line) const {
    return line.kind == line_.kind && line.text == line_.text && line.runs == line_.runs;
}

int TranscriptRowLayout::columnOfOffset(qsizetype offset) const {
    if (offset >= line_.text.size())
        return cells_;
    if (offset <= 0)
        return 0;
    return columnAt_.isEmpty() ? int(offset) : columnAt_[offset];
}

qsizetype TranscriptRowLayout::offsetNearColumn(double column) const {
    const qsizetype size = line_.text.size();
    if (columnAt_.isEmpty())
        return qBound(qsizetype(0), qsizetype(std::lround(column)), size);
    qsizetype best = size;
    double bestDistance = std::abs(cells_ - column);
    for (qsizetype i = 0; i < size; ++i) {
        if (line_.text[i].isLowSurrogate() || (i > 0 && columnAt_[i] == columnAt_[i - 1]))
            continue; // not a boundary a click can land on
        const double distance = std::abs(columnAt_[i] - column);
        if (distance < bestDistance) {
            best = i;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace sandbox
