#include "find_bar.h"

#include "transcript_model.h"
#include "transcript_view.h"

#include <QAction>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QTimer>
#include <QToolButton>

#include <algorithm>

namespace sandbox {

namespace {

constexpr int kDebounceMs = 200;

} // namespace

FindBar::FindBar(TranscriptView *view, QWidget *parent)
    : QWidget(parent)
    , view_(view)
    , model_(view->model()) {
    field_ = new QLineEdit(this);
    field_->setPlaceholderText(tr("Find in output"));
    field_->setClearButtonEnabled(true);
    field_->installEventFilter(this);
    caseButton_ = toggle(tr("Aa"), tr("Match case"));
    regexButton_ = toggle(tr(".*"), tr("Regular expression"));
    auto *previous = new QToolButton(this);
    previous->setIcon(style()->standardIcon(QStyle::SP_ArrowUp));
    previous->setToolTip(tr("Previous match (Shift+F3)"));
    auto *next = new QToolButton(this);
    next->setIcon(style()->standardIcon(QStyle::SP_ArrowDown));
    next->setToolTip(tr("Next match (F3)"));
    status_ = new QLabel(this);
    spoolNote_ = new QLabel(tr("Older output is only in the transcript file"), this);
    saveButton_ = new QPushButton(tr("Save…"), this);
    saveButton_->setToolTip(tr("Save the complete output, from the transcript file"));
    auto *close = new QToolButton(this);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Close (Esc)"));
    close->setAutoRaise(true);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 2, 4, 2);
    layout->addWidget(new QLabel(tr("Find:"), this));
    layout->addWidget(field_, 1);
    for (QWidget *w :
         std::initializer_list<QWidget *>{caseButton_, regexButton_, previous, next, status_})
        layout->addWidget(w);
    layout->addStretch();
    layout->addWidget(spoolNote_);
    layout->addWidget(saveButton_);
    layout->addWidget(close);
    spoolNote_->hide();
    saveButton_->hide();

    debounce_ = new QTimer(this);
    debounce_->setSingleShot(true);
    debounce_->setInterval(kDebounceMs);
    connect(debounce_, &QTimer::timeout, this, &FindBar::search);
    connect(field_, &QLineEdit::textChanged, this, [this] {
        stale_ = true;
        current_ = -1;
        debounce_->start();
    });
    for (QToolButton *t : {caseButton_, regexButton_})
        connect(t, &QToolButton::toggled, this, &FindBar::search);
    connect(previous, &QToolButton::clicked, this, &FindBar::findPrevious);
    connect(next, &QToolButton::clicked, this, &FindBar::findNext);
    connect(close, &QToolButton::clicked, this, &FindBar::closeBar);
    connect(saveButton_, &QPushButton::clicked, this, &FindBar::saveRequested);
    // New output only marks the result stale; the next F3 or keystroke searches again.
    auto markStale = [this] {
        stale_ = true;
    };
    connect(model_, &TranscriptModel::linesAppended, this, markStale);
    connect(model_, &TranscriptModel::partialLinesChanged, this, markStale);
    connect(model_, &TranscriptModel::linesDropped, this, markStale);
    connect(model_, &TranscriptModel::modelReset, this, markStale);

    findAction_ = new QAction(tr("&Find…"), this);
    findAction_->setShortcut(QKeySequence::Find);
    connect(findAction_, &QAction::triggered, this, &FindBar::openBar);
    nextAction_ = new QAction(tr("Find &Next"), this);
    nextAction_->setShortcut(QKeySequence(Qt::Key_F3));
    connect(nextAction_, &QAction::triggered, this, &FindBar::findNext);
    previousAction_ = new QAction(tr("Find &Previous"), this);
    previousAction_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3));
    connect(previousAction_, &QAction::triggered, this, &FindBar::findPrevious);
    for (QAction *a : {findAction_, nextAction_, previousAction_})
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    installShortcuts(view_);
    hide();
}

QToolButton *FindBar::toggle(const QString &text, const QString &toolTip) {
    auto *button = new QToolButton(this);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setCheckable(true);
    return button;
}

void FindBar::installShortcuts(QWidget *scope) {
    scope->addActions({findAction_, nextAction_, previousAction_});
}

QString FindBar::statusText() const {
    return status_->text();
}

bool FindBar::isSearchPending() const {
    return debounce_->isActive();
}

