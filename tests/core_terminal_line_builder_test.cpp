// The libvterm bridge: what a user sees of a program's raw bytes, as styled lines.
#include "qstring_print.h"

#include <cell_width.h>
#include <line_text_arena.h>
#include <terminal_line_builder.h>

#include <QList>
#include <QString>

#include <gtest/gtest.h>

using namespace sandbox;

namespace sandbox {
void PrintTo(const StyledLine &line, std::ostream *os) {
    *os << '"' << line.text.toStdString() << "\" (" << line.runs.size() << " runs)";
}
} // namespace sandbox

namespace {

using sandbox::test::u;

struct Fed {
    QList<StyledLine> lines;
    StyledLine partial;
};

// Feeds `bytes` in pieces of `step` bytes (0 = all at once).
Fed feed(QByteArrayView bytes, qsizetype step = 0, LineKind kind = LineKind::Stdout) {
    TerminalLineBuilder builder(kind, 7);
    Fed fed;
    if (step <= 0)
        step = qMax<qsizetype>(bytes.size(), 1);
    for (qsizetype at = 0; at < bytes.size(); at += step)
        builder.feed(bytes.sliced(at, qMin(step, bytes.size() - at)), fed.lines);
    fed.partial = builder.partialLine();
    return fed;
}

QStringList texts(const QList<StyledLine> &lines) {
    QStringList out;
    for (const StyledLine &line : lines)
        out.append(line.text);
    return out;
}

// Every way of cutting the input gives the same lines as feeding it at once.
void expectSplitInvariant(QByteArrayView bytes) {
    const Fed whole = feed(bytes);
    for (qsizetype step : {1, 2, 3, 5, 7}) {
        const Fed pieces = feed(bytes, step);
        EXPECT_EQ(pieces.lines, whole.lines) << "step " << step << " of " << bytes.data();
        EXPECT_EQ(pieces.partial, whole.partial) << "step " << step;
    }
}

} // namespace

TEST(TerminalLineBuilder, PlainLinesAndPartialLine) {
    const Fed fed = feed("one\ntwo\nthr");
    EXPECT_EQ(texts(fed.lines), QStringList({u("one"), u("two")}));
    EXPECT_EQ(fed.partial.text, u("thr"));
    for (const StyledLine &line : fed.lines) {
        EXPECT_TRUE(line.runs.isEmpty());
        EXPECT_EQ(line.kind, LineKind::Stdout);
        EXPECT_EQ(line.blockId, 7u);
    }
}

TEST(TerminalLineBuilder, Sgr16ColoursAndResets) {
    const Fed fed =
        feed("a\x1b[31mred\x1b[0m b\x1b[1;4;3;7mX\x1b[22;23;24;27mY\x1b[94mZ\x1b[39mW\n");
    ASSERT_EQ(fed.lines.size(), 1);
    const StyledLine &line = fed.lines.first();
    EXPECT_EQ(line.text, u("ared bXYZW"));
    EXPECT_TRUE(line.styleAt(0).isDefault());
    EXPECT_EQ(line.styleAt(1).foreground, TerminalColor::indexed16(1));
    EXPECT_EQ(line.styleAt(3).foreground, TerminalColor::indexed16(1));
    EXPECT_TRUE(line.styleAt(4).isDefault()); // " " after the reset
    const TextStyle x = line.styleAt(6);
    EXPECT_TRUE(x.has(TextStyle::Bold) && x.has(TextStyle::Underline) && x.has(TextStyle::Italic) &&
                x.has(TextStyle::Inverse));
    EXPECT_TRUE(line.styleAt(7).isDefault()); // 22;23;24;27 undo each one
    EXPECT_EQ(line.styleAt(8).foreground, TerminalColor::indexed16(12)); // bright blue
    EXPECT_TRUE(line.styleAt(9).isDefault());
    EXPECT_EQ(line.runs.size(), 3);
}

