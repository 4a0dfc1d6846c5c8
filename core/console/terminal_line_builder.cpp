#include "terminal_line_builder.h"

#include "cell_width.h"
#include "sgr_parser.h"
#include "utf8_stream_decoder.h"

#include <vterm.h>

#include <cstring>

namespace sandbox {

namespace {

// The first byte that is a C0 control or DEL (ESC, CR, LF, BS, TAB, BEL, ...), eight
// bytes at a time: plain text between them needs no parser.
const char *findSpecial(const char *p, const char *end) {
    constexpr quint64 kOnes = 0x0101010101010101ULL;
    constexpr quint64 kHigh = 0x8080808080808080ULL;
    while (end - p >= 8) {
        quint64 x;
        std::memcpy(&x, p, 8);
        const quint64 below20 = (x - 0x20 * kOnes) & ~x & kHigh;
        const quint64 del = x ^ (0x7f * kOnes);
        const quint64 isDel = (del - kOnes) & ~del & kHigh;
        if (below20 | isDel)
            break;
        p += 8;
    }
    for (; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c < 0x20 || c == 0x7f)
            return p;
    }
    return end;
}

constexpr char16_t kReplacement = 0xFFFD;

bool isAscii(const char *p, qsizetype n) {
    unsigned char any = 0;
    for (qsizetype i = 0; i < n; ++i)
        any |= static_cast<unsigned char>(p[i]);
    return any < 0x80;
}

} // namespace

struct TerminalLineBuilder::Private {
    LineKind kind;
    quint64 blockId;
    VTerm *vt = nullptr;
    Utf8StreamDecoder decoder;
    TextStyle style;
    // The current line. The cursor is at its end (append, the fast path) unless a CR,
    // BS or cursor movement put it at cursorCol (then text is overwritten cell by cell).
    QString text;
    QList<StyleRun> runs;
    bool atEnd = true;
    int cursorCol = 0;
    qsizetype widthScanned = 0; // lineWidth() cache: text[0, widthScanned) is widthCached
    int widthCached = 0;
    // libvterm may be inside an escape sequence: the next feed goes through its parser
    // (whose text callback still takes plain runs the fast way).
    bool inSequence = false;
    QList<StyledLine> *out = nullptr;
    QString scratch;
    qsizetype lastLineLength = 0; // size hints from the previous line (coloured output)
    qsizetype lastRunCount = 1;

    Private(LineKind k, quint64 id)
        : kind(k)
        , blockId(id) {
        vt = vterm_new(25, 80);
        vterm_set_utf8(vt, 1);
        vterm_parser_set_callbacks(vt, &kCallbacks, this);
    }
    ~Private() { vterm_free(vt); }

    // --- libvterm parser callbacks ---
    static int onText(const char *bytes, size_t len, void *user) {
        auto *d = static_cast<Private *>(user);
        const char *stop = d->consumePlain(bytes, bytes + len);
        // Text to the very end of the buffer means the parser is back in its ground state;
        // nothing else proves it (a sequence may follow a completed one in the same call).
        d->inSequence = stop < bytes + len;
        return int(stop - bytes);
    }
    static int onControl(unsigned char control, void *user) {
        static_cast<Private *>(user)->control(control);
        return 1;
    }
    static int onEscape(const char *, size_t, void *) { return 1; }
    static int onCsi(const char *leader, const long args[], int argcount, const char *intermed,
                     char command, void *user) {
        auto *d = static_cast<Private *>(user);
        if ((leader && *leader) || (intermed && *intermed))
            return 1; // private modes and the like: nothing a line needs
        d->csi(args, argcount, command);
        return 1;
    }
    static int onString(const char *, size_t, void *) { return 1; }
    static constexpr VTermParserCallbacks kCallbacks = {
        &Private::onText, &Private::onControl, &Private::onEscape,
        &Private::onCsi,  &Private::onString,  &Private::onString,
        nullptr,
    };

    // Text and controls up to the next ESC (returned) or `end`.
    const char *consumePlain(const char *p, const char *end) {
        while (p < end) {
            const char *special = findSpecial(p, end);
            if (special > p)
                appendBytes(p, special - p, special == end || *special != '\n');
            if (special == end)
                return end;
            if (*special == 0x1b) {
                flushPendingUtf8();
                return special;
            }
            control(static_cast<unsigned char>(*special));
            p = special + 1;
        }
        return end;
    }

    void control(unsigned char c) {
        flushPendingUtf8();
        switch (c) {
        case '\n':
            newline();
            break;
        case '\r':
            if (!text.isEmpty())
                setCursor(0);
            break;
        case '\b':
            if (const int col = column(); col > 0)
                setCursor(col - 1);
            break;
        case '\t':
            setCursor((column() / 8 + 1) * 8);
            break;
        default: // BEL, DEL and the rest: a line has no use for them
            break;
        }
    }

