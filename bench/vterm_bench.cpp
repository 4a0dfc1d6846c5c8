// sandbox-vterm-bench: how fast escape-heavy output turns into lines, per layer.
// libvterm's parser alone, its state layer, its screen layer (with sb_pushline
// scrollback), and our TerminalLineBuilder (plain and coloured lines). Numbers in MiB/s
// as one JSON object, never pass/fail.
//
//   sandbox-vterm-bench [--size MiB] [--builder-only]
//   (default 64 MiB for the fast paths; the screen layer gets an eighth of it, it is that
//   slow; --builder-only skips libvterm's layers, for profiling)
#include <terminal_line_builder.h>

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>

#include <vterm.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

namespace {

constexpr qsizetype kChunk = 64 * 1024; // what the agent's chunks look like

// ~70-byte log lines; "coloured" puts 5 SGR sequences (16, 256 and 24-bit) on each.
QByteArray makeInput(qsizetype bytes, bool coloured) {
    QByteArray out;
    out.reserve(bytes + 256);
    for (int i = 0; out.size() < bytes; ++i) {
        const QByteArray n = QByteArray::number(i).rightJustified(6, '0');
        if (coloured)
            out += "\x1b[1;32mline " + n +
                   "\x1b[0m: \x1b[33mthe quick brown fox\x1b[0m jumps "
                   "\x1b[38;5;196mover\x1b[0m the lazy dog \x1b[38;2;10;20;30m0123456789\x1b[0m\n";
        else
            out += "line " + n + ": the quick brown fox jumps over the lazy dog 0123456789\n";
    }
    return out;
}

double mibPerSecond(qsizetype bytes, qint64 nanoseconds) {
    return double(bytes) / (1024.0 * 1024.0) / (double(nanoseconds) / 1e9);
}

qint64 threadCpuNanoseconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

struct Speed {
    double wall = 0; // MiB/s of elapsed time
    double cpu = 0;  // MiB/s of this thread's CPU time: steadier on a machine shared by builds
};

template <typename Feed> Speed measure(const QByteArray &input, Feed feed) {
    QElapsedTimer timer;
    timer.start();
    const qint64 cpuStart = threadCpuNanoseconds();
    for (qsizetype at = 0; at < input.size(); at += kChunk)
        feed(input.constData() + at, qMin(kChunk, input.size() - at));
    return {mibPerSecond(input.size(), timer.nsecsElapsed()),
            mibPerSecond(input.size(), threadCpuNanoseconds() - cpuStart)};
}

// The least a parser client can do: take text up to the next control byte.
int parserText(const char *bytes, size_t len, void *) {
    size_t i = 0;
    while (i < len && static_cast<unsigned char>(bytes[i]) >= 0x20 && bytes[i] != 0x7f)
        ++i;
    return int(i > 0 ? i : 1);
}
int parserControl(unsigned char, void *) {
    return 1;
}
int parserCsi(const char *, const long[], int, const char *, char, void *) {
    return 1;
}

Speed vtermParser(const QByteArray &input) {
    VTerm *vt = vterm_new(25, 80);
    vterm_set_utf8(vt, 1);
    static const VTermParserCallbacks callbacks = {parserText, parserControl, nullptr, parserCsi,
                                                   nullptr,    nullptr,       nullptr};
    vterm_parser_set_callbacks(vt, &callbacks, nullptr);
    const Speed speed =
        measure(input, [vt](const char *p, qsizetype n) { vterm_input_write(vt, p, size_t(n)); });
    vterm_free(vt);
    return speed;
}

// A client of the state layer that keeps nothing: every callback is a no-op (scrollrect
// returning 1 means "handled", else libvterm scrolls through moverect/erase itself).
int statePutglyph(VTermGlyphInfo *, VTermPos, void *) {
    return 1;
}
int stateMovecursor(VTermPos, VTermPos, int, void *) {
    return 1;
}
int stateScrollrect(VTermRect, int, int, void *) {
    return 1;
}
int stateMoverect(VTermRect, VTermRect, void *) {
    return 1;
}
int stateErase(VTermRect, int, void *) {
    return 1;
}
int stateSetpenattr(VTermAttr, VTermValue *, void *) {
    return 1;
}

Speed vtermState(const QByteArray &input) {
    VTerm *vt = vterm_new(25, 80);
    vterm_set_utf8(vt, 1);
    VTermState *state = vterm_obtain_state(vt);
    static VTermStateCallbacks callbacks{};
    callbacks.putglyph = statePutglyph;
    callbacks.movecursor = stateMovecursor;
    callbacks.scrollrect = stateScrollrect;
    callbacks.moverect = stateMoverect;
    callbacks.erase = stateErase;
    callbacks.setpenattr = stateSetpenattr;
    vterm_state_set_callbacks(state, &callbacks, nullptr);
    vterm_state_reset(state, 1);
    const Speed speed =
        measure(input, [vt](const char *p, qsizetype n) { vterm_input_write(vt, p, size_t(n)); });
    vterm_free(vt);
    return speed;
}

// Scrollback as a terminal keeps it: every line pushed off the screen is copied.
int screenPushline(int cols, const VTermScreenCell *cells, void *user) {
    auto *scrollback = static_cast<std::vector<VTermScreenCell> *>(user);
    scrollback->assign(cells, cells + cols);
    return 1;
}

Speed vtermScreen(const QByteArray &input) {
    VTerm *vt = vterm_new(25, 80);
    vterm_set_utf8(vt, 1);
    VTermScreen *screen = vterm_obtain_screen(vt);
    std::vector<VTermScreenCell> scrollback;
    static VTermScreenCallbacks callbacks{};
    callbacks.sb_pushline = screenPushline;
    vterm_screen_set_callbacks(screen, &callbacks, &scrollback);
    vterm_screen_reset(screen, 1);
    const Speed speed =
        measure(input, [vt](const char *p, qsizetype n) { vterm_input_write(vt, p, size_t(n)); });
    vterm_free(vt);
    return speed;
}

Speed builder(const QByteArray &input, qsizetype &linesOut) {
    sandbox::TerminalLineBuilder b(sandbox::LineKind::Stdout, 1);
    QList<sandbox::StyledLine> lines;
    qsizetype count = 0;
    const Speed speed = measure(input, [&](const char *p, qsizetype n) {
        lines.clear(); // the GUI takes them; the builder's cost includes making them
        b.feed(QByteArrayView(p, n), lines);
        count += lines.size();
    });
    linesOut = count;
    return speed;
}

} // namespace

