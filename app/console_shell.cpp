#include "console_shell.h"

#include "app_settings.h"
#include "job_commands.h"
#include "main_window.h"
#include "profile_store.h"
#include "secret_store.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QTimer>
#include <QUuid>

namespace sandbox {

ConsoleShell::ConsoleShell(const QString &configDir)
    : store_(std::make_unique<ProfileStore>(configDir))
    , secrets_(std::make_unique<SecretStore>())
    , settings_(std::make_unique<AppSettings>(store_->configDir()))
    , window_(std::make_unique<MainWindow>(store_.get(), secrets_.get(), settings_.get())) {}

ConsoleShell::~ConsoleShell() = default;

QString ConsoleShell::configDir() const {
    return store_->configDir();
}

bool ConsoleShell::openProfile(const QString &nameOrId, QString *error) {
    std::optional<Profile> profile = store_->findByName(nameOrId);
    if (!profile) {
        const QUuid id = QUuid::fromString(nameOrId);
        if (!id.isNull())
            profile = store_->find(id);
    }
    if (!profile || !window_->openConsole(profile->id)) {
        if (error)
            *error = QCoreApplication::translate("sandbox::ConsoleShell",
                                                 "There is no profile named \"%1\" in %2.")
                         .arg(nameOrId, store_->filePath());
        return false;
    }
    return true;
}

bool ConsoleShell::openJob(const QString &path, QString *error) {
    if (window_->jobCommands()->openJob(path))
        return true;
    if (error)
        *error = window_->jobCommands()->lastError();
    return false;
}

void ConsoleShell::finishKeychainJobs(int timeoutMs) {
    if (secrets_->pendingJobs() == 0)
        return;
    // Not nested: the application's own event loop has already returned.
    QEventLoop loop;
    QObject::connect(secrets_.get(), &SecretStore::idle, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace sandbox
