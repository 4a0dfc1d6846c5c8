#pragma once

#include "line_text_arena.h"
#include "plain_run_scanner.h"
#include "styled_line.h"
#include "utf8_stream_decoder.h"

#include <QList>
#include <QString>

#include <vector>

namespace sandbox {

// The line a TerminalLineBuilder is writing, with a cursor as a terminal has one. The
// cursor sits at the end (appending, the fast path) until CR, BS or a cursor movement
// puts it inside the line; then text overwrites cells, wide characters counting two and
// combining marks none. Private to the builder.
//
// The line's text and runs are scratch buffers that keep their capacity from line to line;
// takeInto() copies them out at their exact size (the text into a LineTextArena's shared
// block, the runs into an allocation of their own unless laid out like the previous line's,
// which are shared).
class TerminalLine {
public:
    bool isEmpty() const { return size_ == 0; }
    qsizetype size() const { return size_; }
    bool cursorAtEnd() const { return atEnd_; }

    // Appends UTF-8 bytes (no control bytes) in `style`; the cursor must be at the end.
    // `ascii`: every byte is below 0x80 (PlainRunScanner said so); they are widened as
    // they are. `readable`: the input may be read up to there (past p + n), so the widening
    // can go 16 bytes at a time without a byte-by-byte tail.
    void appendUtf8(const char *p, qsizetype n, const char *readable, Utf8StreamDecoder &decoder,
                    const TextStyle &style, bool ascii);
    // The flood's fast path: appends the ASCII text at p in `style`, scanning and widening
    // 16 bytes at a time in one pass, while the line is shorter than `limit`. Stops at a
    // control byte (returned), and before a block with a byte >= 0x80 or with fewer than 16
    // bytes left: those are the caller's, as is whatever lies past the returned byte. The
    // cursor must be at the end and nothing pending in the decoder.
    const char *appendAsciiBlocks(const char *p, const char *end, qsizetype limit,
                                  const TextStyle &style);
    // appendUtf8() for ASCII with nothing pending in the decoder.
    void appendAscii(const char *p, qsizetype n, const char *readable, const TextStyle &style);
    // Appends or overwrites, wherever the cursor is.
    void write(QStringView s, const TextStyle &style);

    int column() { return atEnd_ ? width() : cursorCol_; }
    // Moves the cursor; past the end pads with spaces (tabs, cursor forward).
    void setCursor(int column);
    // CSI K: 0 cursor to end, 1 start to cursor, 2 the whole line.
    void eraseInLine(int mode);

    StyledLine snapshot(LineKind kind, quint64 blockId) const;
    // Appends the finished line to `out` (made in place, not moved there); this one starts
    // over empty.
    void takeInto(QList<StyledLine> &out, LineKind kind, quint64 blockId);
    void clear();

private:
    QStringView text() const { return QStringView(buf_, size_); }
    // Room for n more units at the end; returns where they go.
    char16_t *room(qsizetype n) {
        if (cap_ - size_ < n)
            grow(n);
        return buf_ + size_;
    }
    void grow(qsizetype n);
    // text_ with its size brought up to size_, for QString's own editing; adopt() after.
    QString &synced();
    void adopt();
    int width();
    void overwrite(QStringView s, const TextStyle &style);
    void replaceRange(qsizetype from, qsizetype to, QStringView s, const TextStyle &style);
    // Inline for the pieces in the default style (no run), half of a coloured line's.
    void addRun(qsizetype start, qsizetype length, const TextStyle &style) {
        if (!style.isDefault() && length > 0)
            addStyledRun(start, length, style);
    }
    void addStyledRun(qsizetype start, qsizetype length, const TextStyle &style);
    // Sets `runs` (empty) to the line's runs.
    void takeRunsInto(QList<StyleRun> &runs);

    // The text, a scratch buffer with its capacity kept across lines. Pieces are written
    // straight into text_'s storage (buf_, cap_ units) and counted in size_; text_'s own size
    // lags behind until synced(), which saves an out-of-line QString::resize per piece.
    QString text_;
    char16_t *buf_ = nullptr;
    qsizetype size_ = 0;
    qsizetype cap_ = 0;
    std::vector<StyleRun> runs_; // scratch, as in StyledLine: non-default stretches only
    QList<StyleRun> lastRuns_;   // the runs of the last line taken, shared with it
    LineTextArena finishedText_;
    bool atEnd_ = true;
    int cursorCol_ = 0;          // valid while !atEnd_
    qsizetype widthScanned_ = 0; // width() cache: text_[0, widthScanned_) is widthCached_
    int widthCached_ = 0;
};

// Inline: it runs for every piece of text between escapes.
inline const char *TerminalLine::appendAsciiBlocks(const char *p, const char *end, qsizetype limit,
                                                   const TextStyle &style) {
#if defined(__SSE2__)
    // The stores may alias the members: the loop keeps its state in locals.
    const qsizetype old = size_;
    qsizetype size = old;
    qsizetype cap = cap_;
    char16_t *buf = buf_;
    const __m128i zero = _mm_setzero_si128();
    while (end - p >= 16 && size < limit) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        if (cap - size < 16) {
            size_ = size;
            grow(16);
            cap = cap_;
            buf = buf_;
        }
        // All 16 are widened; those not counted are not part of the text.
        _mm_storeu_si128(reinterpret_cast<__m128i *>(buf + size), _mm_unpacklo_epi8(x, zero));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(buf + size + 8), _mm_unpackhi_epi8(x, zero));
        const int special = PlainRunScanner::specialMask(x);
        const int high = _mm_movemask_epi8(x);
        if ((special | high) == 0) {
            p += 16;
            size += 16;
            continue;
        }
        const int take = special != 0 ? std::countr_zero(unsigned(special)) : 0;
        if ((high & ((1 << take) - 1)) == 0) { // else UTF-8 to decode: the caller's
            p += take;
            size += take;
        }
        break;
    }
    size_ = size;
    addRun(old, size - old, style);
#else
    Q_UNUSED(end);
    Q_UNUSED(limit);
    Q_UNUSED(style);
#endif
    return p;
}

} // namespace sandbox
