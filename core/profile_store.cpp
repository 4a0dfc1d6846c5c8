#include "profile_store.h"

#include "profile_document.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>

namespace sandbox {

namespace {

QString nativePath(const QString &path) {
    return QDir::toNativeSeparators(path);
}

ProfileStore::LoadStatus statusOf(ProfileDocument::Status status) {
    switch (status) {
    case ProfileDocument::Status::Ok:
        break;
    case ProfileDocument::Status::Corrupt:
        return ProfileStore::LoadStatus::Corrupt;
    case ProfileDocument::Status::NewerSchema:
        return ProfileStore::LoadStatus::NewerSchema;
    }
    return ProfileStore::LoadStatus::Ok;
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

ProfileStore::~ProfileStore() = default;

QString ProfileStore::defaultConfigDir() {
    const QString fromEnvironment = qEnvironmentVariable("SANDBOX_CONSOLE_CONFIG_DIR");
    return fromEnvironment.isEmpty() ? standardConfigDir() : fromEnvironment;
}

QString ProfileStore::standardConfigDir() {
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation);
}

QString ProfileStore::filePath() const {
    return QDir(configDir_).filePath(QStringLiteral("profiles.json"));
}

QString ProfileStore::lockFilePath() const {
    return filePath() + QStringLiteral(".lock");
}

ProfileStore::LoadStatus ProfileStore::load() {
    profiles_.clear();
    base_.clear();
    setAside_.clear();
    lastBytes_.clear();
    loadError_.clear();
    QFile file(filePath());
    if (!file.exists()) {
        loadStatus_ = LoadStatus::Missing;
    } else if (!file.open(QIODevice::ReadOnly)) {
        loadStatus_ = LoadStatus::Corrupt;
        loadError_ = tr("Cannot read %1: %2").arg(nativePath(filePath()), file.errorString());
    } else {
        lastBytes_ = file.readAll();
        const ProfileDocument doc = ProfileDocument::parse(lastBytes_);
        loadStatus_ = statusOf(doc.status());
        if (loadStatus_ == LoadStatus::Ok) {
            profiles_ = base_ = doc.profiles();
            setAside_ = doc.problems();
        } else {
            loadError_ = tr("The profile file %1 cannot be used: %2.")
                             .arg(nativePath(filePath()), doc.error());
        }
    }
    watch();
    Q_EMIT profilesChanged();
    return loadStatus_;
}

bool ProfileStore::canSave() const {
    return loadStatus_ != LoadStatus::Corrupt && loadStatus_ != LoadStatus::NewerSchema;
}

bool ProfileStore::hasUnsavedChanges() const {
    return profiles_ != base_;
}

bool ProfileStore::moveAsideBrokenFile(QString *error, QString *newPath) {
    if (canSave())
        return true;
    if (QFile::exists(filePath())) {
        QLockFile lock(lockFilePath());
        lock.tryLock(lockTimeoutMs_); // renaming is atomic; the lock only keeps saves out
        const QString stamp =
            QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
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
    }
    loadStatus_ = LoadStatus::Missing;
    loadError_.clear();
    lastBytes_.clear();
    QString saveError;
    const bool saved = !hasUnsavedChanges() || save(&saveError);
    Q_EMIT profilesChanged();
    if (!saved && error)
        *error = tr("The profiles in this window are not saved: %1").arg(saveError);
    return saved;
}

bool ProfileStore::save(QString *error) {
    if (!canSave()) {
        if (error)
            *error = tr("Not saving over %1: it could not be read and is kept as it is. Move "
                        "it aside first to save your profiles.")
                         .arg(nativePath(filePath()));
        return false;
    }
    QDir().mkpath(configDir_);
    QLockFile lock(lockFilePath());
    if (!lock.tryLock(lockTimeoutMs_)) {
        if (error)
            *error = tr("Cannot save %1: another Sandbox Console window holds its lock %2.")
                         .arg(nativePath(filePath()), nativePath(lockFilePath()));
        return false;
    }
    // Re-read under the lock: another window may have written since.
    ProfileDocument doc;
    QFile file(filePath());
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = tr("Cannot read %1: %2").arg(nativePath(filePath()), file.errorString());
            return false;
        }
        doc = ProfileDocument::parse(file.readAll());
        if (doc.status() != ProfileDocument::Status::Ok) {
            loadStatus_ = statusOf(doc.status());
            loadError_ = tr("The profile file %1 cannot be used: %2.")
                             .arg(nativePath(filePath()), doc.error());
            Q_EMIT profilesChanged();
            return save(error); // now refused, with the message above
        }
    }
    doc.merge(base_, profiles_);
    const QByteArray bytes = doc.serialize();
    if (!writeAtomically(filePath(), bytes, error))
        return false;
    lastBytes_ = bytes;
    base_ = doc.profiles();
    setAside_ = doc.problems();
    loadStatus_ = LoadStatus::Ok;
    watch();
    setProfiles(base_);
    return true;
}

