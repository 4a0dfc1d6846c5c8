#pragma once

#include "text_style.h"

namespace sandbox {

// Applies one SGR sequence (CSI ... m, as libvterm's parser hands its arguments over,
// sub-parameters flagged with CSI_ARG_FLAG_MORE) to a style: reset, bold, italic,
// underline, inverse and their resets; 16, bright-16, 256 and 24-bit colours in both the
// ';' and the ':' forms. Unknown codes are ignored.
class SgrParser {
public:
    static void apply(TextStyle &style, const long args[], int argc) {
        // A reset alone (ESC [ m, ESC [ 0 m) is every other SGR of coloured output: inline.
        if (argc == 0 || (argc == 1 && (args[0] == 0 || args[0] == kMissing)))
            style = {};
        else if (argc == 1 && args[0] >= 30 && args[0] <= 37) // one of the 8 colours, next
            style.foreground = TerminalColor::indexed16(int(args[0] - 30));
        else
            applyCodes(style, args, argc);
    }

private:
    static constexpr long kMissing = (1L << 31) - 1; // libvterm's CSI_ARG_MISSING
    static void applyCodes(TextStyle &style, const long args[], int argc);
};

} // namespace sandbox
