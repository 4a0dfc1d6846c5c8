#pragma once

#include "transcript_anchor.h"
#include "transcript_find.h"

#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;
class QToolButton;

namespace sandbox {

class TranscriptModel;
class TranscriptView;

// Find in the transcript: a bar under the view with the pattern, case and regex toggles,
// "3 of 120", previous/next, and a note when older output is only in the spool files.
// Every match is highlighted in the view and the current one scrolled into view.
//
// Searching runs on demand: 200 ms after typing stops, on F3 / Enter, or on a toggle —
// never on every append, so a flood does not re-search 100,000 lines per chunk; the next
// F3 after new output searches again first.
//
// Keys: Ctrl+F opens the bar with the pattern selected; F3 / Enter next, Shift+F3 /
// Shift+Enter previous; Esc closes it and gives the focus back to the view.
class FindBar : public QWidget {
    Q_OBJECT
public:
    explicit FindBar(TranscriptView *view, QWidget *parent = nullptr);

    // Makes Ctrl+F, F3 and Shift+F3 work anywhere inside `scope` (the console tab).
    void installShortcuts(QWidget *scope);

    QLineEdit *patternField() const { return field_; }
    QToolButton *caseSensitiveButton() const { return caseButton_; }
    QToolButton *regularExpressionButton() const { return regexButton_; }
    QAction *findAction() const { return findAction_; }
    QAction *findNextAction() const { return nextAction_; }
    QAction *findPreviousAction() const { return previousAction_; }

    // "3 of 120", "No matches", or the regular expression's error.
    QString statusText() const;
    bool isSpoolNoteShown() const;
    int matchCount() const { return int(matches_.size()); }
    int currentMatch() const { return current_; } // index, -1 = none
    // True while typing waits for the debounce before searching.
    bool isSearchPending() const;

public Q_SLOTS:
    void openBar();
    void closeBar();
    void findNext();
    void findPrevious();
    // Searches now (the debounce timer calls this too).
    void search();

Q_SIGNALS:
    // "Save…" next to the note that older output is only in the transcript file.
    void saveRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    void runSearch(bool keepPosition);
    void step(int delta);
    void showCurrent();
    TranscriptAnchor anchorOf(int match) const;
    QToolButton *toggle(const QString &text, const QString &toolTip);

    TranscriptView *view_;
    TranscriptModel *model_;
    QLineEdit *field_ = nullptr;
    QToolButton *caseButton_ = nullptr;
    QToolButton *regexButton_ = nullptr;
    QLabel *status_ = nullptr;
    QLabel *spoolNote_ = nullptr;
    QPushButton *saveButton_ = nullptr;
    QTimer *debounce_ = nullptr;
    QAction *findAction_ = nullptr;
    QAction *nextAction_ = nullptr;
    QAction *previousAction_ = nullptr;
    QList<FindMatch> matches_;
    int current_ = -1;
    TranscriptAnchor currentAt_; // the current match's place, to keep it on re-search
    bool stale_ = true;          // the model or the pattern changed since the last search
    bool searchedOnce_ = false;
};

} // namespace sandbox
