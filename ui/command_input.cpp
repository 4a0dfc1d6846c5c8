#include "command_input.h"

#include <QAction>
#include <QKeyEvent>

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

} // namespace

CommandInput::CommandInput(QWidget *parent)
    : QLineEdit(parent) {
    setPlaceholderText(tr("Type a command and press Enter"));
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

// QLineEdit claims Ctrl+C (copy) and Ctrl+R before shortcuts see them; take them back when
// they mean "cancel" or "search". It also claims Emacs-style editing keys (Ctrl+E is "end of
// line" under X11): the window's own shortcuts win over those, since the input has the focus
// nearly all the time.
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
    return QLineEdit::event(event);
}

void CommandInput::keyPressEvent(QKeyEvent *event) {
    if (event->key() == Qt::Key_Up) {
        Q_EMIT historyPreviousRequested();
    } else if (event->key() == Qt::Key_Down) {
        Q_EMIT historyNextRequested();
    } else if (isReverseSearch(event)) {
        Q_EMIT reverseSearchRequested();
    } else if (event->key() == Qt::Key_Escape ||
               (event->matches(QKeySequence::Copy) && !hasSelectedText())) {
        Q_EMIT cancelRequested();
    } else {
        QLineEdit::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace sandbox
