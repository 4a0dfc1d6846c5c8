#pragma once

// What a user checks by looking at a dialog: every label, check box and button shows its
// whole text at the size the dialog has, and nothing sits outside the visible width of a
// scroll area. Used at a dialog's default size, in English and German.
#include "qstring_print.h"

#include <QAbstractButton>
#include <QAbstractScrollArea>
#include <QLabel>
#include <QScrollBar>
#include <QString>
#include <QStringList>
#include <QWidget>

namespace sandbox::test {

// One line per clipped widget: its class, text, and the width it needs and has.
inline QStringList clippedWidgets(QWidget *root) {
    QStringList clipped;
    const auto widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisibleTo(root))
            continue;
        QString text;
        bool cut = false;
        if (auto *label = qobject_cast<QLabel *>(w)) {
            text = label->text();
            cut = label->wordWrap() ? label->heightForWidth(label->width()) > label->height()
                                    : label->sizeHint().width() > label->width();
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            text = button->text();
            cut = button->sizeHint().width() > button->width();
        } else {
            continue;
        }
        if (text.isEmpty())
            continue;
        // Inside the visible width of every scroll area around it.
        for (QWidget *p = w->parentWidget(); p && p != root; p = p->parentWidget()) {
            auto *area = qobject_cast<QAbstractScrollArea *>(p);
            if (!area || !area->viewport()->isAncestorOf(w))
                continue;
            const QPoint at = w->mapTo(area->viewport(), QPoint(0, 0));
            if (at.x() < 0 || at.x() + w->width() > area->viewport()->width())
                cut = true;
        }
        if (cut)
            clipped << QStringLiteral("%1 \"%2\": needs %3 px, has %4 px")
                           .arg(QString::fromLatin1(w->metaObject()->className()), text)
                           .arg(w->sizeHint().width())
                           .arg(w->width());
    }
    return clipped;
}

// Scroll areas of the dialog (not of its tables) that show a horizontal scroll bar.
inline QStringList horizontalScrollBars(QWidget *root) {
    QStringList shown;
    const auto areas = root->findChildren<QAbstractScrollArea *>();
    for (QAbstractScrollArea *area : areas) {
        if (area->isVisibleTo(root) && area->horizontalScrollBar()->isVisibleTo(root))
            shown << QString::fromLatin1(area->metaObject()->className());
    }
    return shown;
}

} // namespace sandbox::test
