#include "profile_store.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>
#include <QStandardPaths>

namespace sandbox {

namespace {

QString nativePath(const QString &path) {
    return QDir::toNativeSeparators(path);
}

struct Parsed {
    ProfileStore::LoadStatus status = ProfileStore::LoadStatus::Ok;
    QList<Profile> profiles;
    QString error; // without the file name; the caller prefixes it
};

Parsed failed(ProfileStore::LoadStatus status, const QString &error) {
    return {status, {}, error};
}

Parsed parseProfiles(const QJsonArray &array) {
    Parsed result;
    QSet<QUuid> ids;
    for (qsizetype i = 0; i < array.size(); ++i) {
        QString error;
        if (!array.at(i).isObject())
            return failed(ProfileStore::LoadStatus::Corrupt,
                          ProfileStore::tr("profile %1 is not a JSON object").arg(i + 1));
        auto profile = Profile::fromJson(array.at(i).toObject(), error);
        if (!profile)
            return failed(ProfileStore::LoadStatus::Corrupt,
                          ProfileStore::tr("profile %1: %2").arg(i + 1).arg(error));
        if (ids.contains(profile->id))
            return failed(ProfileStore::LoadStatus::Corrupt,
                          ProfileStore::tr("profile %1: id %2 is used twice")
                              .arg(i + 1)
                              .arg(profile->id.toString(QUuid::WithoutBraces)));
        ids.insert(profile->id);
        result.profiles.append(*profile);
    }
    return result;
}

// allowBareArray: imports also accept a plain array of profiles.
Parsed parseDocument(const QByteArray &bytes, bool allowBareArray) {
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (doc.isNull())
        return failed(ProfileStore::LoadStatus::Corrupt,
                      ProfileStore::tr("not valid JSON (%1 at byte %2)")
                          .arg(parseError.errorString())
                          .arg(parseError.offset));
    if (allowBareArray && doc.isArray())
        return parseProfiles(doc.array());
    if (!doc.isObject())
        return failed(ProfileStore::LoadStatus::Corrupt,
                      ProfileStore::tr("the top level is not an object"));
    const QJsonObject root = doc.object();
    const QJsonValue schema = root.value(QStringLiteral("schema"));
    if (!schema.isDouble() || schema.toInt(0) < 1)
        return failed(ProfileStore::LoadStatus::Corrupt,
                      ProfileStore::tr("missing or invalid \"schema\" version"));
    if (schema.toInt() > ProfileStore::kSchemaVersion)
        return failed(
            ProfileStore::LoadStatus::NewerSchema,
            ProfileStore::tr("written by a newer version of Sandbox Console (schema %1; this "
                             "version reads schema %2)")
                .arg(schema.toInt())
                .arg(ProfileStore::kSchemaVersion));
    const QJsonValue profiles = root.value(QStringLiteral("profiles"));
    if (!profiles.isArray())
        return failed(ProfileStore::LoadStatus::Corrupt,
                      ProfileStore::tr("missing or invalid \"profiles\" array"));
    return parseProfiles(profiles.toArray());
}

QByteArray serialize(const QList<Profile> &profiles) {
    QJsonArray array;
    for (const Profile &p : profiles)
        array.append(p.toJson());
    const QJsonObject root{{QStringLiteral("schema"), ProfileStore::kSchemaVersion},
                           {QStringLiteral("profiles"), array}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

bool writeAtomically(const QString &path, const QByteArray &bytes, QString *error) {
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size() && file.commit())
        return true;
    if (error)
        *error = ProfileStore::tr("Cannot save %1: %2").arg(nativePath(path), file.errorString());
    return false;
}

bool validForStore(const Profile &p, QString *error) {
    QString problem;
    if (p.name.trimmed().isEmpty())
        problem = ProfileStore::tr("The profile needs a name.");
    else if (p.address.trimmed().isEmpty())
        problem =
            ProfileStore::tr("The profile \"%1\" needs an agent address (host:port).").arg(p.name);
    if (!problem.isEmpty() && error)
        *error = problem;
    return problem.isEmpty();
}

} // namespace

ProfileStore::ProfileStore(const QString &configDir, QObject *parent)
    : QObject(parent)
    , configDir_(configDir.isEmpty() ? defaultConfigDir() : configDir) {}

QString ProfileStore::defaultConfigDir() {
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
}

QString ProfileStore::filePath() const {
    return QDir(configDir_).filePath(QStringLiteral("profiles.json"));
}

ProfileStore::LoadStatus ProfileStore::load() {
    profiles_.clear();
    loadError_.clear();
    QFile file(filePath());
    if (!file.exists()) {
        loadStatus_ = LoadStatus::Missing;
    } else if (!file.open(QIODevice::ReadOnly)) {
        loadStatus_ = LoadStatus::Corrupt;
        loadError_ = tr("Cannot read %1: %2").arg(nativePath(filePath()), file.errorString());
    } else {
        Parsed parsed = parseDocument(file.readAll(), false);
        loadStatus_ = parsed.status;
        if (parsed.status == LoadStatus::Ok)
            profiles_ = parsed.profiles;
        else
            loadError_ = tr("The profile file %1 is %2. It was left untouched; Sandbox Console "
                            "starts without its profiles.")
                             .arg(nativePath(filePath()), parsed.error);
    }
    Q_EMIT profilesChanged();
    return loadStatus_;
}

bool ProfileStore::canSave() const {
    return loadStatus_ != LoadStatus::Corrupt && loadStatus_ != LoadStatus::NewerSchema;
}

bool ProfileStore::moveAsideBrokenFile(QString *error, QString *newPath) {
    if (canSave() || !QFile::exists(filePath()))
        return true;
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    QString target = filePath() + QStringLiteral(".broken-") + stamp;
    for (int n = 2; QFile::exists(target); ++n)
        target = filePath() + QStringLiteral(".broken-") + stamp + u'-' + QString::number(n);
    QFile file(filePath());
    if (!file.rename(target)) {
        if (error)
            *error = tr("Cannot rename %1 to %2: %3")
                         .arg(nativePath(filePath()), nativePath(target), file.errorString());
        return false;
    }
    if (newPath)
        *newPath = target;
    loadStatus_ = LoadStatus::Missing;
    loadError_.clear();
    return true;
}

bool ProfileStore::save(QString *error) {
    if (!canSave()) {
        if (error)
            *error = tr("Not saving over %1: it could not be read and is kept as it is. Move "
                        "it aside first to save your profiles.")
                         .arg(nativePath(filePath()));
        return false;
    }
    if (!writeAtomically(filePath(), serialize(profiles_), error))
        return false;
    loadStatus_ = LoadStatus::Ok;
    return true;
}

std::optional<Profile> ProfileStore::find(const QUuid &id) const {
    for (const Profile &p : profiles_) {
        if (p.id == id)
            return p;
    }
    return std::nullopt;
}

std::optional<Profile> ProfileStore::findByName(const QString &name) const {
    for (const Profile &p : profiles_) {
        if (p.name == name)
            return p;
    }
    return std::nullopt;
}

bool ProfileStore::commit(QString *error) {
    Q_EMIT profilesChanged();
    return save(error);
}

bool ProfileStore::add(const Profile &profile, QString *error, Profile *stored) {
    if (!validForStore(profile, error))
        return false;
    Profile p = profile;
    if (p.id.isNull() || find(p.id))
        p.id = QUuid::createUuid();
    profiles_.append(p);
    if (stored)
        *stored = p;
    return commit(error);
}

bool ProfileStore::update(const Profile &profile, QString *error) {
    if (!validForStore(profile, error))
        return false;
    for (Profile &p : profiles_) {
        if (p.id == profile.id) {
            p = profile;
            return commit(error);
        }
    }
    if (error)
        *error = tr("The profile \"%1\" no longer exists.").arg(profile.name);
    return false;
}

bool ProfileStore::remove(const QUuid &id, QString *error) {
    const auto removed = profiles_.removeIf([&](const Profile &p) { return p.id == id; });
    if (removed == 0) {
        if (error)
            *error = tr("The profile no longer exists.");
        return false;
    }
    return commit(error);
}

std::optional<Profile> ProfileStore::duplicate(const QUuid &id, QString *error) {
    const auto it = std::find_if(profiles_.begin(), profiles_.end(),
                                 [&](const Profile &p) { return p.id == id; });
    if (it == profiles_.end()) {
        if (error)
            *error = tr("The profile no longer exists.");
        return std::nullopt;
    }
    Profile copy = *it;
    copy.id = QUuid::createUuid();
    copy.name = uniqueName(it->name, tr(" (copy)"));
    profiles_.insert(std::distance(profiles_.begin(), it) + 1, copy);
    commit(error); // a failed save keeps the copy in memory; error says why
    return copy;
}

QString ProfileStore::uniqueName(const QString &base, const QString &suffix) const {
    if (!findByName(base))
        return base;
    QString name = base + suffix;
    for (int n = 2; findByName(name); ++n)
        name = base + suffix.chopped(suffix.endsWith(u')') ? 1 : 0) + u' ' + QString::number(n) +
               (suffix.endsWith(u')') ? QStringLiteral(")") : QString());
    return name;
}

bool ProfileStore::exportTo(const QString &path, const QList<QUuid> &ids, QString *error) const {
    QList<Profile> selected;
    if (ids.isEmpty())
        selected = profiles_;
    for (const QUuid &id : ids) {
        const auto p = find(id);
        if (!p) {
            if (error)
                *error = tr("Cannot export: a selected profile no longer exists.");
            return false;
        }
        selected.append(*p);
    }
    return writeAtomically(path, serialize(selected), error);
}

bool ProfileStore::importFrom(const QString &path, QString *error, QList<QUuid> *importedIds) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot read %1: %2").arg(nativePath(path), file.errorString());
        return false;
    }
    Parsed parsed = parseDocument(file.readAll(), true);
    if (parsed.status == LoadStatus::Ok && parsed.profiles.isEmpty())
        parsed = failed(LoadStatus::Corrupt, tr("without any profile"));
    if (parsed.status != LoadStatus::Ok) {
        if (error)
            *error = tr("Nothing was imported: %1 is %2.").arg(nativePath(path), parsed.error);
        return false;
    }
    for (Profile p : std::as_const(parsed.profiles)) {
        if (p.id.isNull() || find(p.id))
            p.id = QUuid::createUuid();
        p.name = uniqueName(p.name, tr(" (imported)"));
        profiles_.append(p);
        if (importedIds)
            importedIds->append(p.id);
    }
    return commit(error);
}

} // namespace sandbox
