// ConsoleView on its own: colours, decoding across chunk boundaries, bounded scrollback.
#include "console_view.h"

#include <QDateTime>
#include <QTextBlock>
#include <QTextCursor>

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
    EXPECT_LE(view.document()->blockCount(), 500);
    EXPECT_TRUE(view.toPlainText().contains(QStringLiteral("line 19999")));
}

TEST(UiConsoleView, ClearEmptiesTheView) {
    ConsoleView view;
    view.appendOutput({{false, "some text"}});
    view.clearAction()->trigger();
    EXPECT_TRUE(view.toPlainText().isEmpty());
    view.appendNotice(QStringLiteral("notice"));
    EXPECT_EQ(view.toPlainText(), QStringLiteral("notice\n"));
}
