// TranscriptView on the offscreen platform: paints only what is visible, follows the
// tail, selects and copies across lines, jumps between commands, shows the drop marker.
#include "ui_transcript_fixture.h"

#include "transcript_scroll_bar.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHash>
#include <QMimeData>
#include <QPaintEvent>
#include <QPainter>
#include <QRegion>
#include <QSet>
#include <QSignalSpy>
#include <QStaticText>

using namespace sandbox;
using sandbox::test::TranscriptUiTest;

namespace {

int fullRows(const TranscriptView &view) {
    return view.viewport()->height() / int(std::ceil(QFontMetricsF(view.font()).height()));
}

void drag(TranscriptView &view, QPoint from, QPoint to, Qt::KeyboardModifiers mods = {}) {
    QTest::mousePress(view.viewport(), Qt::LeftButton, mods, from);
    QTest::mouseMove(view.viewport(), to);
    QTest::mouseRelease(view.viewport(), Qt::LeftButton, mods, to);
}

} // namespace

using UiTranscriptView = TranscriptUiTest;

TEST_F(UiTranscriptView, FloodOf200000LinesPaintsOnlyTheVisibleRows) {
    auto view = shownView();
    const qint64 layoutsBefore = view->layoutCount();
    const quint64 id = model.beginCommand(context(QStringLiteral("seq 200000")));
    int paints = 0;
    for (int batch = 0; batch < 200; ++batch) { // 200 batches of 1,000 lines
        QList<StyledLine> lines;
        for (int i = 0; i < 1000; ++i)
            lines.append(
                StyledLine(QStringLiteral("line %1").arg(batch * 1000 + i), LineKind::Stdout));
        model.appendOutput(id, lines);
        if (batch % 20 == 0) { // the event loop gets a turn now and then, as in a flood
            view->viewport()->repaint();
            ++paints;
        }
    }
    view->viewport()->repaint();
    ++paints;

    EXPECT_TRUE(model.hasDropMarker()); // 100,000 lines in the ring, the rest dropped
    const int visible = view->visibleRowCount();
    EXPECT_GT(visible, 10);
    EXPECT_LE(view->paintedRowCount(), visible);
    EXPECT_GE(view->paintedRowCount(), visible - 1);
    // Every paint laid out at most one screenful: not the 200,000 lines that arrived.
    EXPECT_LE(view->layoutCount() - layoutsBefore, qint64(paints) * visible);
    // Following the tail: the last line is on screen.
    EXPECT_TRUE(view->isFollowingTail());
    EXPECT_EQ(view->firstVisibleRow() + fullRows(*view), model.lineCount());
    EXPECT_EQ(model.line(model.lineCount() - 1).text, QStringLiteral("line 199999"));
}

// A flood moves the range by a line per batch (partial lines come and go) while the handle
// stays on the same pixels: the scroll bar must not repaint for that, but must when the
// handle moves.
TEST_F(UiTranscriptView, ScrollBarRepaintsOnlyWhenItsHandleMoves) {
    auto view = shownView();
    auto *bar = qobject_cast<TranscriptScrollBar *>(view->verticalScrollBar());
    ASSERT_NE(bar, nullptr);
    const quint64 id = model.beginCommand(context(QStringLiteral("flood")));
    QSet<int> ranges;
    const auto batch = [&](int n, bool partial) {
        QList<StyledLine> lines;
        for (int i = 0; i < n; ++i)
            lines.append(StyledLine(QStringLiteral("line %1").arg(i), LineKind::Stdout));
        model.appendOutput(id, lines,
                           partial ? StyledLine(QStringLiteral("part"), LineKind::Stdout)
                                   : StyledLine());
        ranges.insert(bar->maximum());
        QCoreApplication::processEvents();
    };
    batch(int(model.capacity()) + 10, false); // the ring is full: old lines drop from now on
    QTest::qWait(50);
    const int before = bar->paintCount();
    ranges.clear();
    for (int i = 0; i < 40; ++i)
        batch(100, i % 2 == 0);
    QTest::qWait(50);
    EXPECT_GT(ranges.size(), 1); // the range did change
    EXPECT_EQ(bar->paintCount(), before) << "repainted for changes nobody can see";
    EXPECT_TRUE(view->isFollowingTail());

    view->scrollToRow(0); // the handle goes to the top: that must show
    QTest::qWait(50);
    EXPECT_GT(bar->paintCount(), before);
}

