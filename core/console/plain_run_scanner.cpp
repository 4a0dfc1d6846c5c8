#include "plain_run_scanner.h"

#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sandbox {

namespace {

bool isSpecial(unsigned char c) {
    return c < 0x20 || c == 0x7f;
}

#if defined(__SSE2__)
// Whole 16-byte blocks up to the first one holding a special byte; `high` collects the
// top bits of every byte passed.
const char *scanBlocks(const char *p, const char *end, bool &high) {
    const __m128i lastControl = _mm_set1_epi8(0x1f);
    const __m128i del = _mm_set1_epi8(0x7f);
    __m128i seen = _mm_setzero_si128();
    while (end - p >= 16) {
        const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(x, lastControl), x); // x <= 0x1f
        const __m128i special = _mm_or_si128(control, _mm_cmpeq_epi8(x, del));
        if (_mm_movemask_epi8(special) != 0)
            break;
        seen = _mm_or_si128(seen, x);
        p += 16;
    }
    high = high || _mm_movemask_epi8(seen) != 0;
    return p;
}
#else
// Eight bytes at a time where SSE2 is missing.
const char *scanBlocks(const char *p, const char *end, bool &high) {
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
    high = high || (seen & kHigh) != 0;
    return p;
}
#endif

} // namespace

PlainRun PlainRunScanner::scan(const char *p, const char *end) {
    bool high = false;
    p = scanBlocks(p, end, high);
    unsigned char seen = 0;
    for (; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (isSpecial(c))
            break;
        seen |= c;
    }
    return {p, !high && seen < 0x80};
}

} // namespace sandbox
