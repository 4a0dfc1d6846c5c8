#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <QUuid>

namespace sandbox {

class RunHistory;

// The run histories of all profiles, one shared RunHistory per profile (every console tab
// of a profile and the history panel see the same one). GUI thread only.
class RunHistoryStore : public QObject {
    Q_OBJECT
public:
    explicit RunHistoryStore(const QString &dataDir, QObject *parent = nullptr);

    // Where the run history lives for a config dir: QStandardPaths::AppDataLocation when it
    // is the standard config location; inside any other (--config-dir DIR or
    // $SANDBOX_CONSOLE_CONFIG_DIR: DIR/data), so a demo or test config keeps everything of
    // its own in one place.
    static QString dataDirFor(const QString &configDir);

    QString dataDir() const { return dataDir_; }
    // Loaded on first use; never null.
    RunHistory *history(const QUuid &profileId);
    // The profile was deleted: its records and transcripts go too.
    void removeProfile(const QUuid &profileId);

private:
    QString dataDir_;
    QHash<QUuid, RunHistory *> histories_;
};

} // namespace sandbox
