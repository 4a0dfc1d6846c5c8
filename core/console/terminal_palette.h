#pragma once

#include "styled_line.h"
#include "text_style.h"

#include <QtGlobal>

namespace sandbox {

// The console's colours, in one place: the 16 ANSI colours, the xterm 256-colour cube,
// the default foreground/background and the colours of the console's own line kinds.
// Colours are 0xRRGGBB (QtCore only; the view makes QColors of them).
class TerminalPalette {
public:
    static quint32 defaultForeground();
    static quint32 defaultBackground();
    // The colour a line kind uses where the text's foreground is the default (stderr red,
    // headers blue, failed banners red, ...).
    static quint32 foregroundFor(LineKind kind);
    // RGB of a colour; `fallback` for TerminalColor::Kind::Default.
    static quint32 resolve(TerminalColor color, quint32 fallback);
    // Foreground and background of `style` on a line of `kind`, inverse applied.
    static void colours(const TextStyle &style, LineKind kind, quint32 &foreground,
                        quint32 &background);
    // "#rrggbb"
    static const char *hexName(quint32 rgb, char buffer[8]);
};

} // namespace sandbox
