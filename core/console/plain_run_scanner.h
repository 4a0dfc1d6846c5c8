#pragma once

namespace sandbox {

// Where a plain run of output bytes ends, and whether it is pure ASCII.
struct PlainRun {
    const char *end = nullptr; // the first C0 control or DEL, or the end of the input
    bool ascii = true;         // every byte before `end` is below 0x80
};

// The line builder's fast path: finds the next byte that needs the terminal's attention
// (ESC, CR, LF, BS, TAB, BEL, ...) 16 bytes at a time, and notes on the way whether the
// text before it is ASCII, which then needs no UTF-8 decoding.
class PlainRunScanner {
public:
    static PlainRun scan(const char *p, const char *end);
};

} // namespace sandbox
