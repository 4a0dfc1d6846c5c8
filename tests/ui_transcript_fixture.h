#pragma once

// Shared by the transcript view, find bar and save tests: a model fed the way
// ConsoleSession feeds it (libvterm line builder per stream, spool beside it), and a view
// shown at a real size on the offscreen platform.
#include "dialog_answers.h"
#include "event_wait.h"
#include "terminal_line_builder.h"
#include "terminal_palette.h"
#include "transcript_model.h"
#include "transcript_spool.h"
#include "transcript_view.h"

#include <QScrollBar>
#include <QTemporaryDir>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>

// Readable QStrings in googletest's failure messages (found by ADL: QString is global).
inline void PrintTo(const QString &text, std::ostream *os) {
    *os << '"' << text.toStdString() << '"';
}

namespace sandbox::test {

class TranscriptUiTest : public ::testing::Test {
protected:
    void SetUp() override {
        DialogAnswers::setTestMode(true);
        DialogAnswers::clear();
        ASSERT_TRUE(spoolDir.isValid());
        spool = std::make_unique<TranscriptSpool>(spoolDir.path());
        ASSERT_TRUE(spool->isReady()) << spool->errorString().toStdString();
        model.setSpoolDirectory(spool->directory());
    }
    void TearDown() override { DialogAnswers::clear(); }

    static CommandContext context(const QString &command) {
        CommandContext c;
        c.startedAt = QDateTime(QDate(2024, 5, 6), QTime(14, 3, 22));
        c.profileName = QStringLiteral("Local demo");
        c.address = QStringLiteral("127.0.0.1:50051");
        c.image = QStringLiteral("alpine:3");
        c.argv = command.split(QLatin1Char(' '));
        return c;
    }

    // Runs one command: header, `bytes` on stdout (to the ring and the spool, in chunks),
    // end banner. Returns the block id.
    quint64 runCommand(const QString &command, const QByteArray &bytes, bool isStderr = false) {
        const quint64 id = model.beginCommand(context(command));
        spool->beginCommand(id, context(command));
        TerminalLineBuilder builder(isStderr ? LineKind::Stderr : LineKind::Stdout, id);
        constexpr qsizetype kChunk = 64 * 1024;
        for (qsizetype at = 0; at < bytes.size(); at += kChunk) {
            const QByteArrayView chunk =
                QByteArrayView(bytes).sliced(at, qMin(kChunk, bytes.size() - at));
            spool->append(id, isStderr, chunk);
            QList<StyledLine> lines;
            builder.feed(chunk, lines);
            if (isStderr)
                model.appendOutput(id, lines, {}, builder.partialLine());
            else
                model.appendOutput(id, lines, builder.partialLine());
        }
        QList<StyledLine> rest;
        builder.finish(rest);
        model.appendOutput(id, rest);
        CommandSummary summary;
        summary.stdoutBytes = quint64(bytes.size());
        spool->endCommand(id, summary);
        model.endCommand(id, summary);
        return id;
    }

    static QByteArray numberedLines(const char *prefix, int count, int first = 0) {
        QByteArray out;
        for (int i = first; i < first + count; ++i)
            out += prefix + QByteArray::number(i) + '\n';
        return out;
    }

    // The view at 800x600 on screen, painted once.
    std::unique_ptr<TranscriptView> shownView() {
        auto view = std::make_unique<TranscriptView>(&model);
        view->resize(800, 600);
        view->show();
        EXPECT_TRUE(QTest::qWaitForWindowExposed(view.get()));
        view->viewport()->repaint();
        return view;
    }

    // Centre of the cell at `column` in `row` (a row on screen), viewport coordinates.
    static QPoint cellCentre(const TranscriptView &view, qsizetype row, double column) {
        const QFontMetricsF fm(view.font());
        const double cell = fm.horizontalAdvance(QLatin1Char('M'));
        const int lh = int(std::ceil(fm.height()));
        return QPoint(int(4 + (column + 0.5) * cell - view.horizontalScrollBar()->value()),
                      int((row - view.firstVisibleRow()) * lh + lh / 2));
    }
    // The boundary left of `column` (where a drag should start or end).
    static QPoint cellBoundary(const TranscriptView &view, qsizetype row, int column) {
        QPoint p = cellCentre(view, row, column);
        const double cell = QFontMetricsF(view.font()).horizontalAdvance(QLatin1Char('M'));
        p.rx() -= int(cell / 2) - 1; // just right of the boundary, nearer to it than the next
        return p;
    }

    QTemporaryDir spoolDir;
    std::unique_ptr<TranscriptSpool> spool;
    TranscriptModel model;
};

} // namespace sandbox::test
