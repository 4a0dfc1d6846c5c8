#include "terminal_line_builder.h"

#include "plain_run_scanner.h"
#include "sgr_parser.h"
#include "terminal_line.h"
#include "utf8_stream_decoder.h"

#include <vterm.h>

namespace sandbox {

namespace {

constexpr char16_t kReplacement = 0xFFFD;
// The block-wise fast path stops this far below the line limit, so the general path breaks
// an endless line exactly where it always did (it takes up to the limit in one go from here).
constexpr qsizetype kFastPathLimit = TerminalLineBuilder::kMaxLineLength - 80;

} // namespace

struct TerminalLineBuilder::Private {
    LineKind kind;
    quint64 blockId;
    VTerm *vt = nullptr;
    Utf8StreamDecoder decoder;
    TextStyle style;
    TerminalLine line;
    // libvterm may be inside an escape sequence: the next feed goes through its parser
    // (whose text callback still takes plain runs the fast way).
    bool inSequence = false;
    QList<StyledLine> *out = nullptr;
    QString scratch;

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
            return 1;       // private modes and the like: nothing a line needs
        if (command == 'm') // SGR: most of the sequences in coloured output
            SgrParser::apply(d->style, args, argcount);
        else
            d->csi(args, argcount, command);
        return 1;
    }
    static int onString(const char *, size_t, void *) { return 1; }
    static constexpr VTermParserCallbacks kCallbacks = {
        &Private::onText, &Private::onControl, &Private::onEscape,
        &Private::onCsi,  &Private::onString,  &Private::onString,
        nullptr,
    };

    // Text and controls up to the next ESC (returned) or `end`. Inlined into libvterm's text
    // callback, which calls it once per piece between escapes.
    Q_ALWAYS_INLINE const char *consumePlain(const char *p, const char *end) {
        while (p < end) {
            if (line.cursorAtEnd() && !decoder.hasPendingBytes()) {
                p = line.appendAsciiBlocks(p, end, kFastPathLimit, style);
                if (p == end)
                    return end;
                if (const auto c = static_cast<unsigned char>(*p); c < 0x20 || c == 0x7f) {
                    if (c == 0x1b)
                        return p;
                    control(c);
                    ++p;
                    continue;
                }
            }
            // The rest: a last piece under 16 bytes, UTF-8, an overwrite, the line limit.
            const PlainRun run = PlainRunScanner::scan(p, end);
            const char *special = run.end;
            if (special > p) {
                const qsizetype n = special - p;
                // The common case in one test: ASCII text appended to a line with room for it.
                if (run.ascii && line.cursorAtEnd() && !decoder.hasPendingBytes() &&
                    line.size() + n < kMaxLineLength)
                    line.appendAscii(p, n, end, style);
                else
                    appendBytes(p, n, end, run.ascii);
            }
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
            if (!line.isEmpty())
                line.setCursor(0);
            break;
        case '\b':
            if (const int col = line.column(); col > 0)
                line.setCursor(col - 1);
            break;
        case '\t':
            line.setCursor((line.column() / 8 + 1) * 8);
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
        case 'K':
            line.eraseInLine(int(arg(0, 0)));
            break;
        case 'G': // cursor to column (1-based)
            line.setCursor(int(qBound(1L, arg(0, 1), 4096L)) - 1);
            break;
        case 'C': // cursor forward
            line.setCursor(line.column() + int(qBound(1L, arg(0, 1), 4096L)));
            break;
        case 'D': // cursor back
            line.setCursor(qMax(0, line.column() - int(qBound(1L, arg(0, 1), 4096L))));
            break;
        default: // anything else (cursor up, clear screen, modes, ...) is dropped
            break;
        }
    }

    // --- the line ---
    // `ascii`: no byte is 0x80 or above, so no UTF-8 decoding is needed. `readable`: the
    // input may be read up to there.
    void appendBytes(const char *p, qsizetype n, const char *readable, bool ascii) {
        if (decoder.hasPendingBytes()) {
            // Finish a sequence split across feeds one byte at a time; Qt's stateful
            // decoder would swallow the character after a broken one.
            while (n > 0 && decoder.hasPendingBytes() && Utf8StreamDecoder::isContinuation(*p)) {
                QChar buffer[4];
                const QChar *e = decoder.appendToBuffer(buffer, QByteArrayView(p, 1));
                if (e > buffer)
                    line.write(QStringView(buffer, e - buffer), style);
                ++p;
                --n;
            }
            if (n > 0)
                flushPendingUtf8();
        }
        while (n > 0) {
            if (!line.cursorAtEnd()) {
                scratch.resize(decoder.requiredSpace(n));
                const QChar *e = decoder.appendToBuffer(scratch.data(), QByteArrayView(p, n));
                line.write(QStringView(scratch.constData(), e - scratch.constData()), style);
                return;
            }
            // Bytes >= UTF-16 units, so a slice this long cannot overrun the line limit much.
            const qsizetype take = qMin(n, qMax<qsizetype>(kMaxLineLength - line.size(), 64));
            line.appendUtf8(p, take, readable, decoder, style, ascii);
            p += take;
            n -= take;
            if (line.size() >= kMaxLineLength)
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
        line.write(QStringView(replacements, count), style);
    }

    void newline() { line.takeInto(*out, kind, blockId); }
};

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
    return d_->line.snapshot(d_->kind, d_->blockId);
}

bool TerminalLineBuilder::hasPartialLine() const {
    return !d_->line.isEmpty();
}

void TerminalLineBuilder::finish(QList<StyledLine> &finished) {
    d_->out = &finished;
    d_->flushPendingUtf8();
    if (!d_->line.isEmpty())
        d_->newline();
    d_->out = nullptr;
}

void TerminalLineBuilder::reset(quint64 blockId) {
    const char cancel = 0x18; // CAN: libvterm abandons any sequence in progress
    vterm_input_write(d_->vt, &cancel, 1);
    d_->inSequence = false;
    d_->decoder.resetState();
    d_->style = {};
    d_->line.clear();
    d_->blockId = blockId;
}

} // namespace sandbox
