// The transcript ring: command blocks, bounded memory with a drop marker, find, export.
#include "qstring_print.h"

#include <line_ring.h>
#include <terminal_line_builder.h>
#include <transcript_model.h>

#include <QSignalSpy>

#include <output_mask.h>
#include <profile.h>
#include <security_profile_clamp.h>

#include <gtest/gtest.h>

using namespace sandbox;

namespace sandbox {
void PrintTo(const FindMatch &m, std::ostream *os) {
    *os << "{row " << m.row << ", start " << m.start << ", length " << m.length << "}";
}
} // namespace sandbox

namespace {

using sandbox::test::u;

CommandContext context(QStringList argv) {
    CommandContext c;
    c.startedAt = QDateTime(QDate(2024, 5, 6), QTime(14, 3, 22));
    c.profileName = u("Local demo");
    c.address = u("127.0.0.1:50051");
    c.image = u("alpine:3");
    c.securityProfileRequested = u("privileged");
    c.securityProfileEffective = u("standard");
    c.workdir = u("/work");
    c.envKeys = {u("API_TOKEN"), u("MODE")};
    c.argv = std::move(argv);
    return c;
}

QList<StyledLine> outputLines(const QString &prefix, int count, LineKind kind = LineKind::Stdout) {
    QList<StyledLine> lines;
    for (int i = 0; i < count; ++i)
        lines.append(StyledLine(prefix + QString::number(i), kind));
    return lines;
}

CommandSummary exited(int code) {
    CommandSummary s;
    s.exitCode = code;
    s.duration = std::chrono::milliseconds(1200);
    s.stdoutBytes = 2048;
    return s;
}

QStringList rowTexts(const TranscriptModel &model) {
    QStringList out;
    for (qsizetype row = 0; row < model.lineCount(); ++row)
        out.append(model.line(row).text);
    return out;
}

} // namespace

TEST(TranscriptModel, BlockHasHeaderOutputAndBanner) {
    TranscriptModel model;
    const quint64 id = model.beginCommand(context({u("echo"), u("hello world"), u("it's")}));
    EXPECT_NE(id, 0u);
    EXPECT_TRUE(model.isRunning(id));
    model.appendOutput(id, outputLines(u("out"), 2));
    model.endCommand(id, exited(0));
    EXPECT_FALSE(model.isRunning(id));

    ASSERT_EQ(model.lineCount(), 5);
    const StyledLine argvLine = model.line(0);
    EXPECT_EQ(argvLine.kind, LineKind::Header);
    EXPECT_EQ(argvLine.text, u("$ echo 'hello world' 'it'\\''s'")); // exact, shell-quoted
    const QString facts = model.line(1).text;
    for (const char *part : {"2024-05-06 14:03:22", "Local demo", "127.0.0.1:50051", "alpine:3",
                             "standard", "privileged", "/work", "API_TOKEN=•••", "MODE=•••"})
        EXPECT_TRUE(facts.contains(u(part))) << part << " missing in " << facts.toStdString();
    EXPECT_EQ(model.line(2).text, u("out0"));
    EXPECT_EQ(model.line(3).blockId, id);
    EXPECT_EQ(model.line(4).kind, LineKind::BannerOk);
    EXPECT_TRUE(model.line(4).text.contains(u("exit 0"))) << model.line(4).text.toStdString();
    EXPECT_EQ(model.blockRows(id), std::make_pair(qsizetype(0), qsizetype(4)));

    const quint64 failed = model.beginCommand(context({u("false")}));
    model.endCommand(failed, exited(1));
    EXPECT_EQ(model.line(model.lineCount() - 1).kind, LineKind::BannerFailed);
    EXPECT_EQ(model.headerRows(), QList<qsizetype>({0, 5}));
    EXPECT_EQ(model.nextHeaderRow(0), 5);
    EXPECT_EQ(model.nextHeaderRow(5), -1);
    EXPECT_EQ(model.previousHeaderRow(7), 5);
    EXPECT_EQ(model.previousHeaderRow(5), 0);
    EXPECT_EQ(model.previousHeaderRow(0), -1);
    EXPECT_EQ(model.blockIdAt(6), failed);
}

