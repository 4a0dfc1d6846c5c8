#include "connection_status.h"

#include "profile.h"
#include "profile_list_model.h"

#include <QLabel>
#include <QStatusBar>

namespace sandbox {

namespace {

QString stateColour(ConnectionState state) {
    switch (state) {
    case ConnectionState::Ready:
        return QStringLiteral("#2e8b57");
    case ConnectionState::Connecting:
        return QStringLiteral("#b7791f");
    case ConnectionState::Error:
        return QStringLiteral("#c0392b");
    case ConnectionState::Idle:
        break;
    }
    return QStringLiteral("#666666");
}

} // namespace

ConnectionStatus::ConnectionStatus(QStatusBar *bar)
    : QObject(bar) {
    state_ = new QLabel(bar);
    transport_ = new QLabel(bar);
    address_ = new QLabel(bar);
    insecure_ = new QLabel(tr("insecure"), bar);
    insecure_->setStyleSheet(QStringLiteral("QLabel { background: #fff3cd; color: #6b4e00; "
                                            "border: 1px solid #d39e00; border-radius: 3px; "
                                            "padding: 0 4px; }"));
    transport_->setStyleSheet(QStringLiteral("QLabel { border: 1px solid #8aa; "
                                             "border-radius: 3px; padding: 0 4px; }"));
    bar->addPermanentWidget(address_);
    bar->addPermanentWidget(transport_);
    bar->addPermanentWidget(insecure_);
    bar->addPermanentWidget(state_);
    clear();
}

void ConnectionStatus::show(const Profile &profile, ConnectionState state) {
    state_->setText(connectionStateText(state));
    state_->setStyleSheet(
        QStringLiteral("QLabel { color: %1; font-weight: bold; }").arg(stateColour(state)));
    const auto badges = ProfileBadges::of(profile);
    transport_->setText(ProfileListModel::badgeName(badges.value(0)));
    transport_->show();
    insecure_->setVisible(badges.contains(ProfileBadges::Badge::Insecure));
    address_->setText(profile.address);
}

void ConnectionStatus::clear() {
    state_->setText(connectionStateText(ConnectionState::Idle));
    state_->setStyleSheet(QString());
    transport_->clear();
    transport_->hide();
    address_->clear();
    insecure_->hide();
}

QString ConnectionStatus::stateText() const {
    return state_->text();
}
QString ConnectionStatus::transportText() const {
    return transport_->text();
}
QString ConnectionStatus::addressText() const {
    return address_->text();
}
bool ConnectionStatus::insecureShown() const {
    return !insecure_->isHidden();
}

} // namespace sandbox