    void csi(const long args[], int argc, char command) {
        const auto arg = [&](int i, long fallback) {
            return i < argc && !CSI_ARG_IS_MISSING(args[i]) ? long(CSI_ARG(args[i])) : fallback;
        };
        switch (command) {
        case 'm':
            SgrParser::apply(style, args, argc);
            break;
        case 'K':
            eraseInLine(int(arg(0, 0)));
            break;
        case 'G': // cursor to column (1-based)
            setCursor(int(qBound(1L, arg(0, 1), 4096L)) - 1);
            break;
        case 'C': // cursor forward
            setCursor(column() + int(qBound(1L, arg(0, 1), 4096L)));
            break;
        case 'D': // cursor back
            setCursor(qMax(0, column() - int(qBound(1L, arg(0, 1), 4096L))));
            break;
        default: // anything else (cursor up, clear screen, modes, ...) is dropped
            break;
        }
    }

    // --- the line ---
    // `continues`: more of the line follows (an escape, a chunk end), so the line gets
    // room for a typical line at once instead of growing piece by piece.
    void appendBytes(const char *p, qsizetype n, bool continues = true) {
        if (decoder.hasPendingBytes()) {
            // Finish a sequence split across feeds one byte at a time; Qt's stateful
            // decoder would swallow the character after a broken one.
            while (n > 0 && decoder.hasPendingBytes() && Utf8StreamDecoder::isContinuation(*p)) {
                QChar buffer[4];
                const QChar *e = decoder.appendToBuffer(buffer, QByteArrayView(p, 1));
                if (e > buffer)
                    appendUtf16(QStringView(buffer, e - buffer));
                ++p;
                --n;
            }
            if (n > 0)
                flushPendingUtf8();
        }
        while (n > 0) {
            if (!atEnd) {
                scratch.resize(decoder.requiredSpace(n));
                const QChar *e = decoder.appendToBuffer(scratch.data(), QByteArrayView(p, n));
                overwrite(QStringView(scratch.constData(), e - scratch.constData()));
                return;
            }
            // Bytes >= UTF-16 units, so a slice this long cannot overrun the line limit much.
            const qsizetype room = qMax<qsizetype>(kMaxLineLength - text.size(), 64);
            const qsizetype take = qMin(n, room);
            const qsizetype old = text.size();
            // Short ASCII pieces (between escapes) are widened in place: the decoder's call
            // costs more than the copy. Long runs go to Qt's SIMD decoder.
            const bool shortAscii = take <= 32 && !decoder.hasPendingBytes() && isAscii(p, take);
            const qsizetype needed = old + (shortAscii ? take : decoder.requiredSpace(take));
            if (continues && old == 0)
                text.reserve(qMax(needed, lastLineLength));
            text.resize(needed);
            QChar *dst = text.data() + old;
            if (shortAscii) {
                for (qsizetype i = 0; i < take; ++i)
                    dst[i] = QLatin1Char(p[i]);
            } else {
                const QChar *e = decoder.appendToBuffer(dst, QByteArrayView(p, take));
                text.resize(e - text.constData());
            }
            addRun(old, text.size() - old);
            p += take;
            n -= take;
            if (text.size() >= kMaxLineLength)
                newline();
        }
    }

    void flushPendingUtf8() {
        if (!decoder.hasPendingBytes())
            return;
        // One U+FFFD per byte of the broken sequence, as Qt's decoder does within a chunk,
        // so where a chunk boundary falls never changes the text.
        const char16_t replacements[4] = {kReplacement, kReplacement, kReplacement, kReplacement};
        const qsizetype count = qBound(qsizetype(1), decoder.pendingBytes(), qsizetype(4));
        decoder.resetState();
        appendUtf16(QStringView(replacements, count));
    }

    void appendUtf16(QStringView s) {
        if (!atEnd) {
            overwrite(s);
            return;
        }
        const qsizetype old = text.size();
        text.append(s);
        addRun(old, s.size());
    }

    void addRun(qsizetype start, qsizetype length) {
        if (style.isDefault() || length <= 0)
            return;
        if (!runs.isEmpty() && runs.last().style == style && runs.last().end() == start) {
            runs.last().length += qint32(length);
            return;
        }
        if (runs.isEmpty())
            runs.reserve(lastRunCount);
        runs.append({qint32(start), qint32(length), style});
    }

    void newline() {
        lastLineLength = text.size();
        lastRunCount = qMax<qsizetype>(runs.size(), 1);
        StyledLine line;
        line.text = std::move(text);
        line.runs = std::move(runs);
        line.kind = kind;
        line.blockId = blockId;
        out->append(std::move(line));
        text = QString();
        runs = QList<StyleRun>();
        atEnd = true;
        cursorCol = 0;
        widthScanned = 0;
        widthCached = 0;
    }

    int lineWidth() {
        if (widthScanned < text.size()) {
            widthCached += CellWidth::of(QStringView(text).mid(widthScanned));
            widthScanned = text.size();
        }
        return widthCached;
    }
    int column() { return atEnd ? lineWidth() : cursorCol; }

    // Moves the cursor; past the end of the line pads with spaces (tabs, CUF, CHA).
    void setCursor(int col) {
        const int width = lineWidth();
        if (col < width) {
            atEnd = false;
            cursorCol = col;
            return;
        }
        atEnd = true;
        cursorCol = 0;
        if (col > width)
            text.append(QString(col - width, QLatin1Char(' ')));
    }

