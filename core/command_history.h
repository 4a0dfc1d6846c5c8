#pragma once

#include <QString>
#include <QStringList>
#include <QUuid>

#include <optional>

namespace sandbox {

// Per-profile command history in `<configDir>/history/<id>.txt`, one command per line
// (newlines and backslashes escaped, so multi-line commands come back exactly), oldest first.
// Commands only (never env values), bounded, consecutive repeats collapsed. Also the ↑/↓ cursor and
// Ctrl+R search of a console tab. Not thread-safe (GUI thread).
class CommandHistory {
public:
    static constexpr int kDefaultMaxEntries = 1000;

    CommandHistory(const QString &configDir, const QUuid &profileId,
                   int maxEntries = kDefaultMaxEntries);

    QString filePath() const;
    // Missing file = empty history, not an error.
    bool load(QString *error = nullptr);
    bool save(QString *error = nullptr) const;

    // Appends the exact text (unless blank or equal to the newest) to what is on disk (another
    // tab of the profile may have added to it), trims to maxEntries, resets the
    // cursor and saves. Returns false with error when saving failed (entry kept in memory).
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
    bool readEntries(QStringList &entries, QString *error = nullptr) const;
    void trim();

    QString filePath_;
    int maxEntries_;
    QStringList entries_;
    int cursor_ = -1; // -1 = at the draft (not walking)
    QString draft_;
};

} // namespace sandbox