int main(int argc, char **argv) {
    qsizetype mib = 64;
    bool builderOnly = false; // for profiling the builder alone
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--size") == 0 && i + 1 < argc) {
            mib = std::atoll(argv[++i]);
        } else if (std::strcmp(argv[i], "--builder-only") == 0) {
            builderOnly = true;
        } else {
            std::fprintf(stderr, "usage: sandbox-vterm-bench [--size MiB] [--builder-only]\n");
            return std::strcmp(argv[i], "--help") == 0 ? 0 : 1;
        }
    }
    if (mib < 1)
        mib = 1;
    const QByteArray plain = makeInput(mib << 20, false);
    const QByteArray coloured = makeInput(mib << 20, true);
    const QByteArray smallColoured = makeInput(qMax<qsizetype>(1, mib / 8) << 20, true);
    qsizetype plainLines = 0;
    qsizetype colourLines = 0;
    const Speed parser = builderOnly ? Speed() : vtermParser(coloured);
    const Speed state = builderOnly ? Speed() : vtermState(coloured);
    const Speed screen = builderOnly ? Speed() : vtermScreen(smallColoured);
    const Speed ourPlain = builder(plain, plainLines);
    const Speed ourColour = builder(coloured, colourLines);
    std::printf("{\n"
                "  \"input_mib\": %lld,\n"
                "  \"vterm_parser_mib_s\": %.1f,\n"
                "  \"vterm_state_mib_s\": %.1f,\n"
                "  \"vterm_screen_mib_s\": %.1f,\n"
                "  \"builder_plain_mib_s\": %.1f,\n"
                "  \"builder_colour_mib_s\": %.1f,\n"
                "  \"vterm_parser_cpu_mib_s\": %.1f,\n"
                "  \"vterm_state_cpu_mib_s\": %.1f,\n"
                "  \"vterm_screen_cpu_mib_s\": %.1f,\n"
                "  \"builder_plain_cpu_mib_s\": %.1f,\n"
                "  \"builder_colour_cpu_mib_s\": %.1f,\n"
                "  \"builder_plain_lines\": %lld,\n"
                "  \"builder_colour_lines\": %lld\n"
                "}\n",
                static_cast<long long>(mib), parser.wall, state.wall, screen.wall, ourPlain.wall,
                ourColour.wall, parser.cpu, state.cpu, screen.cpu, ourPlain.cpu, ourColour.cpu,
                static_cast<long long>(plainLines), static_cast<long long>(colourLines));
    return 0;
}
