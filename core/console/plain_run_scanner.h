#pragma once

#include <bit>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sandbox {

// Where a plain run of output bytes ends, and whether it is pure ASCII.
struct PlainRun {
    const char *end = nullptr; // the first C0 control or DEL, or the end of the input
    bool ascii = true;         // every byte before `end` is below 0x80
};

// The line builder's fast path: finds the next byte that needs the terminal's attention
// (ESC, CR, LF, BS, TAB, BEL, ...) 16 bytes at a time, and notes on the way whether the
// text before it is ASCII, which then needs no UTF-8 decoding. Inline: it runs once per
// piece of text between escapes, and the call cost as much as a short piece's scan.
class PlainRunScanner {
public:
    static PlainRun scan(const char *p, const char *end) {
#if defined(__SSE2__)
        return scanSimd(p, end);
#else
        return scanScalar(p, end);
#endif
    }

#if defined(__SSE2__)
    // Bits of the bytes of `x` that are C0 controls (<= 0x1f) or DEL.
    static int specialMask(__m128i x) {
        const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1f)), x);
        return _mm_movemask_epi8(_mm_or_si128(control, _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f))));
    }
#endif

private:
#if defined(__SSE2__)

    static PlainRun scanBlock(const char *p, __m128i x, int valid, int high) {
        const int special = specialMask(x);
        const int at = special != 0 ? std::countr_zero(unsigned(special)) : valid;
        high |= _mm_movemask_epi8(x) & ((1 << at) - 1);
        return {p + at, high == 0};
    }

    static PlainRun scanSimd(const char *p, const char *end) {
        int high = 0; // top bits of the bytes passed
        while (end - p >= 16) {
            const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
            if (specialMask(x) != 0)
                return scanBlock(p, x, 16, high);
            high |= _mm_movemask_epi8(x);
            p += 16;
        }
        if (p == end)
            return {p, high == 0};
        // The last few bytes, padded with spaces (neither special nor high): pieces between
        // escapes are mostly this short.
        alignas(16) char tail[16];
        std::memset(tail, ' ', sizeof tail);
        std::memcpy(tail, p, size_t(end - p));
        const __m128i x = _mm_load_si128(reinterpret_cast<const __m128i *>(tail));
        return scanBlock(p, x, int(end - p), high);
    }
#else
    // Eight bytes at a time where SSE2 is missing, then byte by byte.
    static PlainRun scanScalar(const char *p, const char *end) {
        constexpr std::uint64_t kOnes = 0x0101010101010101ULL;
        constexpr std::uint64_t kHigh = 0x8080808080808080ULL;
        std::uint64_t seen = 0;
        while (end - p >= 8) {
            std::uint64_t x;
            std::memcpy(&x, p, 8);
            const std::uint64_t below20 = (x - 0x20 * kOnes) & ~x & kHigh;
            const std::uint64_t del = x ^ (0x7f * kOnes);
            const std::uint64_t isDel = (del - kOnes) & ~del & kHigh;
            if (below20 | isDel)
                break;
            seen |= x;
            p += 8;
        }
        for (; p < end; ++p) {
            const auto c = static_cast<unsigned char>(*p);
            if (c < 0x20 || c == 0x7f)
                break;
            seen |= c;
        }
        return {p, (seen & kHigh) == 0};
    }
#endif
};

} // namespace sandbox
