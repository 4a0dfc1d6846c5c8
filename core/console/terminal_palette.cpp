#include "terminal_palette.h"

#include <cstdio>

namespace sandbox {

namespace {

// The 16 ANSI colours, tuned to stay readable on the console's light background.
constexpr quint32 kAnsi16[16] = {
    0x000000, 0xcd3131, 0x00a000, 0x949800, 0x0451a5, 0xbc05bc, 0x0598bc, 0x555555,
    0x666666, 0xe03c3c, 0x14b814, 0xb5ba00, 0x2a6fd6, 0xd42fd4, 0x11a8cd, 0xa5a5a5,
};

quint32 xterm256(int index) {
    if (index < 16)
        return kAnsi16[index];
    if (index < 232) { // 6x6x6 cube
        static constexpr int kLevels[6] = {0, 95, 135, 175, 215, 255};
        const int i = index - 16;
        return (quint32(kLevels[i / 36]) << 16) | (quint32(kLevels[(i / 6) % 6]) << 8) |
               quint32(kLevels[i % 6]);
    }
    const quint32 grey = quint32(8 + 10 * (index - 232));
    return (grey << 16) | (grey << 8) | grey;
}

} // namespace

quint32 TerminalPalette::defaultForeground() {
    return 0x1e1e1e;
}
quint32 TerminalPalette::defaultBackground() {
    return 0xffffff;
}

quint32 TerminalPalette::foregroundFor(LineKind kind) {
    switch (kind) {
    case LineKind::Stdout:
        return defaultForeground();
    case LineKind::Stderr:
        return 0xd23c3c;
    case LineKind::Header:
        return 0x3b6fb6;
    case LineKind::BannerOk:
        return 0x2e8b57;
    case LineKind::BannerFailed:
        return 0xc0392b;
    case LineKind::Notice:
        return 0xb7791f;
    case LineKind::DropMarker:
        return 0x7a7a7a;
    }
    return defaultForeground();
}

quint32 TerminalPalette::resolve(TerminalColor color, quint32 fallback) {
    switch (color.kind()) {
    case TerminalColor::Kind::Default:
        return fallback;
    case TerminalColor::Kind::Indexed16:
    case TerminalColor::Kind::Indexed256:
        return xterm256(color.index());
    case TerminalColor::Kind::Rgb:
        return color.rgbValue();
    }
    return fallback;
}

void TerminalPalette::colours(const TextStyle &style, LineKind kind, quint32 &foreground,
                              quint32 &background) {
    foreground = resolve(style.foreground, foregroundFor(kind));
    background = resolve(style.background, defaultBackground());
    if (style.has(TextStyle::Inverse))
        std::swap(foreground, background);
}

const char *TerminalPalette::hexName(quint32 rgb, char buffer[8]) {
    std::snprintf(buffer, 8, "#%06x", unsigned(rgb & 0xffffff));
    return buffer;
}

} // namespace sandbox
