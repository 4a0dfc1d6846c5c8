#include "ctl_profile_source.h"

#include "profile_store.h"
#include "secret_store.h"

#include <QDir>
#include <QEventLoop>
#include <QTimer>

namespace sandbox {

namespace {

// A keychain waiting for an unlock prompt nobody answers must not hang a script.
constexpr int kKeychainTimeoutMs = 60000;

std::string profileLabel(const Profile &profile) {
    return "\"" + profile.name.toStdString() + "\" (" +
           profile.id.toString(QUuid::WithoutBraces).toStdString() + ")";
}

} // namespace

CtlProfileSource::CtlProfileSource(const std::string &configDir)
    : configDir_(configDir.empty() ? ProfileStore::defaultConfigDir()
                                   : QString::fromStdString(configDir)) {}

bool CtlProfileSource::load(std::string &error) {
    ProfileStore store(configDir_);
    const ProfileStore::LoadStatus status = store.load();
    if (status != ProfileStore::LoadStatus::Ok && status != ProfileStore::LoadStatus::Missing) {
        error = store.loadError().toStdString();
        return false;
    }
    profiles_ = store.profiles();
    return true;
}

std::optional<Profile> CtlProfileSource::findById(const QUuid &id) const {
    for (const Profile &p : profiles_)
        if (p.id == id)
            return p;
    return std::nullopt;
}

std::optional<Profile> CtlProfileSource::find(const std::string &nameOrId,
                                              std::string &error) const {
    const QString wanted = QString::fromStdString(nameOrId);
    const QUuid id = QUuid::fromString(wanted);
    if (!id.isNull())
        if (auto found = findById(id))
            return found;
    for (const Profile &p : profiles_)
        if (p.name == wanted)
            return p;
    const QString file =
        QDir::toNativeSeparators(QDir(configDir_).filePath(QStringLiteral("profiles.json")));
    error = "no profile named or with id \"" + nameOrId + "\" in " + file.toStdString() +
            (profiles_.isEmpty() ? " (it has no profiles; see --config-dir)"
                                 : " (sandboxctl profiles list shows them)");
    return std::nullopt;
}

bool CtlProfileSource::readToken(const Profile &profile, std::string &token, std::string &error) {
    SecretStore store;
    QEventLoop loop;
    bool done = false;
    SecretStatus status = SecretStatus::Failed;
    QString message;
    QString read;
    QObject::connect(store.readToken(profile.id), &SecretJob::finished, &loop, [&](SecretJob *job) {
        done = true;
        status = job->status();
        message = job->message();
        read = job->token();
        loop.quit();
    });
    QTimer::singleShot(kKeychainTimeoutMs, &loop, &QEventLoop::quit);
    if (!done)
        loop.exec();
    const std::string alternatives =
        "; give the token with --token-file FILE or --token-env VAR instead (or --no-token "
        "when the agent needs none)";
    if (!done) {
        error = "the keychain did not answer within " + std::to_string(kKeychainTimeoutMs / 1000) +
                " s for the token of profile " + profileLabel(profile) +
                " (is it locked and waiting for a password?)" + alternatives;
        return false;
    }
    if (status == SecretStatus::Ok) {
        token = read.toStdString();
        read.fill(u'\0');
        return true;
    }
    if (status == SecretStatus::NotFound)
        return true; // like the console: the command runs without a token
    error = "cannot read the token of profile " + profileLabel(profile) +
            " from the keychain: " + message.toStdString() + alternatives;
    return false;
}

} // namespace sandbox
