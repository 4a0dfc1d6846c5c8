#pragma once

#include <QString>
#include <QStringList>
#include <QUuid>

#include <memory>
#include <optional>

class QFileSystemWatcher;

namespace sandbox {

// Per-profile command history in `<configDir>/history/<id>.txt`, one command per line
// (newlines and backslashes escaped, so multi-line commands come back exactly), oldest
// first. Commands only (never env values), bounded, consecutive repeats collapsed. Also the
// ↑/↓ cursor and Ctrl+R search of a console tab. Several windows (processes) or tabs may
// share a profile's file: add() takes a QLockFile, re-reads the file and appends to what is
// there, and a QFileSystemWatcher brings other windows' commands in. Not thread-safe (GUI
// thread).
class CommandHistory {
public:
    static constexpr int kDefaultMaxEntries = 1000;
    static constexpr int kLockTimeoutMs = 5000;

    CommandHistory(const QString &configDir, const QUuid &profileId,
                   int maxEntries = kDefaultMaxEntries);
    ~CommandHistory();
    CommandHistory(const CommandHistory &) = delete;
    CommandHistory &operator=(const CommandHistory &) = delete;

    QString filePath() const;
    // Missing file = empty history, not an error. Starts watching the file.
    bool load(QString *error = nullptr);
    // Writes the entries in memory (under the lock), replacing the file.
    bool save(QString *error = nullptr) const;

    // Appends (unless empty or equal to the newest), trims to maxEntries, resets the
    // cursor and saves: under the lock, appended to the file as it is now, so another
    // window's commands stay. Returns false with error when saving failed (the entry is kept
    // in memory and written with the next successful add).
    bool add(const QString &command, QString *error = nullptr);
    void clear();

    QStringList entries() const { return entries_; }
    int size() const { return int(entries_.size()); }
    int maxEntries() const { return maxEntries_; }
    void setMaxEntries(int maxEntries);

    // ↑: the next older entry; the first call remembers currentInput as the draft.
    // nullopt when there is nothing older.
    std::optional<QString> previous(const QString &currentInput = {});
    // ↓: the next newer entry, then the draft; nullopt when already at the draft.
    std::optional<QString> next();
    void resetCursor();

    // Ctrl+R: index of the newest entry containing text (case-insensitive) that is older
    // than beforeIndex (-1 = search from the newest); -1 when none.
    int search(const QString &text, int beforeIndex = -1) const;
    QString at(int index) const { return entries_.value(index); }

private:
    void trim();
    // Entries of the file; nullopt with error when it cannot be read. Missing = empty.
    std::optional<QStringList> readFile(QString *error) const;
    bool writeFile(const QStringList &entries, QString *error) const;
    void watch();
    // Another window wrote: take its entries, keep this window's unsaved ones.
    void onFileChanged();

    QString filePath_;
    std::unique_ptr<QFileSystemWatcher> watcher_;
    QStringList unsaved_; // added here, not yet in the file (a save failed)
    int maxEntries_;
    QStringList entries_;
    int cursor_ = -1; // -1 = at the draft (not walking)
    QString draft_;
};

} // namespace sandbox
