#include "terminal_line.h"

#include "cell_width.h"

#include <algorithm>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sandbox {

namespace {

// ASCII bytes to UTF-16, 16 at a time: for the short pieces between escapes this beats
// QString::append(QLatin1String), whose call costs more than the copy. When the input may be
// read past p + n (`readable`), the last block is widened whole too: dst has room for 16
// units more, and what lands past n is not part of the text.
inline void widenAscii(const char *p, qsizetype n, const char *readable, char16_t *dst) {
    qsizetype i = 0;
#if defined(__SSE2__)
    const __m128i zero = _mm_setzero_si128();
    const qsizetype blocks = readable - p >= ((n + 15) & ~qsizetype(15)) ? n : n - 15;
    for (; i < blocks; i += 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p + i));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(dst + i), _mm_unpacklo_epi8(x, zero));
        _mm_storeu_si128(reinterpret_cast<__m128i *>(dst + i + 8), _mm_unpackhi_epi8(x, zero));
    }
#else
    Q_UNUSED(readable);
#endif
    for (; i < n; ++i)
        dst[i] = char16_t(static_cast<unsigned char>(p[i]));
}

} // namespace

void TerminalLine::appendAscii(const char *p, qsizetype n, const char *readable,
                               const TextStyle &style) {
    const qsizetype old = size_;
    widenAscii(p, n, readable, room(n + 16));
    size_ += n;
    addRun(old, n, style);
}

void TerminalLine::appendUtf8(const char *p, qsizetype n, const char *readable,
                              Utf8StreamDecoder &decoder, const TextStyle &style, bool ascii) {
    if (ascii && !decoder.hasPendingBytes()) {
        appendAscii(p, n, readable, style);
        return;
    }
    const qsizetype old = size_;
    auto *dst = reinterpret_cast<QChar *>(room(decoder.requiredSpace(n)));
    const QChar *e = decoder.appendToBuffer(dst, QByteArrayView(p, n));
    size_ = reinterpret_cast<const char16_t *>(e) - buf_;
    addRun(old, size_ - old, style);
}

void TerminalLine::write(QStringView s, const TextStyle &style) {
    if (!atEnd_) {
        overwrite(s, style);
        return;
    }
    const qsizetype old = size_;
    std::copy(s.utf16(), s.utf16() + s.size(), room(s.size()));
    size_ += s.size();
    addRun(old, s.size(), style);
}

void TerminalLine::grow(qsizetype n) {
    synced().reserve(std::max({size_ + n, 2 * cap_, qsizetype(128)}));
    adopt();
}

QString &TerminalLine::synced() {
    text_.resize(size_); // within the capacity: keeps what was written past the old size
    return text_;
}

void TerminalLine::adopt() {
    size_ = text_.size();
    cap_ = text_.capacity();
    buf_ = cap_ > 0 ? reinterpret_cast<char16_t *>(text_.data()) : nullptr;
}

void TerminalLine::addStyledRun(qsizetype start, qsizetype length, const TextStyle &style) {
    if (!runs_.empty() && runs_.back().style == style && runs_.back().end() == start) {
        runs_.back().length += qint32(length);
        return;
    }
    runs_.push_back({qint32(start), qint32(length), style});
}

int TerminalLine::width() {
    if (widthScanned_ < size_) {
        widthCached_ += CellWidth::of(text().mid(widthScanned_));
        widthScanned_ = size_;
    }
    return widthCached_;
}

void TerminalLine::setCursor(int column) {
    const int w = width();
    if (column < w) {
        atEnd_ = false;
        cursorCol_ = column;
        return;
    }
    atEnd_ = true;
    cursorCol_ = 0;
    if (column > w) {
        char16_t *pad = room(column - w);
        std::fill(pad, pad + (column - w), u' ');
        size_ += column - w;
    }
}

StyledLine TerminalLine::snapshot(LineKind kind, quint64 blockId) const {
    StyledLine line(text().toString(), kind, blockId);
    line.runs = QList<StyleRun>(runs_.cbegin(), runs_.cend());
    return line;
}

void TerminalLine::takeInto(QList<StyledLine> &out, LineKind kind, quint64 blockId) {
    StyledLine &line = out.emplaceBack();
    line.text = finishedText_.copy(text());
    takeRunsInto(line.runs);
    line.kind = kind;
    line.blockId = blockId;
    clear();
}

// Coloured output repeats its layout from line to line (the same fields in the same
// colours): such a line shares the previous line's runs instead of allocating its own.
void TerminalLine::takeRunsInto(QList<StyleRun> &runs) {
    if (runs_.empty())
        return;
    if (!std::equal(runs_.cbegin(), runs_.cend(), lastRuns_.cbegin(), lastRuns_.cend()))
        lastRuns_ = QList<StyleRun>(runs_.cbegin(), runs_.cend());
    runs = lastRuns_;
}

