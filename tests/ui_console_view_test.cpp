// ConsoleView on its own: colours, decoding across chunk boundaries, bounded scrollback.
#include "console_view.h"

#include <QDateTime>
#include <QTextBlock>
#include <QTextCursor>

#include <QCoreApplication>
#include <QDeadlineTimer>

#include <gtest/gtest.h>

using sandbox::ConsoleView;

namespace {

QColor colourAt(ConsoleView &view, const QString &needle) {
    QTextCursor found = view.document()->find(needle);
    if (found.isNull())
        return {};
    QTextCursor c(view.document());
    c.setPosition(found.selectionStart() + 1);
    return c.charFormat().foreground().color();
}

} // namespace

TEST(UiConsoleView, StderrHasItsOwnColourAndStdoutDoesNot) {
    ConsoleView view;
    view.appendCommandHeader(QDateTime::currentDateTime(), QStringLiteral("demo"),
                             QStringLiteral("debian:12"), QStringLiteral("echo hi"));
    view.appendOutput({{false, "to stdout\n"}, {true, "to stderr\n"}});
    view.appendEndBanner(QStringLiteral("exit 0"), true);
    const QString text = view.toPlainText();
    EXPECT_TRUE(text.contains(QStringLiteral("echo hi")));
    EXPECT_TRUE(text.contains(QStringLiteral("to stdout\nto stderr\nexit 0")));
    const QColor errColour = colourAt(view, QStringLiteral("to stderr"));
    EXPECT_EQ(errColour, view.format(ConsoleView::Style::Stderr).foreground().color());
    EXPECT_GT(errColour.red(), errColour.green() + 60);
    EXPECT_NE(colourAt(view, QStringLiteral("to stdout")), errColour);
}

TEST(UiConsoleView, MultibyteSequenceSplitAcrossChunksDecodes) {
    ConsoleView view;
    const QByteArray euro = "price: \xe2\x82\xac 5\n";
    // Split inside the three-byte euro sign, with stderr bytes interleaved.
    view.appendOutput({{false, euro.left(8)}, {true, "e\n"}, {false, euro.mid(8)}});
    const QString text = view.toPlainText();
    EXPECT_TRUE(text.contains(QStringLiteral("\u20ac 5"))) << text.toStdString();
    EXPECT_FALSE(text.contains(QChar(0xfffd))) << text.toStdString();
}

TEST(UiConsoleView, InvalidBytesBecomeReplacementCharactersAndLaterTextIsIntact) {
    ConsoleView view;
    view.appendOutput({{false, QByteArray("bad \xff\xfe bytes\n")}, {false, "fine after\n"}});
    const QString text = view.toPlainText();
    EXPECT_TRUE(text.contains(QChar(0xfffd)));
    EXPECT_TRUE(text.contains(QStringLiteral("fine after")));
}

TEST(UiConsoleView, ScrollbackIsBoundedEvenForOneHugeBatch) {
    ConsoleView view;
    view.setScrollbackLines(500);
    QByteArray lines;
    for (int i = 0; i < 20000; ++i)
        lines += "line " + QByteArray::number(i) + '\n';
    view.appendOutput({{false, lines}});
    view.appendOutput({{true, lines}});
    // Layout happens in slices on the event loop; let it catch up (bounded).
    QDeadlineTimer deadline(30000);
    while (view.hasPendingText() && !deadline.hasExpired())
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    ASSERT_FALSE(view.hasPendingText());
    EXPECT_LE(view.document()->blockCount(), 500);
    // The newest 500 lines, in order, ending with the stderr copy's last line.
    const QStringList shown = view.toPlainText().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_FALSE(shown.isEmpty());
    EXPECT_EQ(shown.last(), QStringLiteral("line 19999"));
    EXPECT_EQ(shown.first(), QStringLiteral("line %1").arg(20000 - shown.size()));
    EXPECT_EQ(view.document()->lastBlock().previous().charFormat().foreground(),
              view.format(ConsoleView::Style::Stderr).foreground());
}

TEST(UiConsoleView, ShortOutputIsShownAtOnce) {
    ConsoleView view;
    view.appendOutput({{false, "one line\n"}});
    EXPECT_FALSE(view.hasPendingText());
    EXPECT_EQ(view.toPlainText(), QStringLiteral("one line\n"));
}

TEST(UiConsoleView, ClearEmptiesTheView) {
    ConsoleView view;
    view.appendOutput({{false, "some text"}});
    view.clearAction()->trigger();
    EXPECT_TRUE(view.toPlainText().isEmpty());
    view.appendNotice(QStringLiteral("notice"));
    EXPECT_EQ(view.toPlainText(), QStringLiteral("notice\n"));
}
