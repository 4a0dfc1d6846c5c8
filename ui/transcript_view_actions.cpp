#include "transcript_view_actions.h"

#include "transcript_model.h"
#include "transcript_view.h"

#include <QAction>
#include <QMenu>

namespace sandbox {

TranscriptViewActions::TranscriptViewActions(TranscriptView *view)
    : QObject(view) {
    auto make = [view](const QString &text, QList<QKeySequence> keys, auto slot) {
        auto *action = new QAction(text, view);
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        QObject::connect(action, &QAction::triggered, view, slot);
        view->addAction(action);
        return action;
    };
    copy = make(tr("&Copy"), {QKeySequence::Copy, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C)},
                &TranscriptView::copy);
    copyHtml = make(tr("Copy with C&olours"), {QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C)},
                    &TranscriptView::copyWithColours);
    selectAll = make(tr("Select &All"),
                     {QKeySequence::SelectAll, QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A)},
                     &TranscriptView::selectAll);
    clear = make(tr("C&lear"), {QKeySequence(Qt::CTRL | Qt::Key_L)}, &TranscriptView::clear);
    save = make(tr("&Save Transcript…"), {QKeySequence::Save},
                [view] { Q_EMIT view->saveRequested(view->currentBlockId()); });
    openTranscript = make(tr("&Open Transcript File…"), {}, [view] {
        Q_EMIT view->openTranscriptRequested(view->model()->spoolDirectory());
    });
    previousHeader = make(tr("&Previous Command"), {QKeySequence(Qt::CTRL | Qt::Key_Up)},
                          &TranscriptView::goToPreviousHeader);
    nextHeader = make(tr("&Next Command"), {QKeySequence(Qt::CTRL | Qt::Key_Down)},
                      &TranscriptView::goToNextHeader);
}

void TranscriptViewActions::update(bool hasSelection, bool hasDropMarker) {
    copy->setEnabled(hasSelection);
    copyHtml->setEnabled(hasSelection);
    openTranscript->setEnabled(hasDropMarker);
}

void TranscriptViewActions::populate(QMenu &menu) const {
    menu.addActions({copy, copyHtml, selectAll});
    menu.addSeparator();
    menu.addActions({save, openTranscript});
    menu.addSeparator();
    menu.addActions({previousHeader, nextHeader});
    menu.addSeparator();
    menu.addAction(clear);
}

} // namespace sandbox