// During a flood the viewport repaints by itself: the view around it (frame, both bars) is
// never painted over the viewport's area (Qt repainted the whole view after every range
// change, and under the viewport on each of its frames). The bar repaints when its handle
// moves, and what lies beneath it with it.
TEST_F(UiTranscriptView, FloodRepaintsTheViewportNotTheWholeView) {
    auto view = shownView();
    struct PaintCounter : QObject {
        QHash<QObject *, int> paints;
        QRegion viewRegion; // what the view itself painted
        QObject *view = nullptr;
        bool eventFilter(QObject *watched, QEvent *event) override {
            if (event->type() == QEvent::Paint) {
                ++paints[watched];
                if (watched == view)
                    viewRegion += static_cast<QPaintEvent *>(event)->region();
            }
            return false;
        }
    } counter;
    const quint64 id = model.beginCommand(context(QStringLiteral("flood")));
    QTest::qWait(50);
    counter.view = view.get();
    view->installEventFilter(&counter);
    view->viewport()->installEventFilter(&counter);
    for (int batch = 0; batch < 20; ++batch) {
        QList<StyledLine> lines;
        for (int i = 0; i < 100; ++i)
            lines.append(StyledLine(QStringLiteral("line %1").arg(i), LineKind::Stdout));
        model.appendOutput(id, lines,
                           batch % 2 ? StyledLine(QStringLiteral("part"), LineKind::Stdout)
                                     : StyledLine());
        QTest::qWait(40); // a frame interval: every batch may be painted
    }
    EXPECT_GE(counter.paints.value(view->viewport()), 10);
    EXPECT_FALSE(counter.viewRegion.intersects(view->viewport()->geometry()))
        << "the view painted " << counter.paints.value(view.get()) << " times over the viewport";
}

TEST_F(UiTranscriptView, FollowTailStopsWhenScrolledUpAndResumesAtTheBottom) {
    auto view = shownView();
    runCommand(QStringLiteral("seq 500"), numberedLines("out ", 500));
    EXPECT_TRUE(view->isFollowingTail());
    EXPECT_EQ(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());

    view->setFocus();
    QTest::keyClick(view.get(), Qt::Key_PageUp);
    EXPECT_FALSE(view->isFollowingTail());
    const qsizetype top = view->firstVisibleRow();
    const QString topText = model.line(top).text;
    runCommand(QStringLiteral("seq 300"), numberedLines("more ", 300));
    EXPECT_EQ(view->firstVisibleRow(), top); // the reader's place stays put
    EXPECT_EQ(model.line(view->firstVisibleRow()).text, topText);

    QTest::keyClick(view.get(), Qt::Key_End);
    EXPECT_TRUE(view->isFollowingTail());
    runCommand(QStringLiteral("seq 100"), numberedLines("last ", 100));
    EXPECT_EQ(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
    EXPECT_EQ(view->firstVisibleRow() + fullRows(*view), model.lineCount());

    // Dragging the scrollbar back to the bottom resumes following too.
    view->verticalScrollBar()->setValue(10);
    EXPECT_FALSE(view->isFollowingTail());
    view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum());
    EXPECT_TRUE(view->isFollowingTail());
}

TEST_F(UiTranscriptView, ScrolledUpReaderKeepsTheSameLinesWhileOldOnesDrop) {
    model.setCapacity(1000);
    auto view = shownView();
    runCommand(QStringLiteral("seq 900"), numberedLines("out ", 900));
    view->scrollToRow(500);
    const QString topText = model.line(500).text;
    view->setSelection(501, 0, 502, 3);
    const QString selected = view->selectedText();
    runCommand(QStringLiteral("seq 200"), numberedLines("new ", 200)); // drops ~100 lines
    ASSERT_TRUE(model.hasDropMarker());
    EXPECT_FALSE(view->isFollowingTail());
    EXPECT_EQ(model.line(view->firstVisibleRow()).text, topText);
    EXPECT_EQ(view->selectedText(), selected); // the selection stayed on its lines
}