void ProfileStore::setProfiles(const QList<Profile> &profiles) {
    if (profiles == profiles_)
        return;
    profiles_ = profiles;
    Q_EMIT profilesChanged();
}

void ProfileStore::watch() {
    if (!watchesFile_)
        return;
    if (!watcher_) {
        watcher_ = std::make_unique<QFileSystemWatcher>();
        connect(watcher_.get(), &QFileSystemWatcher::fileChanged, this,
                &ProfileStore::onFileChanged);
        // A save replaces the file (rename), which ends a watch on the old file.
        connect(watcher_.get(), &QFileSystemWatcher::directoryChanged, this,
                &ProfileStore::onFileChanged);
    }
    if (QFileInfo(configDir_).isDir() && !watcher_->directories().contains(configDir_))
        watcher_->addPath(configDir_);
    if (QFileInfo(filePath()).isFile() && !watcher_->files().contains(filePath()))
        watcher_->addPath(filePath());
}

void ProfileStore::onFileChanged() {
    watch();
    QFile file(filePath());
    const bool exists = file.exists();
    if (exists && !file.open(QIODevice::ReadOnly))
        return;
    const QByteArray bytes = exists ? file.readAll() : QByteArray();
    if (bytes == lastBytes_)
        return; // our own write, or nothing that concerns the profiles
    lastBytes_ = bytes;
    ProfileDocument doc = exists ? ProfileDocument::parse(bytes) : ProfileDocument();
    if (doc.status() != ProfileDocument::Status::Ok) {
        // Broken elsewhere: keep the list and this window's changes; saves refuse from now.
        loadStatus_ = statusOf(doc.status());
        loadError_ =
            tr("The profile file %1 cannot be used: %2.").arg(nativePath(filePath()), doc.error());
        Q_EMIT profilesChanged();
        return;
    }
    const QList<Profile> disk = doc.profiles();
    doc.merge(base_, profiles_);
    base_ = disk;
    setAside_ = doc.problems();
    const bool statusChanged = !canSave();
    loadStatus_ = exists ? LoadStatus::Ok : LoadStatus::Missing;
    loadError_.clear();
    if (statusChanged)
        Q_EMIT profilesChanged();
    setProfiles(doc.profiles());
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
    return writeAtomically(path, ProfileDocument::fromProfiles(selected).serialize(), error);
}

bool ProfileStore::importFrom(const QString &path, QString *error, QList<QUuid> *importedIds) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = tr("Cannot read %1: %2").arg(nativePath(path), file.errorString());
        return false;
    }
    const ProfileDocument doc = ProfileDocument::parse(file.readAll(), true, true);
    QString problem = doc.error();
    if (doc.status() == ProfileDocument::Status::Ok && doc.profiles().isEmpty())
        problem = tr("it holds no profiles");
    if (!problem.isEmpty()) {
        // The caller says "Nothing was imported"; this names the file and its fault.
        if (error)
            *error = tr("%1: %2.").arg(nativePath(path), problem);
        return false;
    }
    const QList<Profile> incoming = doc.profiles();
    for (Profile p : incoming) {
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
