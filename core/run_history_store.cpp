#include "run_history_store.h"

#include "profile_store.h"
#include "run_history.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace sandbox {

RunHistoryStore::RunHistoryStore(const QString &dataDir, QObject *parent)
    : QObject(parent)
    , dataDir_(dataDir) {}

QString RunHistoryStore::dataDirFor(const QString &configDir) {
    if (configDir.isEmpty() ||
        QDir(configDir).absolutePath() == QDir(ProfileStore::standardConfigDir()).absolutePath())
        return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    return QDir(configDir).filePath(QStringLiteral("data"));
}

RunHistory *RunHistoryStore::history(const QUuid &profileId) {
    if (RunHistory *existing = histories_.value(profileId))
        return existing;
    auto *history = new RunHistory(dataDir_, profileId, this);
    history->load();
    histories_.insert(profileId, history);
    return history;
}

void RunHistoryStore::removeProfile(const QUuid &profileId) {
    history(profileId)->clear();
    QFile::remove(histories_.value(profileId)->filePath());
    histories_.take(profileId)->deleteLater(); // a panel may still hold it this pass
}

} // namespace sandbox