TEST_F(UiTranscriptView, MouseSelectionAcrossLinesCopiesExactlyThatText) {
    runCommand(QStringLiteral("printf"), "alpha one\nbravo two\ncharlie three\n");
    auto view = shownView();
    // Rows: 0-1 header, 2 alpha, 3 bravo, 4 charlie, 5 banner.
    ASSERT_EQ(model.line(2).text, QStringLiteral("alpha one"));
    drag(*view, cellBoundary(*view, 2, 6), cellBoundary(*view, 4, 7));
    EXPECT_TRUE(view->hasSelection());
    EXPECT_EQ(view->selectedText(), QStringLiteral("one\nbravo two\ncharlie"));

    view->setFocus();
    QSignalSpy cancel(view.get(), &TranscriptView::cancelRequested);
    QTest::keyClick(view.get(), Qt::Key_C, Qt::ControlModifier);
    EXPECT_EQ(QGuiApplication::clipboard()->text(), QStringLiteral("one\nbravo two\ncharlie"));
    EXPECT_EQ(cancel.count(), 0); // with a selection Ctrl+C copies, it does not cancel

    // Shift+click extends the same selection to the end of "three".
    QTest::mouseClick(view->viewport(), Qt::LeftButton, Qt::ShiftModifier,
                      cellBoundary(*view, 4, 13));
    EXPECT_EQ(view->selectedText(), QStringLiteral("one\nbravo two\ncharlie three"));
}

TEST_F(UiTranscriptView, DoubleClickSelectsAWordOrAPath) {
    runCommand(QStringLiteral("ls"), "see /var/log/syslog now\n");
    auto view = shownView();
    QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cellCentre(*view, 2, 9));
    EXPECT_EQ(view->selectedText(), QStringLiteral("/var/log/syslog"));
}

TEST_F(UiTranscriptView, KeyboardSelectionExtendsFromTheEndOfTheOutput) {
    runCommand(QStringLiteral("printf"), "first\nsecond\n");
    model.appendNotice(QStringLiteral("the end"));
    auto view = shownView();
    view->setFocus();
    QTest::keyClick(view.get(), Qt::Key_Home, Qt::ShiftModifier);
    EXPECT_EQ(view->selectedText(), QStringLiteral("the end"));
    QTest::keyClick(view.get(), Qt::Key_Up, Qt::ShiftModifier); // the banner line
    QTest::keyClick(view.get(), Qt::Key_Up, Qt::ShiftModifier);
    ASSERT_EQ(model.line(3).text, QStringLiteral("second"));
    const QString banner = model.line(4).text;
    EXPECT_EQ(view->selectedText(),
              QStringLiteral("second\n") + banner + QStringLiteral("\nthe end"));
    QTest::keyClick(view.get(), Qt::Key_Right, Qt::ShiftModifier);
    QTest::keyClick(view.get(), Qt::Key_Right, Qt::ShiftModifier);
    EXPECT_EQ(view->selectedText(),
              QString(QStringLiteral("cond\n") + banner + QStringLiteral("\nthe end")));
    QTest::keyClick(view.get(), Qt::Key_Home, Qt::ShiftModifier | Qt::ControlModifier);
    EXPECT_EQ(view->selectedText(),
              model.exportAll(TranscriptExport::Format::PlainText).chopped(1));
}

TEST_F(UiTranscriptView, CopyWithColoursPutsHtmlWithTheColourAndPlainText) {
    runCommand(QStringLiteral("grep"), "plain \x1b[31mred words\x1b[0m after\n");
    auto view = shownView();
    ASSERT_EQ(model.line(2).text, QStringLiteral("plain red words after"));
    view->setSelection(2, 0, 2, 15);
    view->copyHtmlAction()->trigger();
    const QMimeData *mime = QGuiApplication::clipboard()->mimeData();
    ASSERT_NE(mime, nullptr);
    EXPECT_TRUE(mime->hasHtml());
    char red[8];
    TerminalPalette::hexName(TerminalPalette::resolve(TerminalColor::indexed16(1), 0), red);
    EXPECT_TRUE(mime->html().contains(QLatin1String(red))) << mime->html().toStdString();
    EXPECT_TRUE(mime->html().contains(QStringLiteral("red words")));
    EXPECT_EQ(mime->text(), QStringLiteral("plain red words"));
}

TEST_F(UiTranscriptView, SelectAllCopiesEverythingAndClearEmptiesTheModel) {
    runCommand(QStringLiteral("printf"), "one\ntwo\n");
    auto view = shownView();
    view->setFocus();
    QTest::keyClick(view.get(), Qt::Key_A, Qt::ControlModifier);
    const QString all = model.exportAll(TranscriptExport::Format::PlainText).chopped(1);
    EXPECT_EQ(view->selectedText(), all);
    view->copyAction()->trigger();
    EXPECT_EQ(QGuiApplication::clipboard()->text(), all);

    QTest::keyClick(view.get(), Qt::Key_L, Qt::ControlModifier);
    EXPECT_EQ(model.lineCount(), 0);
    EXPECT_FALSE(view->hasSelection());
    EXPECT_FALSE(view->copyAction()->isEnabled());
    view->viewport()->repaint();
    EXPECT_EQ(view->paintedRowCount(), 0);
}

