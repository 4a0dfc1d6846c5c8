#include "transcript_painter.h"

#include "terminal_palette.h"

#include <QPainter>

#include <cmath>

namespace sandbox {

namespace {

QColor rgb(quint32 value) {
    return QColor::fromRgb(QRgb(0xff000000u | value));
}

// The console's own lines stand out from program output.
bool isBoldKind(LineKind kind) {
    return kind == LineKind::Header || kind == LineKind::BannerOk ||
           kind == LineKind::BannerFailed || kind == LineKind::Notice;
}

} // namespace

TranscriptPainter::TranscriptPainter()
    : metrics_(QFont()) {}

void TranscriptPainter::setFont(const QFont &font) {
    for (int i = 0; i < 8; ++i) {
        QFont f = font;
        f.setBold(i & 1);
        f.setItalic(i & 2);
        f.setUnderline(i & 4);
        fonts_[i] = f;
        rawFonts_[i] = QRawFont::fromFont(f);
    }
    metrics_ = QFontMetricsF(font);
    cellWidth_ = qMax(1.0, metrics_.horizontalAdvance(QLatin1Char('M')));
    lineHeight_ = qMax(1, int(std::ceil(metrics_.height())));
    cache_.clear();
}

const TranscriptRowLayout &TranscriptPainter::layout(qint64 key, const StyledLine &line) {
    usedThisFrame_.insert(key);
    auto it = cache_.find(key);
    if (it == cache_.end() || !it->isFor(line)) {
        ++layoutCount_;
        it = cache_.insert(key, TranscriptRowLayout(line, metrics_));
        const LineKind kind = line.kind;
        it->prepareGlyphs({[this, kind](const TextStyle &style) -> const QFont & {
                               return fonts_[fontIndex(style, kind)];
                           },
                           [this, kind](const TextStyle &style) -> const QRawFont & {
                               return rawFonts_[fontIndex(style, kind)];
                           },
                           cellWidth_});
    }
    return *it;
}

void TranscriptPainter::beginFrame() {
    usedThisFrame_.clear();
}

void TranscriptPainter::endFrame() {
    for (auto it = cache_.begin(); it != cache_.end();) {
        if (usedThisFrame_.contains(it.key()))
            ++it;
        else
            it = cache_.erase(it);
    }
}

int TranscriptPainter::fontIndex(const TextStyle &style, LineKind kind) {
    int index = 0;
    if (style.has(TextStyle::Bold) || isBoldKind(kind))
        index |= 1;
    if (style.has(TextStyle::Italic) || kind == LineKind::DropMarker)
        index |= 2;
    if (style.has(TextStyle::Underline) || kind == LineKind::DropMarker)
        index |= 4;
    return index;
}

const QFont &TranscriptPainter::fontFor(const TextStyle &style, LineKind kind) const {
    return fonts_[fontIndex(style, kind)];
}

void TranscriptPainter::fillColumns(QPainter &painter, const TranscriptRowLayout &row,
                                    qsizetype start, qsizetype end, double x, double y,
                                    const QColor &colour) const {
    const double left = x + row.columnOfOffset(start) * cellWidth_;
    const double right = x + row.columnOfOffset(end) * cellWidth_;
    if (right > left)
        painter.fillRect(QRectF(left, y, right - left, lineHeight_), colour);
}

void TranscriptPainter::paintRow(QPainter &painter, const TranscriptRowLayout &row, double x,
                                 double y, double right, const RowMarks &marks) const {
    const LineKind kind = row.line().kind;
    const quint32 defaultBackground = TerminalPalette::defaultBackground();
    for (const TranscriptRowLayout::Piece &piece : row.pieces()) {
        quint32 fg = 0;
        quint32 bg = 0;
        TerminalPalette::colours(piece.style, kind, fg, bg);
        if (bg != defaultBackground)
            painter.fillRect(
                QRectF(x + piece.column * cellWidth_, y, piece.cells * cellWidth_, lineHeight_),
                rgb(bg));
    }
    for (const Highlight &h : marks.highlights)
        fillColumns(painter, row, h.start, h.start + h.length, x, y,
                    h.current ? colours_.currentMatch : colours_.match);
    if (marks.selectionStart >= 0) {
        fillColumns(painter, row, marks.selectionStart, marks.selectionEnd, x, y,
                    colours_.selection);
        if (marks.selectionToLineEnd) { // the line break is selected: paint to the edge
            const double from = x + row.columnOfOffset(marks.selectionEnd) * cellWidth_;
            if (right > from)
                painter.fillRect(QRectF(from, y, right - from, lineHeight_), colours_.selection);
        }
    }
    for (const TranscriptRowLayout::Piece &piece : row.pieces()) {
        const double left = x + piece.column * cellWidth_;
        if (left > right)
            break;
        if (left + piece.cells * cellWidth_ < 0)
            continue;
        quint32 fg = 0;
        quint32 bg = 0;
        TerminalPalette::colours(piece.style, kind, fg, bg);
        painter.setPen(rgb(fg));
        if (piece.hasRun()) {
            painter.drawGlyphRun(QPointF(left, y + piece.run.rawFont().ascent()), piece.run);
        } else {
            painter.setFont(fontFor(piece.style, kind));
            painter.drawStaticText(QPointF(left, y), piece.glyphs);
        }
        // drawStaticText leaves out the font's underline: draw it ourselves.
        if (piece.style.has(TextStyle::Underline) || kind == LineKind::DropMarker) {
            const double under = y + metrics_.ascent() + qMax(1.0, metrics_.underlinePos());
            painter.drawLine(QLineF(left, under, left + piece.cells * cellWidth_, under));
        }
    }
}

} // namespace sandbox
