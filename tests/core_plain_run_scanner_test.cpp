// The line builder's fast path: where plain text ends, and whether it needs UTF-8 decoding.
#include <plain_run_scanner.h>

#include <QByteArray>

#include <gtest/gtest.h>

using namespace sandbox;

namespace {

// What the scanner must find, byte by byte.
PlainRun reference(const char *p, const char *end) {
    bool ascii = true;
    for (; p < end; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c < 0x20 || c == 0x7f)
            break;
        ascii = ascii && c < 0x80;
    }
    return {p, ascii};
}

void expectLikeReference(const QByteArray &bytes) {
    const char *begin = bytes.constData();
    const char *end = begin + bytes.size();
    const PlainRun got = PlainRunScanner::scan(begin, end);
    const PlainRun want = reference(begin, end);
    EXPECT_EQ(got.end - begin, want.end - begin) << bytes.toHex(' ').toStdString();
    EXPECT_EQ(got.ascii, want.ascii) << bytes.toHex(' ').toStdString();
}

} // namespace

TEST(PlainRunScanner, StopsAtEveryControlByteAtEveryOffset) {
    // Lengths around the block sizes (8 and 16 bytes), the special byte at every offset.
    for (const char special : {'\x00', '\x07', '\x08', '\t', '\n', '\r', '\x1b', '\x1f', '\x7f'}) {
        for (int length = 1; length <= 40; ++length) {
            for (int at = 0; at < length; ++at) {
                QByteArray bytes(length, 'x');
                bytes[at] = special;
                expectLikeReference(bytes);
            }
        }
    }
}

TEST(PlainRunScanner, PrintableBytesAreNotSpecial) {
    QByteArray bytes;
    for (int c = 0x20; c <= 0xff; ++c) {
        if (c != 0x7f)
            bytes.append(char(c));
    }
    const PlainRun run = PlainRunScanner::scan(bytes.constData(), bytes.constEnd());
    EXPECT_EQ(run.end, bytes.constEnd());
    EXPECT_FALSE(run.ascii);
}

TEST(PlainRunScanner, AsciiOnlyCountsBytesBeforeTheStop) {
    for (int length = 2; length <= 40; ++length) {
        for (int high = 0; high < length; ++high) {
            for (int stop = 0; stop < length; ++stop) {
                if (stop == high)
                    continue;
                QByteArray bytes(length, 'a');
                bytes[high] = '\xc3'; // a UTF-8 lead byte: needs decoding
                bytes[stop] = '\x1b';
                expectLikeReference(bytes); // non-ASCII only when it comes before the ESC
            }
        }
    }
}

TEST(PlainRunScanner, EmptyInput) {
    const char *p = "";
    const PlainRun run = PlainRunScanner::scan(p, p);
    EXPECT_EQ(run.end, p);
    EXPECT_TRUE(run.ascii);
}