TEST_F(UiTranscriptView, CtrlCWithoutSelectionAndEscRequestCancel) {
    runCommand(QStringLiteral("sleep 100"), "");
    auto view = shownView();
    view->setFocus();
    QSignalSpy cancel(view.get(), &TranscriptView::cancelRequested);
    QTest::keyClick(view.get(), Qt::Key_C, Qt::ControlModifier);
    EXPECT_EQ(cancel.count(), 1);
    QTest::keyClick(view.get(), Qt::Key_Escape);
    EXPECT_EQ(cancel.count(), 2);
}

TEST_F(UiTranscriptView, CtrlUpAndDownGoToCommandHeaders) {
    runCommand(QStringLiteral("seq a"), numberedLines("a ", 200));
    runCommand(QStringLiteral("seq b"), numberedLines("b ", 200));
    runCommand(QStringLiteral("seq c"), numberedLines("c ", 200));
    auto view = shownView();
    const QList<qsizetype> headers = model.headerRows();
    ASSERT_EQ(headers.size(), 3);
    view->setFocus();
    QTest::keyClick(view.get(), Qt::Key_Up, Qt::ControlModifier);
    EXPECT_EQ(view->firstVisibleRow(), headers[2]);
    EXPECT_EQ(model.line(view->firstVisibleRow()).text, QStringLiteral("$ seq c"));
    QTest::keyClick(view.get(), Qt::Key_Up, Qt::ControlModifier);
    EXPECT_EQ(view->firstVisibleRow(), headers[1]);
    QTest::keyClick(view.get(), Qt::Key_Up, Qt::ControlModifier);
    EXPECT_EQ(view->firstVisibleRow(), headers[0]);
    QTest::keyClick(view.get(), Qt::Key_Down, Qt::ControlModifier);
    EXPECT_EQ(view->firstVisibleRow(), headers[1]);
    EXPECT_FALSE(view->isFollowingTail());
}

TEST_F(UiTranscriptView, DropMarkerShowsAndOpensTheTranscriptFile) {
    model.setCapacity(100);
    runCommand(QStringLiteral("seq 500"), numberedLines("out ", 500));
    auto view = shownView();
    ASSERT_TRUE(model.hasDropMarker());
    EXPECT_EQ(model.line(0).kind, LineKind::DropMarker);
    EXPECT_TRUE(model.line(0).text.contains(spool->directory()));
    QSignalSpy open(view.get(), &TranscriptView::openTranscriptRequested);
    EXPECT_TRUE(view->openTranscriptAction()->isEnabled());
    view->openTranscriptAction()->trigger();
    ASSERT_EQ(open.count(), 1);
    EXPECT_EQ(open.at(0).at(0).toString(), spool->directory());

    view->setFocus();
    QTest::keyClick(view.get(), Qt::Key_Home);
    ASSERT_EQ(view->firstVisibleRow(), 0);
    view->viewport()->repaint();
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cellCentre(*view, 0, 3));
    EXPECT_EQ(open.count(), 2); // clicking the marker line opens it too
    EXPECT_FALSE(view->hasSelection());
}

TEST_F(UiTranscriptView, WideCharactersTakeTwoCellsForSelection) {
    runCommand(QStringLiteral("echo"), "\xe4\xbd\xa0\xe5\xa5\xbd ok\n"); // 你好 ok
    auto view = shownView();
    ASSERT_EQ(model.line(2).text, QString::fromUtf8("\xe4\xbd\xa0\xe5\xa5\xbd ok"));
    // Cells: 你 0-1, 好 2-3, space 4, o 5, k 6.
    drag(*view, cellBoundary(*view, 2, 5), cellBoundary(*view, 2, 7));
    EXPECT_EQ(view->selectedText(), QStringLiteral("ok"));
    drag(*view, cellBoundary(*view, 2, 2), cellBoundary(*view, 2, 4));
    EXPECT_EQ(view->selectedText(), QString::fromUtf8("\xe5\xa5\xbd"));
}

namespace {

// How many pixels of a row are close to `colour` (glyph pixels, antialiased edges aside).
int pixelsNear(const QImage &image, int top, int height, QColor colour) {
    int n = 0;
    for (int y = top; y < top + height && y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (qAbs(c.red() - colour.red()) + qAbs(c.green() - colour.green()) +
                    qAbs(c.blue() - colour.blue()) <
                40)
                ++n;
        }
    }
    return n;
}