TEST(TerminalLineBuilder, Sgr256AndTruecolourInBothForms) {
    const Fed fed = feed("\x1b[38;5;196mA\x1b[48;5;22mB\x1b[0;38;2;10;20;30mC"
                         "\x1b[38:2::1:2:3mD\x1b[48:5:200mE\x1b[49;38:2:4:5:6mF\x1b[mG\n");
    ASSERT_EQ(fed.lines.size(), 1);
    const StyledLine &line = fed.lines.first();
    EXPECT_EQ(line.text, u("ABCDEFG"));
    EXPECT_EQ(line.styleAt(0).foreground, TerminalColor::indexed256(196));
    EXPECT_TRUE(line.styleAt(0).background.isDefault());
    EXPECT_EQ(line.styleAt(1).background, TerminalColor::indexed256(22));
    EXPECT_EQ(line.styleAt(1).foreground, TerminalColor::indexed256(196));
    EXPECT_EQ(line.styleAt(2).foreground, TerminalColor::rgb(10, 20, 30));
    EXPECT_TRUE(line.styleAt(2).background.isDefault());
    EXPECT_EQ(line.styleAt(3).foreground, TerminalColor::rgb(1, 2, 3));
    EXPECT_EQ(line.styleAt(4).background, TerminalColor::indexed256(200));
    EXPECT_EQ(line.styleAt(5).foreground, TerminalColor::rgb(4, 5, 6));
    EXPECT_TRUE(line.styleAt(5).background.isDefault());
    EXPECT_TRUE(line.styleAt(6).isDefault());
}

TEST(TerminalLineBuilder, StyleCarriesOverLines) {
    const Fed fed = feed("\x1b[32mgreen\nstill green\x1b[0m\nplain\n");
    ASSERT_EQ(fed.lines.size(), 3);
    EXPECT_EQ(fed.lines[1].styleAt(0).foreground, TerminalColor::indexed16(2));
    EXPECT_TRUE(fed.lines[2].runs.isEmpty());
}

// Lines laid out like their neighbour share its runs inside the builder; each line must
// still show its own colours when the layout or the colours change.
TEST(TerminalLineBuilder, RepeatedLayoutsKeepEachLinesColours) {
    QList<StyledLine> lines;
    TerminalLineBuilder builder;
    builder.feed("\x1b[31mab\x1b[0m cd\n\x1b[31mab\x1b[0m cd\n\x1b[32mab\x1b[0m cd\n"
                 "plain\n\x1b[31mab\x1b[0m cd\n\x1b[31mabc\x1b[0m d\n",
                 lines);
    ASSERT_EQ(lines.size(), 6);
    const TerminalColor red = TerminalColor::indexed16(1);
    const TerminalColor green = TerminalColor::indexed16(2);
    EXPECT_EQ(lines[0].styleAt(1).foreground, red);
    EXPECT_EQ(lines[1].styleAt(1).foreground, red);
    EXPECT_EQ(lines[2].styleAt(1).foreground, green);
    EXPECT_TRUE(lines[3].runs.isEmpty());
    EXPECT_EQ(lines[4].styleAt(1).foreground, red);
    EXPECT_TRUE(lines[4].styleAt(2).isDefault());
    EXPECT_EQ(lines[5].styleAt(2).foreground, red);
    EXPECT_TRUE(lines[5].styleAt(3).isDefault());
    lines[1].runs.first().style.foreground = green; // a later change to one line (masking)
    EXPECT_EQ(lines[0].styleAt(1).foreground, red);
    EXPECT_EQ(lines[4].styleAt(1).foreground, red);
}

