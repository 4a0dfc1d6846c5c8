#include "profile_commands.h"

#include "dialog_answers.h"
#include "profile_editor_dialog.h"
#include "profile_store.h"
#include "secret_store.h"

#include <QDir>

#include <memory>

namespace sandbox {

namespace {

QString jsonFilter() {
    return ProfileCommands::tr("Profiles (*.json);;All files (*)");
}

} // namespace

ProfileCommands::ProfileCommands(ProfileStore *store, SecretStore *secrets, QWidget *window)
    : QObject(window)
    , store_(store)
    , secrets_(secrets)
    , window_(window) {}

ProfileEditorDialog *ProfileCommands::openEditor(const QUuid &id) {
    if (editor_) {
        editor_->raise();
        editor_->activateWindow();
        return editor_;
    }
    std::optional<Profile> existing;
    if (!id.isNull()) {
        existing = store_->find(id);
        if (!existing)
            return nullptr;
    }
    editor_ = new ProfileEditorDialog(store_, secrets_, existing, window_);
    editor_->setAttribute(Qt::WA_DeleteOnClose);
    editor_->setPresenterMode(presenter_);
    connect(editor_, &ProfileEditorDialog::profileSaved, this, &ProfileCommands::profileSelected);
    editor_->open();
    Q_EMIT editorOpened(editor_);
    return editor_;
}

bool ProfileCommands::duplicate(const QUuid &id) {
    QString error;
    if (const auto copy = store_->duplicate(id, &error)) {
        copyToken(id, copy->id);
        Q_EMIT profileSelected(copy->id);
        return true;
    }
    DialogAnswers::warning(window_, tr("Duplicate Profile"),
                           tr("The profile could not be duplicated: %1").arg(error));
    return false;
}

void ProfileCommands::copyToken(const QUuid &from, const QUuid &to) {
    connect(secrets_->readToken(from), &SecretJob::finished, this, [this, to](SecretJob *job) {
        if (job->ok() && !job->token().isEmpty())
            secrets_->writeToken(to, job->token());
    });
}

bool ProfileCommands::remove(const QUuid &id) {
    const auto profile = store_->find(id);
    if (!profile)
        return false;
    const auto answer = DialogAnswers::question(
        window_, tr("Delete Profile"),
        tr("Delete the profile \"%1\" and its token in the keychain? This cannot be undone.")
            .arg(profile->name),
        QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
    if (answer != QMessageBox::Yes)
        return false;
    QString error;
    const bool saved = store_->remove(id, &error);
    secrets_->deleteToken(id);
    Q_EMIT profileRemoved(id);
    if (!saved)
        DialogAnswers::warning(window_, tr("Delete Profile"),
                               tr("The profile list could not be saved: %1").arg(error));
    return saved;
}

bool ProfileCommands::importProfiles() {
    const QString path =
        DialogAnswers::openFileName(window_, tr("Import Profiles"), QDir::homePath(), jsonFilter());
    if (path.isEmpty())
        return false;
    QString error;
    QList<QUuid> imported;
    const bool saved = store_->importFrom(path, &error, &imported);
    if (!imported.isEmpty())
        Q_EMIT profileSelected(imported.constFirst());
    if (saved)
        return true;
    // The store's error names the file and its fault; the verdict is said once, here.
    DialogAnswers::warning(window_, tr("Import Profiles"),
                           imported.isEmpty()
                               ? tr("Nothing was imported: %1").arg(error)
                               : tr("The profiles were imported but not saved: %1").arg(error));
    return false;
}

bool ProfileCommands::exportProfiles() {
    const QString path = DialogAnswers::saveFileName(
        window_, tr("Export Profiles"), QDir::home().filePath(QStringLiteral("profiles.json")),
        jsonFilter());
    if (path.isEmpty())
        return false;
    QString error;
    if (store_->exportTo(path, {}, &error))
        return true;
    DialogAnswers::warning(window_, tr("Export Profiles"),
                           tr("The profiles could not be exported: %1").arg(error));
    return false;
}

void ProfileCommands::setPresenterMode(bool on) {
    presenter_ = on;
    if (editor_)
        editor_->setPresenterMode(on);
}

} // namespace sandbox

namespace sandbox {

ProfileEditorDialog *ProfileCommands::editor() const {
    return editor_;
}

} // namespace sandbox
