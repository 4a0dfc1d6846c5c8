#pragma once

#include "info_bar.h"

class QPushButton;

namespace sandbox {

class ProfileStore;

// What the main window says about profiles.json: a broken or newer file (kept untouched,
// with "Move aside", which then saves what is in memory), entries set aside because they
// could not be read, and profiles in this window that are not saved. Follows the store.
class ProfileFileBanner : public InfoBar {
    Q_OBJECT
public:
    explicit ProfileFileBanner(ProfileStore *store, QWidget *parent = nullptr);

    QPushButton *moveAsideButton() const { return moveAside_; }

public Q_SLOTS:
    void refresh();

private:
    void moveAside();

    ProfileStore *store_;
    QPushButton *moveAside_ = nullptr;
    QString moved_; // the last "Move aside" outcome, shown until something else matters
    Level movedLevel_ = Level::Information;
    QStringList dismissed_; // set-aside problems the user already dismissed
};

} // namespace sandbox
