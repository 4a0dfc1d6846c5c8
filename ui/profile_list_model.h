#pragma once

#include "profile_badges.h"

#include <QAbstractListModel>
#include <QList>
#include <QUuid>

namespace sandbox {

class Profile;
class ProfileStore;

// The profiles of a ProfileStore for a QListView, with transport badges
// ("mTLS" / "TLS" / "plaintext") and "insecure" where a token may travel in cleartext.
class ProfileListModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { IdRole = Qt::UserRole + 1, BadgesRole, AddressRole };

    explicit ProfileListModel(ProfileStore *store, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;

    QUuid idAt(int row) const;
    int rowOf(const QUuid &id) const;
    // The badges of ProfileBadges::of(), in the user's language.
    static QStringList badges(const Profile &profile);
    static QString badgeName(ProfileBadges::Badge badge);

public Q_SLOTS:
    void reload();

private:
    ProfileStore *store_;
    QList<QUuid> ids_;
};

} // namespace sandbox
