#pragma once

#include "transcript_anchor.h"
#include "transcript_find.h"
#include "transcript_painter.h"
#include "transcript_selection.h"
#include "transcript_view_actions.h"

#include <QAbstractScrollArea>
#include <QElapsedTimer>
#include <QList>

class QAction;
class QTimer;

namespace sandbox {

class TranscriptModel;

// The console's transcript on screen: a QAbstractScrollArea that lays out and paints only
// the visible rows of a TranscriptModel, so a flood costs the GUI thread a scrollbar update
// and one repaint per frame, however many lines arrive. Rows are not wrapped; the
// vertical scrollbar counts rows, the horizontal one pixels.
//
// Follow-tail: while the view is at the bottom it stays there as rows arrive; scrolling up
// stops that, scrolling back to the bottom resumes it. Selection, find highlights and the
// keyboard caret sit on line keys (TranscriptAnchor), so rows leaving the ring do not move
// them.
//
// Keys while the view has focus: Ctrl+C copies the selection, or with nothing selected
// emits cancelRequested() (as does Esc); Shift+arrows/PageUp/PageDown/Home/End extend the
// selection; Ctrl+Up / Ctrl+Down go to the previous / next command header.
class TranscriptView : public QAbstractScrollArea {
    Q_OBJECT
public:
    explicit TranscriptView(TranscriptModel *model, QWidget *parent = nullptr);
    ~TranscriptView() override;

    TranscriptModel *model() const { return model_; }

    // --- scrolling ---
    qsizetype firstVisibleRow() const;
    int visibleRowCount() const; // rows that fit, the last one possibly cut
    bool isFollowingTail() const { return followTail_; }
    void scrollToBottom(); // and follow the tail again
    // Scrolls so `row` is the top row (as far as the scrollbar allows).
    void scrollToRow(qsizetype row);
    void ensureRowVisible(qsizetype row);
    void goToPreviousHeader();
    void goToNextHeader();

    // --- selection ---
    bool hasSelection() const;
    // Rows and UTF-16 offsets as the model shows them now.
    void setSelection(qsizetype anchorRow, qsizetype anchorOffset, qsizetype cursorRow,
                      qsizetype cursorOffset);
    void selectAll();
    void clearSelection();
    QString selectedText() const;
    QString selectedHtml() const; // a complete HTML document with the colours
    // The command block under the selection's cursor or the caret (0 = none): "the
    // selected command" for Save.
    quint64 currentBlockId() const;

    // --- find ---
    // Highlights every match and marks `current` (an index into matches, -1 = none), which
    // is scrolled into view. Matches are kept on line keys: rows may drop afterwards.
    void setHighlights(const QList<FindMatch> &matches, int current);
    void clearHighlights();
    int highlightCount() const { return int(highlights_.size()); }
    int currentHighlight() const { return currentHighlight_; }

    // --- test seams ---
    int paintedRowCount() const { return paintedRows_; }          // rows drawn by the last paint
    qint64 layoutCount() const { return painter_.layoutCount(); } // row layouts ever built

    // Shortcuts work while the view has focus; add them to the tab too (addAction) to
    // make them work there.
    QAction *copyAction() const { return actions_->copy; }
    QAction *copyHtmlAction() const { return actions_->copyHtml; }
    QAction *selectAllAction() const { return actions_->selectAll; }
    QAction *clearAction() const { return actions_->clear; }
    QAction *saveAction() const { return actions_->save; } // Ctrl+S: emits saveRequested
    QAction *openTranscriptAction() const { return actions_->openTranscript; }
    QAction *previousHeaderAction() const { return actions_->previousHeader; }
    QAction *nextHeaderAction() const { return actions_->nextHeader; }

public Q_SLOTS:
    void copy();
    void copyWithColours();
    void clear(); // clears the model

Q_SIGNALS:
    // Ctrl+C with nothing selected, or Esc, while the view has focus.
    void cancelRequested();
    // The drop marker was clicked or "Open transcript file…" chosen: the full output is in
    // the model's spool directory.
    void openTranscriptRequested(const QString &spoolDirectory);
    // Ctrl+S / "Save…": `blockId` is currentBlockId() (0 = no block selected).
    void saveRequested(quint64 blockId);
    void selectionChanged();

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void scrollContentsBy(int dx, int dy) override;
    void changeEvent(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void mouseDoubleClickEvent(QMouseEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    struct KeyedMatch {
        qint64 key;
        qsizetype start;
        qsizetype length;
    };

    void onLinesAppended();
    void onLinesDropped(qsizetype rows);
    void requestFrame();
    void onModelReset();
    void updateScrollRange();
    void updateActions();
    TranscriptAnchor anchorAt(const QPoint &pos);
    qsizetype rowAt(int y) const;
    bool isOnDropMarker(const QPoint &pos) const;
    // After the selection changed: scroll to its cursor (keys), repaint, tell listeners.
    void selectionMoved(bool scrollToCursor);
    void autoScroll();
    TranscriptPainter::RowMarks
    marksFor(qsizetype row, qint64 key, qsizetype textSize,
             const std::optional<std::pair<qsizetype, qsizetype>> &sel) const;

    TranscriptModel *model_;
    TranscriptPainter painter_;
    TranscriptSelection selection_;
    QList<KeyedMatch> highlights_; // sorted by key, then start
    int currentHighlight_ = -1;
    bool followTail_ = true;
    bool adjustingScroll_ = false; // our own scrollbar changes do not decide follow-tail
    qint64 linesSeen_ = 0;         // totalLinesAppended at the last signal (detects clear())
    int widestCells_ = 0;          // widest row painted so far: the horizontal range
    int paintedRows_ = 0;
    bool dragging_ = false;
    bool pressOnMarker_ = false;
    QPoint pressPos_;
    QTimer *autoScrollTimer_ = nullptr;
    static constexpr qint64 kFrameIntervalMs = 33;
    QTimer *frameTimer_ = nullptr;
    QElapsedTimer sinceFrame_;   // since the last paint
    bool modelChanging_ = false; // scrolling because the model changed, not the user
    TranscriptViewActions *actions_ = nullptr;
};

} // namespace sandbox