bool FindBar::isSpoolNoteShown() const {
    return !spoolNote_->isHidden();
}

void FindBar::openBar() {
    show();
    // A selection within one line is what the user wants to find.
    const QString selected = view_->selectedText();
    if (!selected.isEmpty() && !selected.contains(QLatin1Char('\n')) && selected.size() <= 200)
        field_->setText(selected);
    field_->setFocus(Qt::ShortcutFocusReason);
    field_->selectAll();
    if (field_->text().isEmpty())
        return;
    if (stale_ || debounce_->isActive())
        search();
    else
        showCurrent(); // closing took the highlights away
}

void FindBar::closeBar() {
    debounce_->stop();
    hide();
    view_->clearHighlights();
    view_->setFocus(Qt::OtherFocusReason);
}

void FindBar::findNext() {
    step(+1);
}

void FindBar::findPrevious() {
    step(-1);
}

TranscriptAnchor FindBar::anchorOf(int match) const {
    const FindMatch &m = matches_[match];
    return {TranscriptAnchor::keyOfRow(*model_, m.row), m.start};
}

void FindBar::step(int delta) {
    if (isHidden())
        return openBar(); // opening searches and shows the first match
    if (field_->text().isEmpty())
        return;
    if (debounce_->isActive() || !searchedOnce_)
        return search(); // the pattern just changed: its first match first
    if (stale_) {
        const bool hadCurrent = current_ >= 0;
        const TranscriptAnchor before = currentAt_;
        runSearch(true);
        const bool same = current_ >= 0 && hadCurrent && anchorOf(current_) == before;
        if (current_ >= 0 && !same && delta > 0)
            return; // the old current match is gone; the one after it is the next
    }
    if (matches_.isEmpty())
        return;
    current_ = int((current_ + delta + matches_.size()) % matches_.size());
    showCurrent();
}

void FindBar::search() {
    runSearch(false);
}

void FindBar::runSearch(bool keepPosition) {
    debounce_->stop();
    const bool hadCurrent = current_ >= 0;
    stale_ = false;
    searchedOnce_ = true;
    FindOptions options;
    options.caseSensitive = caseButton_->isChecked();
    options.regularExpression = regexButton_->isChecked();
    const FindResult result = model_->find(field_->text(), options);
    matches_ = result.matches;
    const bool note = result.olderOutputInSpool && !field_->text().isEmpty();
    spoolNote_->setVisible(note);
    saveButton_->setVisible(note);
    if (!result.error.isEmpty()) {
        current_ = -1;
        view_->clearHighlights();
        status_->setText(tr("Invalid regular expression: %1").arg(result.error));
        return;
    }
    // Stay at the previous current match (or the first after it) when asked, else start
    // at the first match at or below the top of the view.
    auto at = matches_.cend();
    if (keepPosition && hadCurrent) {
        at = std::find_if(matches_.cbegin(), matches_.cend(), [this](const FindMatch &m) {
            return !(TranscriptAnchor{TranscriptAnchor::keyOfRow(*model_, m.row), m.start} <
                     currentAt_);
        });
    } else {
        at = std::lower_bound(matches_.cbegin(), matches_.cend(), view_->firstVisibleRow(),
                              [](const FindMatch &m, qsizetype row) { return m.row < row; });
    }
    current_ = matches_.isEmpty() ? -1 : int(at == matches_.cend() ? 0 : at - matches_.cbegin());
    showCurrent();
}

void FindBar::showCurrent() {
    if (current_ >= 0)
        currentAt_ = anchorOf(current_);
    view_->setHighlights(matches_, current_);
    if (field_->text().isEmpty())
        status_->clear();
    else if (matches_.isEmpty())
        status_->setText(tr("No matches"));
    else
        status_->setText(tr("%1 of %2").arg(current_ + 1).arg(matches_.size()));
}

bool FindBar::eventFilter(QObject *watched, QEvent *event) {
    if (watched == field_ && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) {
            if (key->modifiers() & Qt::ShiftModifier)
                findPrevious();
            else
                findNext();
            return true;
        }
        if (key->key() == Qt::Key_Escape) {
            closeBar();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FindBar::keyPressEvent(QKeyEvent *event) {
    if (event->key() == Qt::Key_Escape)
        return closeBar();
    QWidget::keyPressEvent(event);
}

} // namespace sandbox
