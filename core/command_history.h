#pragma once

#include <QString>
#include <QStringList>
#include <QUuid>

#include <memory>
#include <mutex>
#include <optional>
#include <thread>

class QFileSystemWatcher;
class QObject;

namespace sandbox {

// Per-profile command history in `<configDir>/history/<id>.txt`, one command per line
// (newlines and backslashes escaped, so multi-line commands come back exactly), oldest
// first. Commands only (never env values), bounded, consecutive repeats collapsed. Also the
// ↑/↓ cursor and Ctrl+R search of a console tab. Several windows (processes) or tabs may
// share a profile's file: add() takes a QLockFile, re-reads the file and appends to what is
// there, and a QFileSystemWatcher brings other windows' commands in. The file work of add()
// runs on a thread of its own (a lock held by another window, or a slow disk, must not stall
// the console), one save at a time; the in-memory list changes at once. Not thread-safe:
// call it from the thread that created it (the GUI thread).
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

    // Appends (unless empty or equal to the newest), trims to maxEntries and resets the
    // cursor at once, then saves in the background: under the lock, appended to the file as
    // it is now, so another window's commands stay. An entry whose save failed stays in
    // memory and is written with the next add.
    void add(const QString &command);
    // Waits for the background saves and takes their results (the file's entries, with other
    // windows' commands). False with error when the last save failed. The destructor flushes.
    bool flush(QString *error = nullptr);
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
    struct Merge {
        bool ok = false;
        QStringList entries; // the file's entries after the save (ok only)
        QString error;
    };
    // Entries of the file at path; nullopt with error when it cannot be read. Missing = empty.
    static std::optional<QStringList> readFile(const QString &path, QString *error);
    static bool writeFile(const QString &path, const QStringList &entries, QString *error);
    // Under the lock: the file's entries plus mine, trimmed to maxEntries, written back.
    static Merge mergeIntoFile(const QString &path, const QStringList &mine, int maxEntries);
    void startSave();
    void collectSave(quint64 save);
    void finishSave(const Merge &merge);
    void watch();
    // Another window wrote: take its entries, keep this window's unsaved ones.
    void onFileChanged();

    QString filePath_;
    std::unique_ptr<QFileSystemWatcher> watcher_;
    QStringList unsaved_;         // added here, not yet in the file (saving, or a save failed)
    std::thread saver_;           // the running save, one at a time, in order
    std::mutex resultMutex_;      // guards result_
    std::optional<Merge> result_; // the finished save's, until collected
    quint64 saveNumber_ = 0;      // of the running (or last) save
    std::unique_ptr<QObject> receiver_; // brings "done" back to this thread
    bool saving_ = false;
    bool saveAgain_ = false;    // entries were added while a save ran
    qsizetype savingCount_ = 0; // the first entries of unsaved_ that the running save writes
    QString saveError_;         // of the last save; empty when it worked
    int maxEntries_;
    QStringList entries_;
    int cursor_ = -1; // -1 = at the draft (not walking)
    QString draft_;
};

} // namespace sandbox