// The builder writes text into a buffer it keeps from line to line, 16 units at a time
// past the end of short pieces: padding, overwrites and the next line never show what is
// left there, neither text nor style.
TEST(TerminalLineBuilder, ReusedLineBufferShowsNothingOfThePreviousLine) {
    QList<StyledLine> lines;
    TerminalLineBuilder builder;
    builder.feed("\x1b[31m0123456789abcdefghijklmnopqrstuvwxyz\x1b[0m\n"
                 "ab\x1b[5Cz\n"
                 "x\ty\n"
                 "\x1b[32mgreen\x1b[0m\rG\x1b[K\n"
                 "cd\n",
                 lines);
    ASSERT_EQ(lines.size(), 5);
    EXPECT_EQ(lines[1].text, u("ab     z"));
    EXPECT_TRUE(lines[1].runs.isEmpty());
    EXPECT_EQ(lines[2].text, u("x       y"));
    EXPECT_TRUE(lines[2].runs.isEmpty());
    EXPECT_EQ(lines[3].text, u("G"));
    EXPECT_TRUE(lines[3].runs.isEmpty());
    EXPECT_EQ(lines[4].text, u("cd"));
    EXPECT_TRUE(lines[4].runs.isEmpty());
    EXPECT_EQ(lines[0].text, u("0123456789abcdefghijklmnopqrstuvwxyz"));
    EXPECT_EQ(lines[0].styleAt(35).foreground, TerminalColor::indexed16(1));
    // Each piece ending exactly at the end of the input (nothing to read past it).
    for (qsizetype step : {1, 2, 3, 17}) {
        QList<StyledLine> pieces;
        TerminalLineBuilder b;
        const QByteArray bytes = "0123456789abcdefghijklmnopqrst\nab\x1b[5Cz\nxy\n";
        for (qsizetype at = 0; at < bytes.size(); at += step) {
            const QByteArray piece = bytes.mid(at, step); // its own buffer, nothing after it
            b.feed(piece, pieces);
        }
        ASSERT_EQ(pieces.size(), 3) << "step " << step;
        EXPECT_EQ(pieces[0].text, u("0123456789abcdefghijklmnopqrst"));
        EXPECT_EQ(pieces[1].text, u("ab     z"));
        EXPECT_EQ(pieces[2].text, u("xy"));
    }
}

TEST(TerminalLineBuilder, CarriageReturnProgressEndsAsOneLine) {
    QByteArray progress;
    for (int i = 0; i <= 100; i += 10)
        progress += QByteArray::number(i) + "%\r";
    progress += "done\n";
    const Fed fed = feed(progress);
    EXPECT_EQ(texts(fed.lines), QStringList({u("done")}));
    // As a terminal shows it: "ok" over "100%", whose last cells survive.
    EXPECT_EQ(texts(feed("100%\rok\n").lines), QStringList({u("ok0%")}));

    const Fed erased = feed("10%\r\x1b[K20%\r\x1b[Kfinished\r\n");
    EXPECT_EQ(texts(erased.lines), QStringList({u("finished")}));

    const Fed crlf = feed("windows\r\nline\r\n");
    EXPECT_EQ(texts(crlf.lines), QStringList({u("windows"), u("line")}));
}

TEST(TerminalLineBuilder, PartialProgressLineShowsLatestState) {
    TerminalLineBuilder builder;
    QList<StyledLine> lines;
    builder.feed("downloading 10%", lines);
    EXPECT_EQ(builder.partialLine().text, u("downloading 10%"));
    builder.feed("\rdownloading 55%", lines);
    EXPECT_EQ(builder.partialLine().text, u("downloading 55%"));
    EXPECT_TRUE(lines.isEmpty());
    builder.feed("\rdownloaded      \n", lines);
    EXPECT_EQ(texts(lines), QStringList({u("downloaded      ")}));
    EXPECT_FALSE(builder.hasPartialLine());
}

TEST(TerminalLineBuilder, OverwriteKeepsStylesOfUntouchedCells) {
    const Fed fed = feed("\x1b[31mabcdef\x1b[0m\r\x1b[32mXY\x1b[0m\n");
    ASSERT_EQ(fed.lines.size(), 1);
    const StyledLine &line = fed.lines.first();
    EXPECT_EQ(line.text, u("XYcdef"));
    EXPECT_EQ(line.styleAt(0).foreground, TerminalColor::indexed16(2));
    EXPECT_EQ(line.styleAt(1).foreground, TerminalColor::indexed16(2));
    EXPECT_EQ(line.styleAt(2).foreground, TerminalColor::indexed16(1));
    EXPECT_EQ(line.styleAt(5).foreground, TerminalColor::indexed16(1));
}