// Issue 8, item 8: the header says which security profile the agent applies, by the one
// rule in core (SecurityProfileClamp), not just what was requested.
TEST(TranscriptModel, HeaderNamesTheSecurityProfileTheAgentApplies) {
    EXPECT_EQ(SecurityProfileClamp::effective(u("permissive")), u("standard"));
    EXPECT_EQ(SecurityProfileClamp::effective(u("strict")), u("strict"));
    EXPECT_EQ(SecurityProfileClamp::effective(u("standard")), u("standard"));
    EXPECT_EQ(SecurityProfileClamp::effective(QString()), u("standard"));
    EXPECT_TRUE(SecurityProfileClamp::explain(u("permissive"))
                    .contains(u("The reference agent will apply \"standard\", not \"permissive\"")))
        << SecurityProfileClamp::explain(u("permissive")).toStdString();

    TranscriptModel model;
    CommandContext c = context({u("id")});
    c.securityProfileRequested = u("permissive");
    c.securityProfileEffective = SecurityProfileClamp::effective(c.securityProfileRequested);
    model.beginCommand(c);
    const QString facts = model.line(1).text;
    EXPECT_TRUE(facts.contains(u("security standard applied by the agent (requested permissive)")))
        << facts.toStdString();
}

// Issue 8, item 9: presenter mode masks env values in what is shown, whole, also when one
// arrives split over a partial line; styles keep their columns.
TEST(TranscriptModel, PresenterMaskHidesEnvValuesInOutputOnly) {
    Profile profile;
    profile.env = {{u("DB_PASSWORD"), u("hunter2")},
                   {u("API_KEY"), u("secret://api.key")},
                   {u("EMPTY"), QString()}};
    const OutputMask mask = OutputMask::forProfile(profile);
    EXPECT_EQ(mask.values(), QStringList({u("hunter2")})) << "secret:// and empty values stay";

    StyledLine line(u("DB_PASSWORD=hunter2 and hunter2"), LineKind::Stdout);
    mask.apply(line);
    EXPECT_EQ(line.text, u("DB_PASSWORD=••••••• and •••••••"));
    StyledLine partial(u("DB_PASSWORD=hunt"), LineKind::Stdout);
    mask.applyToPartial(partial);
    EXPECT_EQ(partial.text, u("DB_PASSWORD=••••"));

    TranscriptModel model;
    const quint64 id = model.beginCommand(context({u("env")}));
    model.appendOutput(id, {StyledLine(u("DB_PASSWORD=hunter2"), LineKind::Stdout, id)});
    model.maskOutput(mask);
    const QString shown = rowTexts(model).join(u("\n"));
    EXPECT_FALSE(shown.contains(u("hunter2"))) << shown.toStdString();
    EXPECT_TRUE(shown.contains(u("DB_PASSWORD=•••••••"))) << shown.toStdString();
}

TEST(TranscriptModel, PartialLinesAreShownAndReplaced) {
    TranscriptModel model;
    const quint64 id = model.beginCommand(context({u("pip"), u("install")}));
    QSignalSpy partial(&model, &TranscriptModel::partialLinesChanged);
    QSignalSpy appended(&model, &TranscriptModel::linesAppended);

    TerminalLineBuilder out(LineKind::Stdout, id);
    TerminalLineBuilder err(LineKind::Stderr, id);
    QList<StyledLine> finished;
    err.feed("progress 10%", finished);
    model.appendOutput(id, finished, out.partialLine(), err.partialLine());
    EXPECT_EQ(partial.count(), 1);
    EXPECT_EQ(model.partialLineCount(), 1);
    EXPECT_EQ(model.line(model.lineCount() - 1).text, u("progress 10%"));
    EXPECT_EQ(model.line(model.lineCount() - 1).kind, LineKind::Stderr);

    err.feed("\rprogress 80%", finished);
    out.feed("log line\nhalf", finished);
    model.appendOutput(id, finished, out.partialLine(), err.partialLine());
    EXPECT_EQ(appended.count(), 1);
    EXPECT_EQ(appended.last().at(1).toLongLong(), 1);
    const qsizetype n = model.lineCount();
    EXPECT_EQ(model.line(n - 3).text, u("log line")); // finished lines before partial rows
    EXPECT_EQ(model.line(n - 2).text, u("half"));     // stdout partial, then stderr partial
    EXPECT_EQ(model.line(n - 1).text, u("progress 80%"));
    EXPECT_EQ(model.lineNumberAt(n - 1), -1);

    model.endCommand(id, exited(0)); // partial lines become finished lines
    EXPECT_EQ(model.partialLineCount(), 0);
    const QStringList rows = rowTexts(model);
    EXPECT_EQ(rows.mid(2, 3), QStringList({u("log line"), u("half"), u("progress 80%")}));
}