void TerminalLine::clear() {
    size_ = 0;     // the capacity stays
    runs_.clear(); // keeps it too
    atEnd_ = true;
    cursorCol_ = 0;
    widthScanned_ = 0;
    widthCached_ = 0;
}

// Writes s over the cells from the cursor on, as a terminal would after CR or BS.
void TerminalLine::overwrite(QStringView s, const TextStyle &style) {
    if (s.isEmpty()) // e.g. the first byte of a UTF-8 sequence, still in the decoder
        return;
    // Leading combining marks join the cell before the cursor, the same whether they
    // arrive alone or with the text after them.
    qsizetype marks = 0;
    while (marks < s.size()) {
        const qsizetype units = s[marks].isHighSurrogate() && marks + 1 < s.size() ? 2 : 1;
        const char32_t ucs = units == 2 ? QChar::surrogateToUcs4(s[marks], s[marks + 1])
                                        : char32_t(s[marks].unicode());
        if (CellWidth::of(ucs) > 0)
            break;
        marks += units;
    }
    if (marks > 0) {
        const qsizetype at = CellWidth::offsetOfColumn(text(), cursorCol_);
        replaceRange(at, at, s.first(marks), style);
        s = s.sliced(marks);
        if (s.isEmpty())
            return;
    }
    const int newWidth = CellWidth::of(s);
    const int startCol = cursorCol_;
    const int endCol = cursorCol_ + newWidth;
    const QStringView text = this->text();
    qsizetype from = -1;
    qsizetype to = text.size();
    bool padFront = false; // a wide character straddles the first cell: keep its left half blank
    bool padBack = false;  // ... or the last cell
    int col = 0;
    for (qsizetype i = 0; i < text.size();) {
        char32_t ucs = text[i].unicode();
        qsizetype units = 1;
        if (QChar::isHighSurrogate(ucs) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            ucs = QChar::surrogateToUcs4(text[i].unicode(), text[i + 1].unicode());
            units = 2;
        }
        const int w = CellWidth::of(ucs);
        if (w > 0) {
            if (col >= endCol) {
                to = i;
                break;
            }
            if (from < 0 && col + w > startCol) {
                from = i;
                padFront = col < startCol;
            }
            if (col + w > endCol)
                padBack = true;
        }
        col += w;
        i += units;
    }
    if (from < 0)
        from = text.size();
    if (padFront || padBack) {
        QString padded = padFront ? QStringLiteral(" ") : QString();
        padded.append(s);
        if (padBack)
            padded.append(QLatin1Char(' '));
        replaceRange(from, to, padded, style);
    } else {
        replaceRange(from, to, s, style);
    }
    cursorCol_ = endCol;
    if (cursorCol_ >= width()) {
        atEnd_ = true;
        cursorCol_ = 0;
    }
}

// text_[from, to) becomes s in `style`; runs are clipped and shifted.
void TerminalLine::replaceRange(qsizetype from, qsizetype to, QStringView s,
                                const TextStyle &style) {
    synced().replace(from, to - from, s.data(), s.size());
    adopt();
    const qint32 delta = qint32(s.size() - (to - from));
    std::vector<StyleRun> updated;
    updated.reserve(runs_.size() + 2);
    bool inserted = style.isDefault() || s.isEmpty();
    for (const StyleRun &run : std::as_const(runs_)) {
        if (run.start < from) {
            const qint32 leftEnd = qint32(qMin<qsizetype>(run.end(), from));
            updated.push_back({run.start, leftEnd - run.start, run.style});
        }
        if (!inserted && run.end() > from) {
            updated.push_back({qint32(from), qint32(s.size()), style});
            inserted = true;
        }
        if (run.end() > to) {
            const qint32 rightStart = qint32(qMax<qsizetype>(run.start, to));
            updated.push_back({rightStart + delta, run.end() - rightStart, run.style});
        }
    }
    if (!inserted)
        updated.push_back({qint32(from), qint32(s.size()), style});
    runs_ = std::move(updated);
    widthScanned_ = 0;
    widthCached_ = 0;
}

void TerminalLine::eraseInLine(int mode) {
    const int col = column();
    if (mode == 0) { // cursor to end
        if (!atEnd_)
            replaceRange(CellWidth::offsetOfColumn(text(), col), size_, {}, {});
        atEnd_ = true;
        cursorCol_ = 0;
    } else if (mode == 1) { // start to cursor, inclusive: blanks
        const int saved = col;
        cursorCol_ = 0;
        atEnd_ = false;
        overwrite(QString(qMin(saved + 1, width()), QLatin1Char(' ')), {});
        setCursor(saved);
    } else if (mode == 2) { // whole line; the cursor keeps its column
        size_ = 0;
        runs_.clear();
        widthScanned_ = 0;
        widthCached_ = 0;
        atEnd_ = true;
        cursorCol_ = 0;
        setCursor(col);
    }
}

} // namespace sandbox
