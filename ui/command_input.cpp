#include "command_input.h"

#include <QAbstractTextDocumentLayout>
#include <QAction>
#include <QKeyEvent>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextLayout>

#include <algorithm>

namespace sandbox {

namespace {

bool isReverseSearch(const QKeyEvent *event) {
    return event->key() == Qt::Key_R && event->modifiers() == Qt::ControlModifier;
}

// Whether an action's shortcut would fire for a key typed into `input`: it belongs to the
// input's window (not a dialog's) and its context reaches the input.
bool reachesShortcut(const QAction *action, const QWidget *input) {
    const QWidget *window = input->window();
    const auto *owner = qobject_cast<const QWidget *>(action->parent());
    bool inWindow = owner && owner->window() == window;
    bool onAncestor = false;
    for (const QObject *object : action->associatedObjects()) {
        const auto *widget = qobject_cast<const QWidget *>(object);
        if (!widget)
            continue;
        inWindow |= widget->window() == window;
        onAncestor |= widget == input || widget->isAncestorOf(input);
    }
    switch (action->shortcutContext()) {
    case Qt::ApplicationShortcut:
        return true;
    case Qt::WindowShortcut:
        return inWindow;
    case Qt::WidgetWithChildrenShortcut:
        return onAncestor;
    case Qt::WidgetShortcut:
        return false;
    }
    return false;
}

bool isEnter(const QKeyEvent *event) {
    return event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
}

// The cursor's line within its block as laid out; 0 before the first layout.
int lineInBlock(const QTextCursor &cursor) {
    const QTextLayout *layout = cursor.block().layout();
    if (layout == nullptr || layout->lineCount() == 0)
        return 0;
    return qMax(0, layout->lineForTextPosition(cursor.positionInBlock()).lineNumber());
}

int lastLineInBlock(const QTextCursor &cursor) {
    const QTextLayout *layout = cursor.block().layout();
    return layout == nullptr ? 0 : qMax(0, layout->lineCount() - 1);
}

} // namespace

CommandInput::CommandInput(QWidget *parent)
    : QPlainTextEdit(parent) {
    setPlaceholderText(tr("Type a command and press Enter (Shift+Enter for a new line)"));
    setTabChangesFocus(true);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setWordWrapMode(QTextOption::WrapAnywhere); // like a terminal; linear on one long word
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    document()->setDocumentMargin(2);
    connect(this, &QPlainTextEdit::textChanged, this, [this] {
        updateHeight();
        if (!settingText_)
            Q_EMIT textEdited();
    });
    connect(document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
            &CommandInput::updateHeight);
    updateHeight();
}

bool CommandInput::isWindowShortcut(const QKeyEvent *event) const {
    if (!(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)))
        return false; // plain and shifted keys are typing
    const QKeySequence typed(event->keyCombination());
    const QList<QAction *> actions = window()->findChildren<QAction *>();
    return std::any_of(actions.begin(), actions.end(), [&](const QAction *action) {
        return action->isEnabled() && action->shortcuts().contains(typed) &&
               reachesShortcut(action, this);
    });
}

void CommandInput::setText(const QString &text) {
    settingText_ = true;
    setPlainText(text);
    settingText_ = false;
    moveCursor(QTextCursor::End);
}

void CommandInput::setCursorPosition(int position) {
    QTextCursor cursor = textCursor();
    cursor.setPosition(qBound(0, position, int(text().size())));
    setTextCursor(cursor);
}

int CommandInput::cursorPosition() const {
    return textCursor().position();
}

bool CommandInput::hasSelectedText() const {
    return textCursor().hasSelection();
}

void CommandInput::setSingleLine(bool on) {
    singleLine_ = on;
    setLineWrapMode(on ? QPlainTextEdit::NoWrap : QPlainTextEdit::WidgetWidth);
    updateHeight();
}

// Lines as laid out (wrapped lines count), between 1 and kMaxVisibleLines.
int CommandInput::visibleLines() const {
    if (singleLine_)
        return 1;
    const int lines = int(document()->documentLayout()->documentSize().height());
    return qBound(1, lines, kMaxVisibleLines);
}

QSize CommandInput::sizeHint() const {
    const QMargins m = contentsMargins();
    const int height = visibleLines() * fontMetrics().lineSpacing() +
                       int(2 * document()->documentMargin()) + 2 * frameWidth() + m.top() +
                       m.bottom() + 2;
    return {QPlainTextEdit::sizeHint().width(), height};
}

QSize CommandInput::minimumSizeHint() const {
    return {QPlainTextEdit::minimumSizeHint().width(), sizeHint().height()};
}

void CommandInput::updateHeight() {
    const int height = sizeHint().height();
    if (height != this->height())
        setFixedHeight(height);
    // While the text fits, no scroll bar and no half-scrolled first line.
    const bool fits = singleLine_ || int(document()->documentLayout()->documentSize().height()) <=
                                         kMaxVisibleLines;
    setVerticalScrollBarPolicy(fits ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    if (fits)
        verticalScrollBar()->setValue(0);
}

// The text edit claims Ctrl+C (copy) and Ctrl+R before shortcuts see them; take them back
// when they mean "cancel" or "search". It also claims editing keys (Ctrl+A, Ctrl+E, ...):
// the window's own shortcuts win over those, since the input has the focus nearly all the
// time.
bool CommandInput::event(QEvent *event) {
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->matches(QKeySequence::Copy) && !hasSelectedText()) || isReverseSearch(key) ||
            key->key() == Qt::Key_Escape) {
            event->accept();
            return true;
        }
        if (isWindowShortcut(key)) {
            event->ignore(); // not ours: the shortcut map delivers it
            return true;
        }
    }
    return QPlainTextEdit::event(event);
}

void CommandInput::keyPressEvent(QKeyEvent *event) {
    const QTextCursor cursor = textCursor();
    const bool onFirstLine = cursor.block() == document()->firstBlock() && lineInBlock(cursor) == 0;
    const bool onLastLine =
        cursor.block() == document()->lastBlock() && lineInBlock(cursor) >= lastLineInBlock(cursor);
    if (isEnter(event) && (event->modifiers() & Qt::ShiftModifier)) {
        if (!singleLine_)
            insertPlainText(QStringLiteral("\n"));
    } else if (isEnter(event) && !(event->modifiers() & Qt::ControlModifier)) {
        Q_EMIT returnPressed();
    } else if (event->key() == Qt::Key_Up && event->modifiers() == Qt::NoModifier && onFirstLine) {
        Q_EMIT historyPreviousRequested();
    } else if (event->key() == Qt::Key_Down && event->modifiers() == Qt::NoModifier && onLastLine) {
        Q_EMIT historyNextRequested();
    } else if (isReverseSearch(event)) {
        Q_EMIT reverseSearchRequested();
    } else if (event->key() == Qt::Key_Escape ||
               (event->matches(QKeySequence::Copy) && !hasSelectedText())) {
        Q_EMIT cancelRequested();
    } else {
        QPlainTextEdit::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace sandbox