// ConsoleSession frees dropped lines on the thread that built them: the model hands every
// dropped line, oldest first, to its disposer instead of destroying it (in lists that may
// also hold moved-out, empty lines).
TEST(TranscriptModel, DroppedLinesGoToTheDisposerOldestFirst) {
    TranscriptModel model;
    model.setCapacity(50);
    QStringList disposed;
    model.setLineDisposer([&](QList<StyledLine> &&lines) {
        for (const StyledLine &line : lines) {
            if (!line.isEmpty())
                disposed << line.text;
        }
    });
    const quint64 id = model.beginCommand(context({u("seq"), u("100")}));
    model.appendOutput(id, outputLines(u("a"), 40));
    model.appendOutput(id, outputLines(u("b"), 40));
    ASSERT_EQ(model.droppedLineCount(), 2 + 80 - 50); // the 2 header lines, then a0-a29
    ASSERT_EQ(disposed.size(), 32);
    EXPECT_EQ(disposed.at(2), u("a0"));
    EXPECT_EQ(disposed.last(), u("a29"));
    model.setCapacity(10);
    EXPECT_EQ(disposed.size(), 32 + 40);
    EXPECT_EQ(disposed.last(), u("b29"));
    EXPECT_EQ(model.line(1).text, u("b30")); // row 0 is the drop marker
}

TEST(TranscriptModel, RingIsBoundedAndSaysWhatItDropped) {
    TranscriptModel model;
    model.setCapacity(100);
    model.setSpoolDirectory(u("/tmp/spool-dir"));
    QSignalSpy dropped(&model, &TranscriptModel::linesDropped);
    const quint64 first = model.beginCommand(context({u("seq"), u("1000")}));
    for (int i = 0; i < 10; ++i)
        model.appendOutput(first, outputLines(QStringLiteral("b%1-").arg(i), 100));
    model.endCommand(first, exited(0));
    const quint64 second = model.beginCommand(context({u("true")}));
    model.endCommand(second, exited(0));

    EXPECT_EQ(model.lineCount(), 101); // the marker + a full ring
    EXPECT_EQ(model.totalLinesAppended(), 2 + 1000 + 1 + 2 + 1);
    EXPECT_EQ(model.droppedLineCount(), model.totalLinesAppended() - 100);
    const StyledLine marker = model.line(0);
    EXPECT_EQ(marker.kind, LineKind::DropMarker);
    EXPECT_TRUE(marker.text.startsWith(QString::number(model.droppedLineCount()) +
                                       u(" earlier lines are not shown")))
        << marker.text.toStdString();
    EXPECT_TRUE(marker.text.contains(u("/tmp/spool-dir")));
    EXPECT_GT(dropped.count(), 0);
    // The first block's header is gone; only the second block's header can be jumped to.
    EXPECT_EQ(model.headerRows(), QList<qsizetype>({98}));
    EXPECT_EQ(model.line(97).kind, LineKind::BannerOk);
    EXPECT_TRUE(model.line(97).text.startsWith(u("── exit 0 · ")));
    EXPECT_EQ(model.line(96).text, u("b9-99"));
    const auto rows = model.blockRows(first);
    EXPECT_EQ(rows.first, 1);
    EXPECT_EQ(rows.second, 97);

    model.setCapacity(10);
    EXPECT_EQ(model.lineCount(), 11);
    EXPECT_EQ(model.line(10).kind, LineKind::BannerOk);
    EXPECT_EQ(model.blockRows(first), std::make_pair(qsizetype(1), qsizetype(7)));
}

TEST(TranscriptModel, LineNumbersStayStableWhileRowsShift) {
    TranscriptModel model;
    model.setCapacity(50);
    const quint64 id = model.beginCommand(context({u("yes")}));
    model.appendOutput(id, outputLines(u("l"), 40));
    const qint64 anchor = model.lineNumberAt(30);
    ASSERT_EQ(model.line(30).text, u("l28"));
    QSignalSpy dropped(&model, &TranscriptModel::linesDropped);
    model.appendOutput(id, outputLines(u("m"), 20));
    ASSERT_EQ(dropped.count(), 1);
    const qsizetype shift = dropped.first().at(0).toLongLong();
    const qsizetype row = model.rowOfLineNumber(anchor);
    EXPECT_EQ(row, 30 - shift); // what the view computes from the signal
    EXPECT_EQ(model.line(row).text, u("l28"));
}