TEST(TerminalLineBuilder, BackspaceAndTabs) {
    EXPECT_EQ(texts(feed("abc\bX\n").lines), QStringList({u("abX")}));
    EXPECT_EQ(texts(feed("ab\b\b\bcd\n").lines), QStringList({u("cd")}));
    EXPECT_EQ(texts(feed("a\tb\n").lines), QStringList({u("a       b")}));
    EXPECT_EQ(texts(feed("12345678\tx\n").lines), QStringList({u("12345678        x")}));
    EXPECT_EQ(texts(feed("\tx\n").lines), QStringList({u("        x")}));
    // A tab after CR moves over existing cells without erasing them.
    EXPECT_EQ(texts(feed("abcdefghijk\r\tX\n").lines), QStringList({u("abcdefghXjk")}));
    // Tab stops count cells: a wide character takes two.
    EXPECT_EQ(texts(feed("\xe4\xb8\xad\tx\n").lines), QStringList({u("中      x")}));
}

TEST(TerminalLineBuilder, WideCharactersTakeTwoCells) {
    EXPECT_EQ(CellWidth::of(u("中文")), 4);
    EXPECT_EQ(CellWidth::of(u("😀")), 2);
    EXPECT_EQ(CellWidth::of(u("e\u0301")), 1); // combining acute
    EXPECT_EQ(CellWidth::of(u("abc")), 3);
    EXPECT_EQ(CellWidth::offsetOfColumn(u("中a"), 1), 0);
    EXPECT_EQ(CellWidth::offsetOfColumn(u("中a"), 2), 1);
    // CR then two narrow characters replace exactly one wide one.
    EXPECT_EQ(texts(feed("\xe4\xb8\xad\xe6\x96\x87\rab\n").lines), QStringList({u("ab文")}));
    // Overwriting half a wide character blanks the other half, as a terminal does.
    EXPECT_EQ(texts(feed("\xe4\xb8\xad\xe6\x96\x87\ra\n").lines), QStringList({u("a 文")}));
    // Backspace moves one cell: over the right half of the emoji.
    EXPECT_EQ(texts(feed("x\xf0\x9f\x98\x80\b!\n").lines), QStringList({u("x !")}));
}

TEST(TerminalLineBuilder, EscapeSequencesSplitAcrossChunks) {
    const QByteArray bytes = "plain \x1b[1;38;2;255;128;0morange\x1b[0m and \x1b]0;title\x07"
                             "after osc\n\x1b[38;5;33mblue\x1b[0m\rBL\n";
    expectSplitInvariant(bytes);
    const Fed fed = feed(bytes, 1);
    ASSERT_EQ(fed.lines.size(), 2);
    EXPECT_EQ(fed.lines[0].text, u("plain orange and after osc"));
    EXPECT_EQ(fed.lines[0].styleAt(6).foreground, TerminalColor::rgb(255, 128, 0));
    EXPECT_TRUE(fed.lines[0].styleAt(6).has(TextStyle::Bold));
    EXPECT_EQ(fed.lines[1].text, u("BLue"));
    EXPECT_EQ(fed.lines[1].styleAt(2).foreground, TerminalColor::indexed256(33));
}

TEST(TerminalLineBuilder, Utf8SplitAcrossChunks) {
    const QByteArray bytes = "gr\xc3\xbc\xc3\x9f \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x98\x80 end\n";
    expectSplitInvariant(bytes);
    EXPECT_EQ(texts(feed(bytes, 1).lines), QStringList({u("grüß 中文 😀 end")}));
}

