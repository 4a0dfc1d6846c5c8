#include "profile_list_model.h"

#include "profile.h"
#include "profile_store.h"

namespace sandbox {

ProfileListModel::ProfileListModel(ProfileStore *store, QObject *parent)
    : QAbstractListModel(parent)
    , store_(store) {
    connect(store_, &ProfileStore::profilesChanged, this, &ProfileListModel::reload);
    reload();
}

void ProfileListModel::reload() {
    beginResetModel();
    ids_.clear();
    const auto profiles = store_->profiles();
    for (const Profile &p : profiles)
        ids_.append(p.id);
    endResetModel();
}

int ProfileListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(ids_.size());
}

QStringList ProfileListModel::badges(const Profile &profile) {
    QStringList words;
    const auto list = ProfileBadges::of(profile);
    for (const ProfileBadges::Badge badge : list)
        words << badgeName(badge);
    return words;
}

QString ProfileListModel::badgeName(ProfileBadges::Badge badge) {
    switch (badge) {
    case ProfileBadges::Badge::MutualTls:
        return tr("mTLS");
    case ProfileBadges::Badge::Tls:
        return tr("TLS");
    case ProfileBadges::Badge::Plaintext:
        return tr("plaintext");
    case ProfileBadges::Badge::Insecure:
        break;
    }
    return tr("insecure");
}

QVariant ProfileListModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= ids_.size())
        return {};
    const auto profile = store_->find(ids_.at(index.row()));
    if (!profile)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1  [%2]")
            .arg(profile->name, badges(*profile).join(QStringLiteral("] [")));
    case Qt::ToolTipRole:
        return tr("%1 at %2").arg(profile->name, profile->address);
    case IdRole:
        return profile->id;
    case BadgesRole:
        return badges(*profile);
    case AddressRole:
        return profile->address;
    default:
        return {};
    }
}

QUuid ProfileListModel::idAt(int row) const {
    return row >= 0 && row < ids_.size() ? ids_.at(row) : QUuid();
}

int ProfileListModel::rowOf(const QUuid &id) const {
    return int(ids_.indexOf(id));
}

} // namespace sandbox