TEST(TranscriptModel, FindPlainRegexAndCase) {
    TranscriptModel model;
    model.setCapacity(1000);
    const quint64 id = model.beginCommand(context({u("grep"), u("-r"), u("Error")}));
    model.appendOutput(id,
                       {StyledLine(u("error: disk full; ERROR again"), LineKind::Stderr),
                        StyledLine(u("all good"), LineKind::Stdout),
                        StyledLine(u("Error 42 and error 7"), LineKind::Stdout)},
                       StyledLine(u("partial error"), LineKind::Stdout));

    const FindResult any = model.find(u("error"));
    EXPECT_TRUE(any.error.isEmpty());
    EXPECT_FALSE(any.olderOutputInSpool);
    // The header ("$ grep -r Error") counts too: it is text the user sees.
    QList<FindMatch> expected = {{0, 10, 5}, {2, 0, 5},  {2, 18, 5},
                                 {4, 0, 5},  {4, 13, 5}, {5, 8, 5}};
    EXPECT_EQ(any.matches, expected);

    const FindResult exact = model.find(u("Error"), {true, false});
    EXPECT_EQ(exact.matches, QList<FindMatch>({{0, 10, 5}, {4, 0, 5}}));

    const FindResult regex = model.find(u("error \\d+"), {false, true});
    EXPECT_EQ(regex.matches, QList<FindMatch>({{4, 0, 8}, {4, 13, 7}}));
    EXPECT_EQ(model.find(u("^ERR"), {true, true}).matches.size(), 0);
    EXPECT_EQ(model.find(u("^err"), {false, true}).matches.size(), 2);

    const FindResult invalid = model.find(u("(unclosed"), {false, true});
    EXPECT_FALSE(invalid.error.isEmpty());
    EXPECT_TRUE(invalid.matches.isEmpty());
    EXPECT_TRUE(model.find(QString()).matches.isEmpty());

    model.setCapacity(3);
    const FindResult after = model.find(u("error"));
    EXPECT_TRUE(after.olderOutputInSpool);
    for (const FindMatch &m : after.matches)
        EXPECT_NE(model.line(m.row).kind, LineKind::DropMarker);
}

TEST(TranscriptModel, ExportPlainAndHtml) {
    TranscriptModel model;
    const quint64 id = model.beginCommand(context({u("ls"), u("--color=always")}));
    TerminalLineBuilder out(LineKind::Stdout, id);
    QList<StyledLine> lines;
    out.feed("\x1b[1;34mbin\x1b[0m <tmp> & \x1b[38;2;1;2;3mrgb\x1b[0m\n", lines);
    model.appendOutput(id, lines);
    model.appendOutput(id, {StyledLine(u("oops"), LineKind::Stderr)});
    model.endCommand(id, exited(0));

    const QString plain = model.exportBlock(id, TranscriptExport::Format::PlainText);
    const QStringList plainLines = plain.split(u("\n"));
    ASSERT_EQ(plainLines.size(), 6); // 5 lines and the final newline
    EXPECT_EQ(plainLines[0], u("$ ls --color=always"));
    EXPECT_EQ(plainLines[2], u("bin <tmp> & rgb"));
    EXPECT_EQ(plainLines[3], u("oops"));
    EXPECT_FALSE(plain.contains(QChar(0x1b)));

    const QString html = model.exportAll(TranscriptExport::Format::Html);
    EXPECT_TRUE(html.startsWith(u("<!DOCTYPE html>")));
    EXPECT_TRUE(html.contains(u("<span style=\"color:#0451a5;font-weight:bold\">bin</span>")))
        << html.toStdString();
    EXPECT_TRUE(html.contains(u(" &lt;tmp&gt; &amp; ")));
    EXPECT_TRUE(html.contains(u("<span style=\"color:#010203\">rgb</span>")));
    EXPECT_TRUE(html.contains(u("<span style=\"color:#d23c3c\">oops</span>"))); // stderr red
    EXPECT_TRUE(html.trimmed().endsWith(u("</html>")));

    EXPECT_EQ(model.exportRows(2, 1, TranscriptExport::Format::PlainText), u("bin <tmp> & rgb\n"));
}

TEST(TranscriptModel, ClearEmptiesTheRing) {
    TranscriptModel model;
    model.setCapacity(5);
    const quint64 id = model.beginCommand(context({u("seq"), u("10")}));
    model.appendOutput(id, outputLines(u("x"), 10));
    QSignalSpy reset(&model, &TranscriptModel::modelReset);
    model.clear();
    EXPECT_EQ(reset.count(), 1);
    EXPECT_EQ(model.lineCount(), 0);
    EXPECT_FALSE(model.hasDropMarker());
    EXPECT_TRUE(model.isRunning(id)); // the command keeps running; its output continues
    model.appendOutput(id, outputLines(u("y"), 1));
    model.endCommand(id, exited(0));
    EXPECT_EQ(rowTexts(model).first(), u("y0"));
    EXPECT_TRUE(model.headerRows().isEmpty());
}