TEST(TerminalLineBuilder, InvalidUtf8BecomesReplacementCharacter) {
    const QString r(QChar(0xFFFD));
    EXPECT_EQ(texts(feed("a\xff"
                         "b\n")
                        .lines),
              QStringList({u("a") + r + u("b")}));
    // A sequence cut short by a plain character, a newline or an escape: one U+FFFD per
    // byte (Qt's decoder's rule), and the character after it survives.
    EXPECT_EQ(texts(feed("x\xe2\x82y\n").lines), QStringList({u("x") + r + r + u("y")}));
    EXPECT_EQ(texts(feed("x\xe2\x82\ny\n").lines), QStringList({u("x") + r + r, u("y")}));
    EXPECT_EQ(texts(feed("x\xe2\x82\x1b[31my\n").lines), QStringList({u("x") + r + r + u("y")}));
    // The same, with the cut at a chunk boundary: the character after it survives.
    for (const char *bytes : {"x\xe2\x82y\n",
                              "a\xff"
                              "b\n",
                              "x\xe2\x82\ny\n"})
        expectSplitInvariant(bytes);
    // A truncated sequence at the very end of the stream.
    TerminalLineBuilder builder;
    QList<StyledLine> lines;
    builder.feed("tail\xe2\x82", lines);
    builder.finish(lines);
    EXPECT_EQ(texts(lines), QStringList({u("tail") + r + r}));
}

TEST(TerminalLineBuilder, UnknownSequencesAndBellAreDropped) {
    const Fed fed = feed("\x1b[2J\x1b[H\x1b[?25lhi\x07 there\x1b[?25h\x1b(B\x1b"
                         "7ok\x1b[5A\n");
    EXPECT_EQ(texts(fed.lines), QStringList({u("hi thereok")}));
    EXPECT_TRUE(fed.lines.first().runs.isEmpty());
    // OSC 8 hyperlinks (ls --hyperlink, gcc): the link text stays, the URL goes.
    const QByteArray link = "see \x1b]8;;https://example.org/x\x1b\\the docs\x1b]8;;\x1b\\.\n";
    EXPECT_EQ(texts(feed(link).lines), QStringList({u("see the docs.")}));
    expectSplitInvariant(link);
}

TEST(TerminalLineBuilder, StderrKeepsItsKindUnlessColoured) {
    const Fed fed = feed("warning\n\x1b[33mown colour\x1b[0m\n", 0, LineKind::Stderr);
    ASSERT_EQ(fed.lines.size(), 2);
    EXPECT_EQ(fed.lines[0].kind, LineKind::Stderr);
    EXPECT_FALSE(fed.lines[0].hasExplicitForeground()); // the view paints it red
    EXPECT_EQ(fed.lines[1].kind, LineKind::Stderr);
    EXPECT_TRUE(fed.lines[1].hasExplicitForeground()); // the program's yellow wins
}

TEST(TerminalLineBuilder, StreamsKeepSeparateState) {
    TerminalLineBuilder out(LineKind::Stdout);
    TerminalLineBuilder err(LineKind::Stderr);
    QList<StyledLine> lines;
    out.feed("\x1b[31mred \x1b[38;5;", lines); // stdout stops inside a sequence
    err.feed("err\n", lines);
    out.feed("40mgreen\n", lines);
    ASSERT_EQ(lines.size(), 2);
    EXPECT_EQ(lines[0].text, u("err"));
    EXPECT_TRUE(lines[0].runs.isEmpty());
    EXPECT_EQ(lines[1].text, u("red green"));
    EXPECT_EQ(lines[1].styleAt(4).foreground, TerminalColor::indexed256(40));
}

TEST(TerminalLineBuilder, ResetStartsTheNextCommandClean) {
    TerminalLineBuilder builder;
    QList<StyledLine> lines;
    builder.feed("\x1b[31mhalf a line\x1b[38;5", lines);
    builder.reset(9);
    builder.feed("fresh\n", lines);
    ASSERT_EQ(lines.size(), 1);
    EXPECT_EQ(lines.first().text, u("fresh"));
    EXPECT_TRUE(lines.first().runs.isEmpty());
    EXPECT_EQ(lines.first().blockId, 9u);
}

