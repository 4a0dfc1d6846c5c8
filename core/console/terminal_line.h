#pragma once

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
// takeInto() copies them out at their exact size (one allocation for the text, none for runs
// laid out like the previous line's, which are shared).
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
    // appendUtf8() for ASCII with nothing pending in the decoder, the flood's common case.
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
    void addRun(qsizetype start, qsizetype length, const TextStyle &style);
    QList<StyleRun> takeRuns();

    // The text, a scratch buffer with its capacity kept across lines. Pieces are written
    // straight into text_'s storage (buf_, cap_ units) and counted in size_; text_'s own size
    // lags behind until synced(), which saves an out-of-line QString::resize per piece.
    QString text_;
    char16_t *buf_ = nullptr;
    qsizetype size_ = 0;
    qsizetype cap_ = 0;
    std::vector<StyleRun> runs_; // scratch, as in StyledLine: non-default stretches only
    QList<StyleRun> lastRuns_;   // the runs of the last line taken, shared with it
    bool atEnd_ = true;
    int cursorCol_ = 0;          // valid while !atEnd_
    qsizetype widthScanned_ = 0; // width() cache: text_[0, widthScanned_) is widthCached_
    int widthCached_ = 0;
};

} // namespace sandbox
