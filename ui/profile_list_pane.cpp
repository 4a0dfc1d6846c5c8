#include "profile_list_pane.h"

#include "profile_list_model.h"

#include <QKeyEvent>
#include <QListView>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>

namespace sandbox {

ProfileListPane::ProfileListPane(ProfileStore *store, QWidget *parent)
    : QWidget(parent) {
    model_ = new ProfileListModel(store, this);
    view_ = new QListView(this);
    view_->setModel(model_);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view_->setUniformItemSizes(true);
    view_->setSpacing(2);
    view_->installEventFilter(this);
    toolBar_ = new QToolBar(tr("Profiles"), this);
    toolBar_->setIconSize(QSize(16, 16));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(toolBar_);
    layout->addWidget(view_, 1);

    connect(view_, &QListView::activated, this,
            [this](const QModelIndex &index) { Q_EMIT openRequested(model_->idAt(index.row())); });
    connect(
        view_->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &current) { Q_EMIT currentChanged(model_->idAt(current.row())); });
    // The store resets the model on every change: keep the selected profile selected (or
    // the row where a deleted one was), so the next Edit opens the profile the user sees.
    connect(model_, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        keptId_ = currentId();
        keptRow_ = view_->currentIndex().row();
    });
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        const int rows = model_->rowCount();
        int row = model_->rowOf(keptId_);
        if (row < 0 && rows > 0)
            row = std::clamp(keptRow_, 0, rows - 1);
        if (row >= 0)
            view_->setCurrentIndex(model_->index(row));
    });
    if (model_->rowCount() > 0)
        view_->setCurrentIndex(model_->index(0));
}

QUuid ProfileListPane::currentId() const {
    const QModelIndex index = view_->currentIndex();
    return index.isValid() ? model_->idAt(index.row()) : QUuid();
}

void ProfileListPane::setCurrentId(const QUuid &id) {
    const int row = model_->rowOf(id);
    if (row >= 0)
        view_->setCurrentIndex(model_->index(row));
}

// QListView's "activated" depends on the platform's single/double-click style; Enter
// opens the console everywhere.
bool ProfileListPane::eventFilter(QObject *watched, QEvent *event) {
    if (watched == view_ && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) &&
            !currentId().isNull()) {
            Q_EMIT openRequested(currentId());
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace sandbox