TEST(TerminalLineBuilder, EndlessLineIsBroken) {
    const QByteArray bytes(TerminalLineBuilder::kMaxLineLength * 2 + 10, 'x');
    const Fed fed = feed(bytes);
    ASSERT_EQ(fed.lines.size(), 2);
    qsizetype total = fed.partial.text.size();
    for (const StyledLine &line : fed.lines) {
        EXPECT_LE(line.text.size(), TerminalLineBuilder::kMaxLineLength + 64);
        total += line.text.size();
    }
    EXPECT_EQ(total, bytes.size()); // nothing lost
}

// An endless line is broken at exactly the limit, whether it arrives at once or in pieces
// (the builder takes long ASCII runs 16 bytes at a time, and stops short of the limit).
TEST(TerminalLineBuilder, EndlessLineBreaksAtTheLimitHoweverItArrives) {
    const QByteArray bytes(TerminalLineBuilder::kMaxLineLength * 2 + 10, 'x');
    for (qsizetype step : {0, 16, 1000, 4099}) {
        const Fed fed = feed(bytes, step);
        ASSERT_EQ(fed.lines.size(), 2) << "step " << step;
        EXPECT_EQ(fed.lines[0].text.size(), TerminalLineBuilder::kMaxLineLength) << "step " << step;
        EXPECT_EQ(fed.lines[1].text.size(), TerminalLineBuilder::kMaxLineLength) << "step " << step;
        EXPECT_EQ(fed.partial.text.size(), 10) << "step " << step;
    }
}

// Long ASCII runs with UTF-8, a tab and an escape at every offset within 16-byte blocks.
TEST(TerminalLineBuilder, LongRunsWithUtf8AndControlsAtAnyOffset) {
    for (int offset = 0; offset < 40; ++offset) {
        const QByteArray a(offset, 'a');
        const QByteArray c(offset, 'c');
        const QByteArray bytes =
            "\x1b[32m" + a + "\xc3\xbc" + QByteArray(20, 'b') + "\tX\x1b[0m" + c + "\n";
        const int beforeTab = offset + 1 + 20;
        const QString want = QString(offset, u'a') + QChar(0xfc) + QString(20, u'b') +
                             QString((beforeTab / 8 + 1) * 8 - beforeTab, u' ') + u'X' +
                             QString(offset, u'c');
        const Fed fed = feed(bytes);
        ASSERT_EQ(fed.lines.size(), 1) << "offset " << offset;
        const StyledLine &line = fed.lines[0];
        EXPECT_EQ(line.text, want) << "offset " << offset;
        const qsizetype x = line.text.indexOf(u'X');
        EXPECT_EQ(line.styleAt(0).foreground, TerminalColor::indexed16(2)) << "offset " << offset;
        EXPECT_EQ(line.styleAt(x).foreground, TerminalColor::indexed16(2)) << "offset " << offset;
        EXPECT_TRUE(line.styleAt(x + 1).isDefault()) << "offset " << offset;
        expectSplitInvariant(bytes);
    }
}

