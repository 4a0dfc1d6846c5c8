#pragma once

#include "text_style.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringView>

#include <iterator>
#include <vector>

namespace sandbox {

// What a transcript line is; the view and the exports pick colours by it
// (TerminalPalette::foregroundFor).
enum class LineKind : quint8 {
    Stdout,
    Stderr,       // painted red where the program left the foreground at its default
    Header,       // a command's header: argv, then time/profile/address/image/...
    BannerOk,     // end banner of a command that exited 0
    BannerFailed, // end banner of a non-zero exit, a failure or a cancel
    Notice,       // a message from the console itself (refusals, spool deletions)
    DropMarker,   // "N earlier lines are not shown — saved in the transcript file"
};

// One finished (or in-progress) line of the transcript: plain value type, cheap to copy
// (implicitly shared text and runs), safe to send across threads by queued signal.
struct StyledLine {
    QString text;
    // Only the non-default stretches, sorted by start, not overlapping; text outside
    // every run has the default style.
    QList<StyleRun> runs;
    LineKind kind = LineKind::Stdout;
    quint64 blockId = 0; // the command block the line belongs to; 0 = none

    StyledLine() = default;
    StyledLine(QString text, LineKind kind, quint64 blockId = 0)
        : text(std::move(text))
        , kind(kind)
        , blockId(blockId) {}

    bool isEmpty() const { return text.isEmpty(); }
    // The style at a UTF-16 offset.
    TextStyle styleAt(qsizetype index) const;
    // True when some run sets a foreground colour (then Stderr's red does not apply there).
    bool hasExplicitForeground() const;
    // A slice with its runs clipped and shifted (copying a selection with colours).
    StyledLine mid(qsizetype start, qsizetype length = -1) const;
    // Width in terminal cells (CellWidth).
    int cellWidth() const;

    friend bool operator==(const StyledLine &, const StyledLine &) = default;
};

// Registers StyledLine, QList<StyledLine> and the transcript value types for queued
// connections. Idempotent.
void registerTranscriptMetaTypes();

// Lines on their way back to the thread that built them, in the lists they came in: handing
// them on moves lists, not lines.
using RetiredLines = std::vector<QList<StyledLine>>;

// Moves `from`'s lists to the end of `into` (taking its buffer when `into` is empty);
// `from` is left empty.
inline void appendRetired(RetiredLines &into, RetiredLines &from) {
    if (into.empty())
        into.swap(from);
    else
        into.insert(into.end(), std::make_move_iterator(from.begin()),
                    std::make_move_iterator(from.end()));
    from.clear();
}

} // namespace sandbox

Q_DECLARE_METATYPE(sandbox::StyledLine)
Q_DECLARE_METATYPE(sandbox::TextStyle)
