#pragma once

#include "profile.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUuid>

#include <optional>

namespace sandbox {

// The user's profiles in `<configDir>/profiles.json` ({"schema": 1, "profiles": [...]}).
// A corrupt or newer-schema file is reported and never overwritten: the app then works
// with an empty list in memory and save() refuses until moveAsideBrokenFile() (only with
// the user's consent). Mutations change memory, emit profilesChanged() and save; a failed
// save keeps the change in memory and returns the reason. Use from the GUI thread.
class ProfileStore : public QObject {
    Q_OBJECT
public:
    static constexpr int kSchemaVersion = 1;
    enum class LoadStatus { Ok, Missing, Corrupt, NewerSchema };
    Q_ENUM(LoadStatus)

    // configDir empty = defaultConfigDir().
    explicit ProfileStore(const QString &configDir = {}, QObject *parent = nullptr);

    // QStandardPaths::AppConfigLocation (main sets the application name).
    static QString defaultConfigDir();
    QString configDir() const { return configDir_; }
    QString filePath() const;

    // Reads the file, replacing the list in memory. Missing = empty list, saves allowed.
    LoadStatus load();
    LoadStatus loadStatus() const { return loadStatus_; }
    // Names the file and what is wrong with it; empty after Ok / Missing.
    QString loadError() const { return loadError_; }
    // False while a broken file is protected from being overwritten.
    bool canSave() const;
    // Renames the broken file to profiles.json.broken-<timestamp>; saves work again.
    bool moveAsideBrokenFile(QString *error = nullptr, QString *newPath = nullptr);

    // Atomic (QSaveFile). On failure error names the file and the OS error.
    bool save(QString *error = nullptr);

    QList<Profile> profiles() const { return profiles_; }
    std::optional<Profile> find(const QUuid &id) const;
    std::optional<Profile> findByName(const QString &name) const;

    // add: a null or taken id gets a new one; the stored profile is returned via stored.
    bool add(const Profile &profile, QString *error = nullptr, Profile *stored = nullptr);
    // false with error when no profile has that id (nothing changes) or the save failed.
    bool update(const Profile &profile, QString *error = nullptr);
    bool remove(const QUuid &id, QString *error = nullptr);
    // A copy with a new id and name "<name> (copy)", added after the original.
    std::optional<Profile> duplicate(const QUuid &id, QString *error = nullptr);

    // Writes the given profiles (all when ids is empty) in the same schema; no tokens.
    bool exportTo(const QString &path, const QList<QUuid> &ids = {},
                  QString *error = nullptr) const;
    // Accepts an exported file (or a bare array of profiles). Conflicting ids get new ids,
    // conflicting names an " (imported)" suffix. A bad file changes nothing; error says why.
    bool importFrom(const QString &path, QString *error = nullptr,
                    QList<QUuid> *importedIds = nullptr);

Q_SIGNALS:
    void profilesChanged();

private:
    bool commit(QString *error);
    QString uniqueName(const QString &base, const QString &suffix) const;

    QString configDir_;
    QList<Profile> profiles_;
    LoadStatus loadStatus_ = LoadStatus::Missing;
    QString loadError_;
};

} // namespace sandbox
