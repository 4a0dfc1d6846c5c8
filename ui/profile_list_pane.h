#pragma once

#include <QUuid>
#include <QWidget>

class QListView;
class QToolBar;

namespace sandbox {

class ProfileListModel;
class ProfileStore;

// The profile list on the left of the main window: badges per profile, a toolbar with the
// profile actions, double-click or Enter opens the console.
class ProfileListPane : public QWidget {
    Q_OBJECT
public:
    explicit ProfileListPane(ProfileStore *store, QWidget *parent = nullptr);

    QUuid currentId() const;
    void setCurrentId(const QUuid &id);
    QListView *view() const { return view_; }
    ProfileListModel *model() const { return model_; }
    QToolBar *toolBar() const { return toolBar_; }

Q_SIGNALS:
    void openRequested(const QUuid &id);
    void currentChanged(const QUuid &id);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    ProfileListModel *model_ = nullptr;
    QListView *view_ = nullptr;
    QToolBar *toolBar_ = nullptr;
    QUuid keptId_; // the selection across a model reset
    int keptRow_ = -1;
};

} // namespace sandbox
