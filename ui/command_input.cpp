#include "command_input.h"

#include <QKeyEvent>

namespace sandbox {

namespace {

bool isReverseSearch(const QKeyEvent *event) {
    return event->key() == Qt::Key_R && event->modifiers() == Qt::ControlModifier;
}

} // namespace

CommandInput::CommandInput(QWidget *parent)
    : QLineEdit(parent) {
    setPlaceholderText(tr("Type a command and press Enter"));
}

// QLineEdit claims Ctrl+C (copy) and Ctrl+R before shortcuts see them; take them back when
// they mean "cancel" or "search".
bool CommandInput::event(QEvent *event) {
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->matches(QKeySequence::Copy) && !hasSelectedText()) || isReverseSearch(key) ||
            key->key() == Qt::Key_Escape) {
            event->accept();
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
