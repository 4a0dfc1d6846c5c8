#pragma once

#include "profile.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUuid>

#include <memory>
#include <optional>

class QFileSystemWatcher;

namespace sandbox {

// The user's profiles in `<configDir>/profiles.json` ({"schema": 1, "profiles": [...]}).
// A corrupt or newer-schema file is reported and never overwritten: the app then works
// with the list in memory and save() refuses until moveAsideBrokenFile() (only with the
// user's consent), which then writes what is in memory. A single unreadable entry is set
// aside instead: the others load, and its raw JSON is written back with every save.
// Several windows (processes) may share the file: every save takes a QLockFile, re-reads
// the file and merges by profile id (a window deletes only what it deleted), and a
// QFileSystemWatcher brings other windows' changes into memory. Mutations change memory,
// emit profilesChanged() and save; a failed save keeps the change in memory (pending until
// the next successful save) and returns the reason. Use from the GUI thread.
class ProfileStore : public QObject {
    Q_OBJECT
public:
    static constexpr int kSchemaVersion = 1;
    enum class LoadStatus { Ok, Missing, Corrupt, NewerSchema };
    Q_ENUM(LoadStatus)

    // configDir empty = defaultConfigDir().
    explicit ProfileStore(const QString &configDir = {}, QObject *parent = nullptr);
    ~ProfileStore() override;

    // $SANDBOX_CONSOLE_CONFIG_DIR when set (`scripts/demo --shell` points it at the demo's
    // profiles, for the console and sandboxctl alike), else standardConfigDir().
    static QString defaultConfigDir();
    // QStandardPaths::AppConfigLocation (main sets the application name).
    static QString standardConfigDir();
    QString configDir() const { return configDir_; }
    QString filePath() const;

    // Reads the file, replacing the list in memory. Missing = empty list, saves allowed.
    LoadStatus load();
    LoadStatus loadStatus() const { return loadStatus_; }
    // Names the file and what is wrong with it; empty after Ok / Missing.
    QString loadError() const { return loadError_; }
    // Entries of the file that could not be read and are kept in it as they are, one
    // sentence each ("profile #2 ('name') is missing the field 'address'").
    QStringList setAsideProblems() const { return setAside_; }
    // True while memory holds changes the file does not have (a save failed or was refused).
    bool hasUnsavedChanges() const;
    // False while a broken file is protected from being overwritten.
    bool canSave() const;
    // Renames the broken file to profiles.json.broken-<timestamp>, then writes the profiles
    // in memory (so a profile created meanwhile is not lost). False with error when the
    // rename or the save failed; newPath is set once the rename happened.
    bool moveAsideBrokenFile(QString *error = nullptr, QString *newPath = nullptr);

    // Locks, re-reads, merges and writes atomically (QSaveFile). On failure error names the
    // file and the OS error, or the lock another window holds.
    bool save(QString *error = nullptr);
    // Off: no QFileSystemWatcher, so other windows' writes are taken in only by load() and
    // the merge in save(). For a store without an event loop to deliver the watcher's
    // signals (the profile_store fuzzer, where setting up the watch dominated each run).
    // Call before load().
    void setWatchesFile(bool watches) { watchesFile_ = watches; }
    // How long save() waits for another window's lock.
    void setLockTimeout(int ms) { lockTimeoutMs_ = ms; }
    QString lockFilePath() const;

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
    // Takes in what another window wrote, keeping this window's unsaved changes.
    void onFileChanged();
    void watch();
    // Sets profiles_; emits profilesChanged() when the list differs.
    void setProfiles(const QList<Profile> &profiles);

    QString configDir_;
    QList<Profile> profiles_;
    QList<Profile> base_; // the file's profiles as last read or written: the merge base
    QStringList setAside_;
    QByteArray lastBytes_; // the file as last read or written; a change elsewhere differs
    LoadStatus loadStatus_ = LoadStatus::Missing;
    QString loadError_;
    int lockTimeoutMs_ = 10000;
    bool watchesFile_ = true;
    std::unique_ptr<QFileSystemWatcher> watcher_;
};

} // namespace sandbox
