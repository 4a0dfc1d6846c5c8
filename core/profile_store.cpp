#include "profile_store.h"

#include <QStandardPaths>

namespace sandbox {

ProfileStore::ProfileStore(const QString &configDir, QObject *parent)
    : QObject(parent)
    , configDir_(configDir.isEmpty() ? defaultConfigDir() : configDir) {}

QString ProfileStore::defaultConfigDir() {
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
}

QString ProfileStore::filePath() const {
    return configDir_ + QStringLiteral("/profiles.json");
}

ProfileStore::LoadStatus ProfileStore::load() {
    return loadStatus_;
}
bool ProfileStore::canSave() const {
    return true;
}
bool ProfileStore::moveAsideBrokenFile(QString *, QString *) {
    return false;
}
bool ProfileStore::save(QString *) {
    return false;
}
std::optional<Profile> ProfileStore::find(const QUuid &) const {
    return std::nullopt;
}
std::optional<Profile> ProfileStore::findByName(const QString &) const {
    return std::nullopt;
}
bool ProfileStore::add(const Profile &, QString *, Profile *) {
    return false;
}
bool ProfileStore::update(const Profile &, QString *) {
    return false;
}
bool ProfileStore::remove(const QUuid &, QString *) {
    return false;
}
std::optional<Profile> ProfileStore::duplicate(const QUuid &, QString *) {
    return std::nullopt;
}
bool ProfileStore::exportTo(const QString &, const QList<QUuid> &, QString *) const {
    return false;
}
bool ProfileStore::importFrom(const QString &, QString *, QList<QUuid> *) {
    return false;
}
bool ProfileStore::commit(QString *) {
    return false;
}
QString ProfileStore::uniqueName(const QString &base, const QString &) const {
    return base;
}

} // namespace sandbox
