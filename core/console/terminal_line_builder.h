#pragma once

#include "styled_line.h"

#include <QByteArrayView>
#include <QList>

#include <memory>

namespace sandbox {

// The libvterm bridge: turns one output stream's raw bytes into StyledLines.
//
// Plain runs (no ESC) are decoded straight into the current line; only bytes from an ESC
// on go through libvterm's parser layer (never its state or screen layer, which are far
// too slow for a flood), and its callbacks hand text back to the same fast path. The
// builder applies SGR (16, 256 and 24-bit colours, bold, italic, underline, inverse and
// their resets), CR (overwrite from column 0, so a progress loop ends as one line),
// BS, TAB (stops every 8 cells) and EL (erase in line); other sequences are dropped,
// BEL and other controls ignored. Invalid UTF-8 becomes U+FFFD. Escape sequences and
// UTF-8 split across feed() calls work, down to one byte per call.
//
// One builder per stream (stdout and stderr keep separate parser and SGR state). Not a
// QObject and not thread-safe: it lives on the thread that receives the chunks.
class TerminalLineBuilder {
public:
    // Lines longer than this (UTF-16 units, no newline in sight) are broken so a
    // newline-free flood cannot grow one line without bound.
    static constexpr qsizetype kMaxLineLength = 64 * 1024;

    // kind: LineKind::Stdout or LineKind::Stderr for every line this builder makes.
    explicit TerminalLineBuilder(LineKind kind = LineKind::Stdout, quint64 blockId = 0);
    ~TerminalLineBuilder();
    TerminalLineBuilder(const TerminalLineBuilder &) = delete;
    TerminalLineBuilder &operator=(const TerminalLineBuilder &) = delete;

    // Appends every line finished by `bytes` (ended by LF) to `finished`.
    void feed(QByteArrayView bytes, QList<StyledLine> &finished);
    // The unfinished last line (text since the last LF); empty text when there is none.
    // Shown by the view as the in-progress last line (progress bars).
    StyledLine partialLine() const;
    bool hasPartialLine() const;
    // End of the stream: an incomplete UTF-8 sequence becomes U+FFFD and a non-empty
    // unfinished line is appended to `finished`. The SGR state is kept.
    void finish(QList<StyledLine> &finished);
    // Starts over for the next command: parser, SGR state and current line reset.
    void reset(quint64 blockId);

private:
    struct Private;
    std::unique_ptr<Private> d_; // keeps <vterm.h> out of this header
};

} // namespace sandbox