TEST(TranscriptModel, CallerMayNumberTheCommands) {
    TranscriptModel model;
    EXPECT_EQ(model.beginCommand(context({u("a")}), 41), 41u);
    model.endCommand(41, exited(0));
    const quint64 next = model.beginCommand(context({u("b")}));
    EXPECT_GT(next, 41u); // never collides with an id the caller used
    EXPECT_EQ(model.blockIdAt(model.headerRows().last()), next);
}

TEST(TranscriptModel, SelectionSliceKeepsItsColours) {
    // Copy with colours of part of a line: the view slices the line, then exports it.
    TerminalLineBuilder out(LineKind::Stdout, 1);
    QList<StyledLine> lines;
    out.feed("ab\x1b[31mcdef\x1b[0mgh\n", lines);
    ASSERT_EQ(lines.size(), 1);
    const StyledLine slice = lines.first().mid(3, 4); // "defg"
    EXPECT_EQ(slice.text, u("defg"));
    ASSERT_EQ(slice.runs.size(), 1);
    EXPECT_EQ(slice.runs.first().start, 0);
    EXPECT_EQ(slice.runs.first().length, 3);
    EXPECT_TRUE(
        TranscriptExport::toHtml({slice}).contains(u("<span style=\"color:#cd3131\">def</span>g")));
}

// The ring under the model: lines stay in order through drops, wrap-around and growth.
TEST(LineRing, KeepsOrderThroughDropsWrapAndGrowth) {
    LineRing ring;
    qsizetype next = 0;
    qsizetype oldest = 0;
    const auto push = [&](int n) {
        for (int i = 0; i < n; ++i)
            ring.pushBack(StyledLine(QString::number(next++), LineKind::Stdout));
    };
    const auto expectOrder = [&](const char *when) {
        ASSERT_EQ(ring.size(), next - oldest) << when;
        for (qsizetype i = 0; i < ring.size(); ++i)
            ASSERT_EQ(ring[i].text, QString::number(oldest + i)) << when << ", index " << i;
    };
    push(100); // grows from empty
    expectOrder("after the first lines");
    QList<StyledLine> gone;
    ring.takeFront(60, &gone);
    ASSERT_EQ(gone.size(), 60);
    EXPECT_EQ(gone.front().text, u"0");
    EXPECT_EQ(gone.back().text, u"59");
    oldest = 60;
    expectOrder("after dropping the oldest");
    push(20); // wraps around in the same slots
    expectOrder("after wrapping");
    push(500); // grows while wrapped
    expectOrder("after growing while wrapped");
    ring.takeFront(ring.size() - 3, nullptr);
    oldest = next - 3;
    expectOrder("after dropping all but three");
    ring.takeFront(10, nullptr); // more than it holds: all
    oldest = next;
    expectOrder("after dropping everything");
    push(5);
    expectOrder("after starting over");
    ring.clear();
    oldest = next;
    expectOrder("after clear");
}

// A flood at capacity: each new line takes the oldest one's slot and hands it back, so the
// ring stays in order and every dropped line comes out once, oldest first. A lower limit
// later keeps the newest lines in order.
TEST(LineRing, AFullRingSwapsTheNewestInForTheOldest) {
    LineRing ring;
    ring.setLimit(5);
    for (int i = 0; i < 3; ++i)
        ring.pushBack(StyledLine(QString::number(i), LineKind::Stdout));
    ring.setLimit(4); // above its size: nothing moves
    ring.pushBack(StyledLine(u("3"), LineKind::Stdout));
    ASSERT_TRUE(ring.isFull());
    QStringList handedBack;
    for (int i = 4; i < 11; ++i) {
        StyledLine line(QString::number(i), LineKind::Stdout);
        ring.replaceOldest(line);
        handedBack << line.text;
    }
    EXPECT_EQ(handedBack, QStringList({u("0"), u("1"), u("2"), u("3"), u("4"), u("5"), u("6")}));
    ASSERT_EQ(ring.size(), 4);
    for (qsizetype i = 0; i < 4; ++i)
        EXPECT_EQ(ring[i].text, QString::number(7 + i)) << "index " << i;
    ring.takeFront(2, nullptr);
    ring.setLimit(2); // lays the two that are left out again
    ASSERT_TRUE(ring.isFull());
    StyledLine line(u("11"), LineKind::Stdout);
    ring.replaceOldest(line);
    EXPECT_EQ(line.text, u"9");
    EXPECT_EQ(ring[0].text, u"10");
    EXPECT_EQ(ring[1].text, u"11");
}
