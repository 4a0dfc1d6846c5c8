#pragma once

#include <QString>

#include <memory>

namespace sandbox {

class AppSettings;
class MainWindow;
class ProfileStore;
class SecretStore;

// The objects behind one sandbox-console window: the profile store, the keychain, the
// settings (all in one config dir) and the MainWindow on top of them. Shared by main() and
// the screenshot driver, so both build exactly the same application.
class ConsoleShell {
public:
    // configDir empty: the default config location (QStandardPaths::AppConfigLocation).
    explicit ConsoleShell(const QString &configDir = {});
    ~ConsoleShell();
    ConsoleShell(const ConsoleShell &) = delete;
    ConsoleShell &operator=(const ConsoleShell &) = delete;

    MainWindow *window() const { return window_.get(); }
    ProfileStore *profiles() const { return store_.get(); }
    SecretStore *secrets() const { return secrets_.get(); }
    AppSettings *settings() const { return settings_.get(); }
    QString configDir() const;

    // Opens the console of the profile called `nameOrId` (a profile name, or its id).
    // When there is none, returns false and sets error to a sentence naming it and the file.
    bool openProfile(const QString &nameOrId, QString *error = nullptr);
    // Opens a job file (sandbox-console JOB.sandbox-job.json): its profile's console with the
    // command and overrides filled in; false with error when the job cannot be opened.
    bool openJob(const QString &path, QString *error = nullptr);

    // After the window closed: lets keychain jobs still in flight (a token saved just before
    // quitting) finish, bounded, so the user's token is not lost.
    void finishKeychainJobs(int timeoutMs = 5000);

private:
    std::unique_ptr<ProfileStore> store_;
    std::unique_ptr<SecretStore> secrets_;
    std::unique_ptr<AppSettings> settings_;
    std::unique_ptr<MainWindow> window_; // last: destroyed first, while the rest still lives
};

} // namespace sandbox