TEST(TerminalLineBuilder, ArbitraryBytesInAnyPiecesGiveTheSameLines) {
    // Output a user could really get (a binary cat to the console): escapes, controls,
    // broken UTF-8, all cut at random places. Nothing may crash or depend on the cuts.
    const char *pieces[] = {
        "\x1b[",        "31m",    "\x1b[0m",   "\r",           "\n",
        "\b",           "\t",     "\x07",      "\xe4\xb8\xad", "\xf0\x9f\x98\x80",
        "\xc3",         "\xa9",   "\xff",      "abc",          "  ",
        "\x1b]0;t\x07", "\x1b[K", "\x1b[3D",   "\x1b[5G",      "\x1b[38;2;1;2;3m",
        "\x1b",         "\x9b",   "e\xcc\x81", "\x7f"};
    quint32 seed = 12345;
    const auto next = [&seed] {
        seed = seed * 1103515245u + 12345u;
        return (seed >> 16) & 0x7fff;
    };
    for (int round = 0; round < 50; ++round) {
        QByteArray bytes;
        for (int i = 0; i < 200; ++i)
            bytes += pieces[next() % std::size(pieces)];
        const Fed whole = feed(bytes);
        QString all;
        for (const StyledLine &line : whole.lines) {
            for (const StyleRun &run : line.runs) { // runs stay inside their line
                EXPECT_GE(run.start, 0);
                EXPECT_GT(run.length, 0);
                EXPECT_LE(run.end(), line.text.size());
            }
            all += line.text;
        }
        EXPECT_FALSE(all.contains(QChar(0x1b))) << "round " << round;
        for (qsizetype step : {1, 3, 17}) {
            const Fed cut = feed(bytes, step);
            EXPECT_EQ(texts(cut.lines), texts(whole.lines))
                << "round " << round << " step " << step;
            EXPECT_EQ(cut.partial.text, whole.partial.text) << "round " << round;
        }
    }
}

// The finished lines of a flood share blocks of text; each must still read, end and edit
// like a string of its own, whichever lines and blocks are gone.
TEST(LineTextArena, LinesKeepTheirTextAcrossBlocks) {
    QStringList expected;
    QList<QString> lines;
    {
        LineTextArena arena;
        for (int i = 0; i < 3000; ++i) {
            // 1 to ~3,000 units: short lines share blocks, the longest have their own.
            QString text = QStringLiteral("line %1 \u00e9\u4e2d ").arg(i);
            text += QString(i % 7 == 0 ? i : i % 97, QChar(u'a' + i % 26));
            expected.append(text);
            lines.append(arena.copy(text));
        }
        EXPECT_TRUE(lines[1].isSharedWith(lines[2])) << "short lines share a block";
        EXPECT_FALSE(lines[2996].isSharedWith(lines[2997])) << "long lines have their own";
    } // the arena is gone; the lines keep their blocks
    for (qsizetype i = 0; i < lines.size(); ++i) {
        ASSERT_EQ(lines[i], expected[i]) << "line " << i;
        EXPECT_EQ(lines[i].utf16()[lines[i].size()], 0) << "line " << i << " is null-terminated";
    }
    lines.remove(0, 2000); // the oldest lines go first, as the ring drops them
    for (qsizetype i = 0; i < lines.size(); ++i)
        ASSERT_EQ(lines[i], expected[i + 2000]) << "line " << i + 2000;
}

TEST(LineTextArena, EditingALineLeavesItsNeighboursAlone) {
    auto arena = std::make_unique<LineTextArena>();
    QString first = arena->copy(u"first");
    QString second = arena->copy(u"second");
    QString third = arena->copy(u"third");
    first.append(u" and more");
    second[0] = u'S';
    third.prepend(u">");
    EXPECT_EQ(first, u"first and more");
    EXPECT_EQ(second, u"Second");
    EXPECT_EQ(third, u">third");
    // The last line left in a block, with the arena gone, is its only user: an edit may
    // grow it in place, over the room its neighbours had, and must read back right.
    QString survivor = arena->copy(u"survivor");
    const QString neighbour = arena->copy(u"neighbour");
    QString grown = neighbour;
    grown.append(u'!');
    EXPECT_EQ(neighbour, u"neighbour") << "a copy's edit leaves the line";
    {
        const QString gone = arena->copy(u"gone");
        arena.reset();
    }
    survivor.append(QString(40, u'x'));
    EXPECT_EQ(survivor, u"survivor" + QString(40, u'x'));
    EXPECT_EQ(neighbour, u"neighbour");
    EXPECT_EQ(grown, u"neighbour!");
    QString last = LineTextArena().copy(u"last");
    last.append(u"!");
    EXPECT_EQ(last, u"last!");
}
