// Fuzzes the profiles.json loader (ProfileStore::load and importFrom) through its real file
// path. A file that loads is saved and loaded again and must come back the same: nothing a
// user had may be lost or changed by a save.
#include "profile_store.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

using sandbox::ProfileStore;

namespace {

// /dev/shm when there is one: the loader reads a real file on every run.
QString scratchRoot() {
    return QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm")
                                                     : QDir::tempPath();
}

void writeFile(const QString &path, const uint8_t *data, size_t size) {
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
        file.write(reinterpret_cast<const char *>(data), static_cast<qint64>(size)) !=
            static_cast<qint64>(size))
        std::abort(); // the harness itself failed, not the code under test
}

void checkLoad(const QString &dir) {
    ProfileStore store(dir);
    store.setWatchesFile(false);
    const auto status = store.load();
    if (status == ProfileStore::LoadStatus::Corrupt ||
        status == ProfileStore::LoadStatus::NewerSchema) {
        // The message names the file; the file is protected from being overwritten.
        if (!store.loadError().contains(QDir::toNativeSeparators(store.filePath())) ||
            store.canSave() || store.save())
            std::abort();
        return;
    }
    if (status != ProfileStore::LoadStatus::Ok || !store.save())
        std::abort();
    ProfileStore reread(dir);
    reread.setWatchesFile(false);
    if (reread.load() != ProfileStore::LoadStatus::Ok || reread.profiles() != store.profiles())
        std::abort();
}

void checkImport(const QString &file, const QString &dir) {
    QFile::remove(QDir(dir).filePath(QStringLiteral("profiles.json")));
    ProfileStore store(dir);
    store.setWatchesFile(false);
    store.load();
    QString error;
    QList<QUuid> ids;
    if (!store.importFrom(file, &error, &ids)) {
        if (!error.contains(QDir::toNativeSeparators(file)) || !store.profiles().isEmpty())
            std::abort(); // a bad file names itself and changes nothing
        return;
    }
    if (ids.isEmpty() || ids.size() != store.profiles().size())
        std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static QTemporaryDir scratch(scratchRoot() + QStringLiteral("/profile-store-fuzz-XXXXXX"));
    static const QString loadDir = scratch.filePath(QStringLiteral("load"));
    static const QString importDir = scratch.filePath(QStringLiteral("import"));
    static const bool made = QDir().mkpath(loadDir) && QDir().mkpath(importDir);
    if (!scratch.isValid() || !made)
        std::abort();
    const QString file = QDir(loadDir).filePath(QStringLiteral("profiles.json"));
    writeFile(file, data, size);
    checkLoad(loadDir);
    writeFile(file, data, size); // checkLoad may have saved over it
    checkImport(file, importDir);
    return 0;
}
