#pragma once

#include "transcript_row_layout.h"

#include <QColor>
#include <QFont>
#include <QFontMetricsF>
#include <QHash>
#include <QList>
#include <QRawFont>
#include <QSet>

class QPainter;

namespace sandbox {

// Draws transcript rows for TranscriptView: the monospace cell grid, the font variants for
// bold/italic/underline, TerminalPalette's colours, and a cache of row layouts that holds
// only the rows of the last frame, so memory and layout work follow what is on screen.
class TranscriptPainter {
public:
    struct Highlight {
        qsizetype start = 0;
        qsizetype length = 0;
        bool current = false;
    };
    // What lies over one row's text besides its own colours.
    struct RowMarks {
        qsizetype selectionStart = -1; // -1 = nothing selected in this row
        qsizetype selectionEnd = -1;
        bool selectionToLineEnd = false;
        QList<Highlight> highlights;
    };
    struct Colours {
        QColor selection;
        QColor match;
        QColor currentMatch;
    };

    TranscriptPainter();

    void setFont(const QFont &font);
    const QFont &font() const { return fonts_[0]; }
    double cellWidth() const { return cellWidth_; }
    int lineHeight() const { return lineHeight_; }
    void setColours(const Colours &colours) { colours_ = colours; }

    // The layout of a row, built only when its key is new or its line changed.
    const TranscriptRowLayout &layout(qint64 key, const StyledLine &line);
    // Frame bookkeeping: layouts not used since beginFrame() are dropped at endFrame().
    void beginFrame();
    void endFrame();
    qint64 layoutCount() const { return layoutCount_; }

    // Paints one row with its top-left at (x, y); `right` is where the viewport ends.
    void paintRow(QPainter &painter, const TranscriptRowLayout &row, double x, double y,
                  double right, const RowMarks &marks) const;

private:
    static int fontIndex(const TextStyle &style, LineKind kind);
    const QFont &fontFor(const TextStyle &style, LineKind kind) const;
    void fillColumns(QPainter &painter, const TranscriptRowLayout &row, qsizetype start,
                     qsizetype end, double x, double y, const QColor &colour) const;

    QFont fonts_[8];       // by bold | italic << 1 | underline << 2
    QRawFont rawFonts_[8]; // the same, for glyph runs on the cell grid
    QFontMetricsF metrics_;
    double cellWidth_ = 8;
    int lineHeight_ = 16;
    Colours colours_;
    QHash<qint64, TranscriptRowLayout> cache_;
    QSet<qint64> usedThisFrame_;
    qint64 layoutCount_ = 0;
};

} // namespace sandbox
