#include "profile_file_banner.h"

#include "profile_store.h"

#include <QDir>
#include <QPushButton>

#include <algorithm>

namespace sandbox {

ProfileFileBanner::ProfileFileBanner(ProfileStore *store, QWidget *parent)
    : InfoBar(parent)
    , store_(store) {
    moveAside_ = addButton(tr("Move aside"));
    moveAside_->hide();
    connect(moveAside_, &QPushButton::clicked, this, &ProfileFileBanner::moveAside);
    connect(store_, &ProfileStore::profilesChanged, this, &ProfileFileBanner::refresh);
    connect(this, &InfoBar::dismissed, this, [this] {
        dismissed_ = store_->setAsideProblems();
        moved_.clear();
    });
    refresh();
}

void ProfileFileBanner::refresh() {
    const bool unsaved = store_->hasUnsavedChanges();
    const QString unsavedText = tr("Profiles added or changed in this window are NOT saved yet.");
    const QStringList problems = store_->setAsideProblems();
    QString text;
    Level level = Level::Information;
    if (!store_->canSave()) {
        level = Level::Error;
        text = tr("%1 It was left untouched; profiles cannot be saved until it is moved aside.")
                   .arg(store_->loadError());
        if (unsaved)
            text += u' ' + unsavedText + u' ' + tr("Move aside saves them.");
    } else if (unsaved) {
        level = Level::Error;
        text = unsavedText + u' ' +
               tr("The last save of %1 failed; they are saved with the next change that "
                  "succeeds.")
                   .arg(QDir::toNativeSeparators(store_->filePath()));
    } else if (!problems.isEmpty() && problems != dismissed_) {
        level = Level::Warning;
        text = tr("Some entries of %1 could not be read. They are kept in the file as they are "
                  "and not shown until they are fixed there: %2.")
                   .arg(QDir::toNativeSeparators(store_->filePath()),
                        problems.join(QStringLiteral("; ")));
    }
    if (!moved_.isEmpty()) {
        text = text.isEmpty() ? moved_ : moved_ + u' ' + text;
        level = std::max(level, movedLevel_);
    }
    moveAside_->setVisible(!store_->canSave());
    setClosable(store_->canSave() && !unsaved);
    showMessage(level, text);
}

void ProfileFileBanner::moveAside() {
    QString error;
    QString newPath;
    const bool ok = store_->moveAsideBrokenFile(&error, &newPath);
    QStringList parts;
    if (!newPath.isEmpty())
        parts << tr("The old file was renamed to %1.").arg(QDir::toNativeSeparators(newPath));
    if (ok && !store_->profiles().isEmpty())
        parts << tr("The profiles in this window were saved to %1.")
                     .arg(QDir::toNativeSeparators(store_->filePath()));
    if (!ok)
        parts << error;
    moved_ = parts.join(u' ');
    movedLevel_ = ok ? Level::Information : Level::Error;
    refresh();
}

} // namespace sandbox