QColor paletteColour(quint32 rgb) {
    return QColor::fromRgb(QRgb(0xff000000u | rgb));
}

} // namespace

TEST_F(UiTranscriptView, PaintsProgramColoursStderrRedAndInverse) {
    runCommand(QStringLiteral("ls"), "plain \x1b[32mgreen\x1b[0m \x1b[7minverse\x1b[0m\n");
    runCommand(QStringLiteral("fail"), "to stderr\n", true);
    auto view = shownView();
    const QImage image = view->viewport()->grab().toImage();
    const int lh = int(std::ceil(QFontMetricsF(view->font()).height()));
    const QColor green = paletteColour(TerminalPalette::resolve(TerminalColor::indexed16(2), 0));
    const QColor red = paletteColour(TerminalPalette::foregroundFor(LineKind::Stderr));
    const QColor text = paletteColour(TerminalPalette::defaultForeground());
    // Row 2: "plain green inverse" (green glyphs, an inverse block in the text colour).
    EXPECT_GT(pixelsNear(image, 2 * lh, lh, green), 5);
    EXPECT_GT(pixelsNear(image, 2 * lh, lh, text), 7 * lh); // the inverse cells' background
    // Row 6: "to stderr", red; row 2 has no red.
    ASSERT_EQ(model.line(6).text, QStringLiteral("to stderr"));
    EXPECT_GT(pixelsNear(image, 6 * lh, lh, red), 5);
    EXPECT_EQ(pixelsNear(image, 2 * lh, lh, red), 0);
}

// QPainter::drawStaticText leaves out the font's underline; the view draws it.
TEST_F(UiTranscriptView, UnderlinedTextHasALineBelowIt) {
    runCommand(QStringLiteral("ls"), "\x1b[4mmmmmmmmmmm\x1b[0m\nmmmmmmmmmm\n");
    auto view = shownView();
    ASSERT_EQ(model.line(2).text, QStringLiteral("mmmmmmmmmm"));
    ASSERT_EQ(model.line(3).text, QStringLiteral("mmmmmmmmmm"));
    const QImage image = view->viewport()->grab().toImage();
    const QFontMetricsF metrics(view->font());
    const int lh = int(std::ceil(metrics.height()));
    // The first pixel row under the baseline, where the painter's line (ascent + at least 1)
    // lands whatever fraction the font's ascent has.
    const int belowBaseline = int(std::floor(metrics.ascent())) + 1;
    const QColor text = paletteColour(TerminalPalette::defaultForeground());
    const int underlined = pixelsNear(image, 2 * lh + belowBaseline, lh - belowBaseline, text);
    const int plain = pixelsNear(image, 3 * lh + belowBaseline, lh - belowBaseline, text);
    EXPECT_GT(underlined, plain + int(5 * metrics.horizontalAdvance(QLatin1Char('m'))))
        << "underlined " << underlined << " plain " << plain;
}

// Rows of plain ASCII are drawn glyph by glyph on the cell grid (no shaping, the cost of a
// flood's new rows): they must look exactly like the same text shaped by Qt.
TEST_F(UiTranscriptView, GridPlacedTextLooksLikeShapedText) {
    const QString text = QStringLiteral("ls -la /var/log | grep 'error: 42' && echo {done}");
    runCommand(QStringLiteral("ls"), (text + QLatin1Char('\n')).toUtf8());
    auto view = shownView();
    ASSERT_EQ(model.line(2).text, text);
    const QImage image = view->viewport()->grab().toImage();
    const int lh = int(std::ceil(QFontMetricsF(view->font()).height()));

    QImage reference(image.size(), image.format());
    reference.fill(paletteColour(TerminalPalette::defaultBackground()));
    QPainter p(&reference);
    p.setFont(view->font());
    p.setPen(paletteColour(TerminalPalette::defaultForeground()));
    QStaticText shaped(text);
    shaped.setTextFormat(Qt::PlainText);
    shaped.prepare(QTransform(), view->font());
    p.drawStaticText(QPointF(4, 2 * lh), shaped); // the view's 4-pixel left margin
    p.end();

    const QRect row(0, 2 * lh, image.width(), lh);
    EXPECT_EQ(image.copy(row), reference.copy(row));
    EXPECT_GT(pixelsNear(image, 2 * lh, lh, paletteColour(TerminalPalette::defaultForeground())),
              text.size());
}
