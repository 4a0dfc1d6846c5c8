// FindBar over a TranscriptView: Ctrl+F, match count, F3 / Shift+F3, case and regex
// toggles, invalid patterns, highlights in the view, the spool note, Esc.
#include "find_bar.h"
#include "ui_transcript_fixture.h"

#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QToolButton>
#include <QVBoxLayout>

using namespace sandbox;
using sandbox::test::EventWait;
using sandbox::test::TranscriptUiTest;

namespace {

// The tab as the lead will build it: the view with the bar under it.
struct Tab {
    explicit Tab(TranscriptModel *model) {
        auto *layout = new QVBoxLayout(&widget);
        view = new TranscriptView(model, &widget);
        bar = new FindBar(view, &widget);
        layout->addWidget(view);
        layout->addWidget(bar);
        bar->installShortcuts(&widget);
        widget.resize(800, 600);
        widget.show();
        EXPECT_TRUE(QTest::qWaitForWindowExposed(&widget));
    }
    // Types a pattern and waits for the debounced search.
    void type(const QString &pattern) {
        bar->patternField()->clear();
        QTest::keyClicks(bar->patternField(), pattern);
        EXPECT_TRUE(EventWait::until([&] { return !bar->isSearchPending(); }));
    }
    QWidget widget;
    TranscriptView *view = nullptr;
    FindBar *bar = nullptr;
};

QByteArray needles(int count) {
    QByteArray out;
    for (int i = 0; i < count; ++i)
        out += (i % 10 == 0 ? "needle " : "hay ") + QByteArray::number(i) + '\n';
    return out;
}

} // namespace

using UiFindBar = TranscriptUiTest;

