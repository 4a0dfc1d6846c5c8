#include "start_page.h"

#include "profile_store.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace sandbox {

StartPage::StartPage(ProfileStore *store, QWidget *parent)
    : QWidget(parent)
    , store_(store) {
    setObjectName(QStringLiteral("StartPage"));
    auto *title = new QLabel(tr("Sandbox Console"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    title->setFont(big);
    hint_ = new QLabel(this);
    hint_->setWordWrap(true);
    profiles_ = new QListWidget(this);
    profiles_->setSelectionMode(QAbstractItemView::SingleSelection);
    open_ = new QPushButton(tr("&Open Console"), this);
    create_ = new QPushButton(tr("&New Profile…"), this);
    import_ = new QPushButton(tr("&Import Profiles…"), this);
    job_ = new QPushButton(tr("Open &Job…"), this);
    job_->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(open_);
    buttons->addWidget(create_);
    buttons->addWidget(import_);
    buttons->addWidget(job_);
    buttons->addStretch();
    auto *column = new QVBoxLayout;
    column->addWidget(title);
    column->addWidget(hint_);
    column->addWidget(profiles_, 1);
    column->addLayout(buttons);
    // A readable column in the middle of a wide window.
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addLayout(column, 3);
    outer->addStretch(1);

    connect(open_, &QPushButton::clicked, this, &StartPage::openCurrent);
    connect(profiles_, &QListWidget::itemActivated, this, &StartPage::openCurrent);
    connect(profiles_, &QListWidget::currentRowChanged, this,
            [this](int row) { open_->setEnabled(row >= 0); });
    connect(create_, &QPushButton::clicked, this, &StartPage::createProfileRequested);
    connect(import_, &QPushButton::clicked, this, &StartPage::importRequested);
    connect(job_, &QPushButton::clicked, this, &StartPage::openJobRequested);
    connect(store_, &ProfileStore::profilesChanged, this, &StartPage::reload);
    reload();
}

void StartPage::setJobsAvailable(bool available) {
    job_->setVisible(available);
}

void StartPage::reload() {
    const QUuid current =
        profiles_->currentItem() ? profiles_->currentItem()->data(Qt::UserRole).toUuid() : QUuid();
    profiles_->clear();
    const QList<Profile> all = store_->profiles();
    for (const Profile &p : all) {
        auto *item = new QListWidgetItem(tr("%1 (%2)").arg(p.name, p.address), profiles_);
        item->setData(Qt::UserRole, p.id);
        if (p.id == current)
            profiles_->setCurrentItem(item);
    }
    if (!profiles_->currentItem() && profiles_->count() > 0)
        profiles_->setCurrentRow(0);
    open_->setEnabled(profiles_->currentItem() != nullptr);
    profiles_->setVisible(!all.isEmpty());
    hint_->setText(all.isEmpty()
                       ? tr("No profile yet. A profile names an agent (address, TLS files, "
                            "token) and how commands run there. Create one, or import profiles "
                            "exported elsewhere.")
                       : tr("Open a profile's console, or create a new profile."));
}

void StartPage::openCurrent() {
    if (const QListWidgetItem *item = profiles_->currentItem())
        Q_EMIT openProfileRequested(item->data(Qt::UserRole).toUuid());
}

} // namespace sandbox