    void overwrite(QStringView s);
    void replaceRange(qsizetype from, qsizetype to, QStringView s);
    void eraseInLine(int mode);
    void emitFinished(QList<StyledLine> &finished);
};

// Writes s over the cells from the cursor on, as a terminal would after CR or BS.
void TerminalLineBuilder::Private::overwrite(QStringView s) {
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
        const qsizetype at = CellWidth::offsetOfColumn(text, cursorCol);
        replaceRange(at, at, s.first(marks));
        s = s.sliced(marks);
        if (s.isEmpty())
            return;
    }
    const int newWidth = CellWidth::of(s);
    const int startCol = cursorCol;
    const int endCol = cursorCol + newWidth;
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
        replaceRange(from, to, padded);
    } else {
        replaceRange(from, to, s);
    }
    cursorCol = endCol;
    if (cursorCol >= lineWidth()) {
        atEnd = true;
        cursorCol = 0;
    }
}

// text[from, to) becomes s in the current style; runs are clipped and shifted.
void TerminalLineBuilder::Private::replaceRange(qsizetype from, qsizetype to, QStringView s) {
    text.replace(from, to - from, s.data(), s.size());
    const qint32 delta = qint32(s.size() - (to - from));
    QList<StyleRun> updated;
    updated.reserve(runs.size() + 2);
    bool inserted = style.isDefault() || s.isEmpty();
    for (const StyleRun &run : std::as_const(runs)) {
        if (run.start < from) {
            const qint32 leftEnd = qint32(qMin<qsizetype>(run.end(), from));
            updated.append({run.start, leftEnd - run.start, run.style});
        }
        if (!inserted && run.end() > from) {
            updated.append({qint32(from), qint32(s.size()), style});
            inserted = true;
        }
        if (run.end() > to) {
            const qint32 rightStart = qint32(qMax<qsizetype>(run.start, to));
            updated.append({rightStart + delta, run.end() - rightStart, run.style});
        }
    }
    if (!inserted)
        updated.append({qint32(from), qint32(s.size()), style});
    runs = std::move(updated);
    widthScanned = 0;
    widthCached = 0;
}

void TerminalLineBuilder::Private::eraseInLine(int mode) {
    const int col = column();
    if (mode == 0) { // cursor to end
        if (!atEnd)
            replaceRange(CellWidth::offsetOfColumn(text, col), text.size(), {});
        atEnd = true;
        cursorCol = 0;
    } else if (mode == 1) { // start to cursor, inclusive: blanks
        const TextStyle kept = style;
        style = {};
        const int saved = col;
        cursorCol = 0;
        atEnd = false;
        overwrite(QString(qMin(saved + 1, lineWidth()), QLatin1Char(' ')));
        style = kept;
        setCursor(saved);
    } else if (mode == 2) { // whole line; the cursor keeps its column
        text.clear();
        runs.clear();
        widthScanned = 0;
        widthCached = 0;
        atEnd = true;
        cursorCol = 0;
        setCursor(col);
    }
}

TerminalLineBuilder::TerminalLineBuilder(LineKind kind, quint64 blockId)
    : d_(std::make_unique<Private>(kind, blockId)) {}

TerminalLineBuilder::~TerminalLineBuilder() = default;

void TerminalLineBuilder::feed(QByteArrayView bytes, QList<StyledLine> &finished) {
    d_->out = &finished;
    const char *p = bytes.data();
    const char *end = p + bytes.size();
    if (!d_->inSequence) {
        p = d_->consumePlain(p, end);
        if (p < end)
            d_->inSequence = true; // an ESC: libvterm takes it from here
    }
    if (p < end)
        vterm_input_write(d_->vt, p, size_t(end - p));
    d_->out = nullptr;
}

StyledLine TerminalLineBuilder::partialLine() const {
    StyledLine line(d_->text, d_->kind, d_->blockId);
    line.runs = d_->runs;
    return line;
}

bool TerminalLineBuilder::hasPartialLine() const {
    return !d_->text.isEmpty();
}

void TerminalLineBuilder::finish(QList<StyledLine> &finished) {
    d_->out = &finished;
    d_->flushPendingUtf8();
    if (!d_->text.isEmpty())
        d_->newline();
    d_->out = nullptr;
}

void TerminalLineBuilder::reset(quint64 blockId) {
    const char cancel = 0x18; // CAN: libvterm abandons any sequence in progress
    vterm_input_write(d_->vt, &cancel, 1);
    d_->inSequence = false;
    d_->decoder.resetState();
    d_->style = {};
    d_->text = QString();
    d_->runs = QList<StyleRun>();
    d_->atEnd = true;
    d_->cursorCol = 0;
    d_->widthScanned = 0;
    d_->widthCached = 0;
    d_->blockId = blockId;
}

LineKind TerminalLineBuilder::kind() const {
    return d_->kind;
}
quint64 TerminalLineBuilder::blockId() const {
    return d_->blockId;
}
TextStyle TerminalLineBuilder::currentStyle() const {
    return d_->style;
}

} // namespace sandbox