TEST_F(UiFindBar, CtrlFOpensWithFocusAndEveryMatchIsHighlighted) {
    runCommand(QStringLiteral("gen"), needles(1200)); // 120 lines with "needle"
    Tab tab(&model);
    tab.view->setFocus();
    tab.view->scrollToRow(0);
    QTest::keyClick(tab.view, Qt::Key_F, Qt::ControlModifier);
    EXPECT_TRUE(tab.bar->isVisible());
    EXPECT_TRUE(tab.bar->patternField()->hasFocus());

    tab.type(QStringLiteral("needle"));
    EXPECT_EQ(tab.bar->statusText(), QStringLiteral("1 of 120"));
    EXPECT_EQ(tab.view->highlightCount(), 120);
    EXPECT_EQ(tab.view->currentHighlight(), 0);

    QTest::keyClick(tab.bar->patternField(), Qt::Key_F3);
    EXPECT_EQ(tab.bar->statusText(), QStringLiteral("2 of 120"));
    QTest::keyClick(tab.bar->patternField(), Qt::Key_Return);
    EXPECT_EQ(tab.bar->statusText(), QStringLiteral("3 of 120"));
    QTest::keyClick(tab.bar->patternField(), Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClick(tab.bar->patternField(), Qt::Key_F3, Qt::ShiftModifier);
    EXPECT_EQ(tab.bar->statusText(), QStringLiteral("1 of 120"));
    QTest::keyClick(tab.bar->patternField(), Qt::Key_F3, Qt::ShiftModifier); // wraps
    EXPECT_EQ(tab.bar->statusText(), QStringLiteral("120 of 120"));
    EXPECT_EQ(tab.view->currentHighlight(), 119);
    // The current match (line "needle 1190") is scrolled into view.
    const qsizetype row = model.find(QStringLiteral("needle")).matches.last().row;
    EXPECT_GE(row, tab.view->firstVisibleRow());
    EXPECT_LT(row, tab.view->firstVisibleRow() + tab.view->visibleRowCount());

    // Painted: the current match's cell has the highlight behind it (top edge of the 'n').
    tab.view->viewport()->repaint();
    const QImage image = tab.view->viewport()->grab().toImage();
    const QPoint at = cellCentre(*tab.view, row, 0);
    const QFontMetricsF fm(tab.view->font());
    const QColor behind = image.pixelColor(at.x(), at.y() - int(fm.height() / 2) + 1);
    EXPECT_NE(behind, QColor(Qt::white)) << behind.name().toStdString();
    EXPECT_GT(behind.red(), behind.blue() + 60) << behind.name().toStdString(); // orange
}

TEST_F(UiFindBar, F3AfterNewOutputSearchesAgain) {
    runCommand(QStringLiteral("gen"), needles(100));
    Tab tab(&model);
    tab.bar->openBar();
    tab.type(QStringLiteral("needle"));
    EXPECT_EQ(tab.bar->matchCount(), 10);
    runCommand(QStringLiteral("gen"), needles(100));
    EXPECT_EQ(tab.bar->matchCount(), 10); // not re-searched on every append
    QTest::keyClick(tab.bar->patternField(), Qt::Key_F3);
    EXPECT_EQ(tab.bar->matchCount(), 20);
    EXPECT_TRUE(tab.bar->statusText().endsWith(QStringLiteral(" of 20")));
}

TEST_F(UiFindBar, CaseAndRegexTogglesAndAnInvalidPattern) {
    runCommand(QStringLiteral("log"), "Error one\nerror two\nERROR three\nterror\n");
    Tab tab(&model);
    tab.bar->openBar();
    tab.type(QStringLiteral("error"));
    EXPECT_EQ(tab.bar->matchCount(), 4);
    QTest::mouseClick(tab.bar->caseSensitiveButton(), Qt::LeftButton);
    EXPECT_EQ(tab.bar->matchCount(), 2); // "error two", "terror"
    QTest::mouseClick(tab.bar->regularExpressionButton(), Qt::LeftButton);
    tab.type(QStringLiteral("^[Ee]rror \\w+$"));
    EXPECT_EQ(tab.bar->matchCount(), 2);
    EXPECT_EQ(tab.view->highlightCount(), 2);

    tab.type(QStringLiteral("(unclosed"));
    EXPECT_TRUE(tab.bar->statusText().startsWith(QStringLiteral("Invalid regular expression: ")))
        << tab.bar->statusText().toStdString();
    EXPECT_EQ(tab.view->highlightCount(), 0);

    tab.type(QStringLiteral("nothing like it"));
    EXPECT_EQ(tab.bar->statusText(), QStringLiteral("No matches"));
}

TEST_F(UiFindBar, SaysWhenOlderOutputIsOnlyInTheTranscriptFile) {
    model.setCapacity(100);
    runCommand(QStringLiteral("gen"), needles(1000));
    Tab tab(&model);
    tab.bar->openBar();
    tab.type(QStringLiteral("needle"));
    EXPECT_TRUE(tab.bar->isSpoolNoteShown());
    EXPECT_LE(tab.bar->matchCount(), 10);
    QSignalSpy save(tab.bar, &FindBar::saveRequested);
    auto *button = tab.bar->findChild<QPushButton *>();
    ASSERT_NE(button, nullptr);
    button->click();
    EXPECT_EQ(save.count(), 1);
}

TEST_F(UiFindBar, EscClosesTheBarClearsHighlightsAndReturnsFocus) {
    runCommand(QStringLiteral("gen"), needles(50));
    Tab tab(&model);
    tab.view->setFocus();
    QTest::keyClick(tab.view, Qt::Key_F, Qt::ControlModifier);
    tab.type(QStringLiteral("needle"));
    EXPECT_EQ(tab.view->highlightCount(), 5);
    QSignalSpy cancel(tab.view, &TranscriptView::cancelRequested);
    QTest::keyClick(tab.bar->patternField(), Qt::Key_Escape);
    EXPECT_FALSE(tab.bar->isVisible());
    EXPECT_EQ(tab.view->highlightCount(), 0);
    EXPECT_TRUE(tab.view->hasFocus());
    EXPECT_EQ(cancel.count(), 0); // Esc in the bar closes it, it does not cancel the command

    // F3 with the bar closed reopens it on the same pattern.
    QTest::keyClick(tab.view, Qt::Key_F3);
    EXPECT_TRUE(tab.bar->isVisible());
    EXPECT_EQ(tab.view->highlightCount(), 5);
}
