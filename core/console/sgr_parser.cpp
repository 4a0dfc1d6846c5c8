#include "sgr_parser.h"

#include <vterm.h>

namespace sandbox {

namespace {

long value(const long args[], int argc, int i) {
    if (i >= argc || CSI_ARG_IS_MISSING(args[i]))
        return 0;
    return long(CSI_ARG(args[i]));
}

// 38/48 and what follows; returns how many arguments were used after the code.
int extendedColour(TerminalColor &colour, const long args[], int argc, int i) {
    // The ':' form keeps everything in sub-parameters of the one argument.
    int subEnd = i;
    while (subEnd < argc && CSI_ARG_HAS_MORE(args[subEnd]))
        ++subEnd;
    const bool colonForm = subEnd > i;
    const long mode = value(args, argc, i + 1);
    if (mode == 5) {
        colour = TerminalColor::indexed256(int(value(args, argc, i + 2)));
        return colonForm ? subEnd - i : 2;
    }
    if (mode == 2) {
        // 38:2:cs:r:g:b carries a colour-space id before r, 38:2:r:g:b and 38;2;r;g;b not.
        const int first = (colonForm && subEnd - i >= 5) ? i + 3 : i + 2;
        colour =
            TerminalColor::rgb(int(value(args, argc, first)), int(value(args, argc, first + 1)),
                               int(value(args, argc, first + 2)));
        return colonForm ? subEnd - i : 4;
    }
    return colonForm ? subEnd - i : 1;
}

} // namespace

void SgrParser::applyCodes(TextStyle &style, const long args[], int argc) {
    static_assert(kMissing == long(CSI_ARG_MISSING));
    for (int i = 0; i < argc; ++i) {
        const long code = value(args, argc, i);
        const bool hasSub = CSI_ARG_HAS_MORE(args[i]);
        int skip = 0;
        if (code >= 30 && code <= 37) {
            style.foreground = TerminalColor::indexed16(int(code - 30));
        } else if (code >= 90 && code <= 97) {
            style.foreground = TerminalColor::indexed16(int(code - 90 + 8));
        } else if (code >= 40 && code <= 47) {
            style.background = TerminalColor::indexed16(int(code - 40));
        } else if (code >= 100 && code <= 107) {
            style.background = TerminalColor::indexed16(int(code - 100 + 8));
        } else {
            switch (code) {
            case 0:
                style = {};
                break;
            case 1:
                style.set(TextStyle::Bold, true);
                break;
            case 3:
                style.set(TextStyle::Italic, true);
                break;
            case 4: // 4:0 is "no underline", 4:1..4:5 kinds of underline
                style.set(TextStyle::Underline, !(hasSub && value(args, argc, i + 1) == 0));
                break;
            case 7:
                style.set(TextStyle::Inverse, true);
                break;
            case 21: // double underline
                style.set(TextStyle::Underline, true);
                break;
            case 22:
                style.set(TextStyle::Bold, false);
                break;
            case 23:
                style.set(TextStyle::Italic, false);
                break;
            case 24:
                style.set(TextStyle::Underline, false);
                break;
            case 27:
                style.set(TextStyle::Inverse, false);
                break;
            case 38:
                skip = extendedColour(style.foreground, args, argc, i);
                break;
            case 39:
                style.foreground = {};
                break;
            case 48:
                skip = extendedColour(style.background, args, argc, i);
                break;
            case 49:
                style.background = {};
                break;
            default:
                break;
            }
        }
        i += skip;
        // Sub-parameters of a code handled above (4:3, or unknown ones) are not codes.
        while (i < argc && CSI_ARG_HAS_MORE(args[i]))
            ++i;
    }
}

} // namespace sandbox
