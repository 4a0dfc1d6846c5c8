#pragma once

#include "styled_line.h"

#include <QGlyphRun>
#include <QList>
#include <QStaticText>
#include <QString>

#include <functional>

class QFontMetricsF;
class QRawFont;

namespace sandbox {

// One transcript row cut into pieces the view can draw with one drawText each, placed on
// the terminal cell grid: a piece is a stretch of one style whose characters the main
// font draws exactly one cell wide. Wide characters (CJK, emoji) and characters the font
// lacks get a piece of their own at their cell column, so a fallback font's different
// advance never shifts the columns after them. Built only for rows on screen.
class TranscriptRowLayout {
public:
    struct Piece {
        int column = 0; // first cell
        int cells = 0;
        qsizetype start = 0; // UTF-16 range in the line's text
        qsizetype length = 0;
        TextStyle style;
        QString text;
        bool onGrid = false; // one cell per character in the main font
        // On-grid pieces whose characters the font has are placed glyph by glyph on the
        // cell grid, as a terminal does: no shaping (the cost of a flood's new rows).
        QGlyphRun run;
        // The rest (wide characters, fallback fonts, combining marks) is shaped once and
        // drawn every frame the row is on screen.
        QStaticText glyphs;
        bool hasRun() const { return !run.isEmpty(); }
    };
    struct Fonts {
        std::function<const QFont &(const TextStyle &)> font;
        std::function<const QRawFont &(const TextStyle &)> rawFont;
        double cellWidth = 8;
    };

    TranscriptRowLayout() = default;
    TranscriptRowLayout(const StyledLine &line, const QFontMetricsF &metrics);

    // Prepares every piece for drawing in the font it will be drawn with.
    void prepareGlyphs(const Fonts &fonts);

    // True when the layout was built from a line with this text, styles and kind.
    bool isFor(const StyledLine &line) const;
    const StyledLine &line() const { return line_; }
    const QList<Piece> &pieces() const { return pieces_; }
    int cells() const { return cells_; }

    // Cell column where the character at `offset` starts (cells() at the end).
    int columnOfOffset(qsizetype offset) const;
    // The character boundary nearest to a cell column (a click between two cells).
    qsizetype offsetNearColumn(double column) const;

private:
    StyledLine line_;
    QList<Piece> pieces_;
    QList<int> columnAt_; // per UTF-16 unit, the cell column it starts in; empty when ASCII
    int cells_ = 0;
};

} // namespace sandbox
