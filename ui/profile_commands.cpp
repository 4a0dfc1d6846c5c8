#include "profile_commands.h"

#include "dialog_answers.h"
#include "profile_editor_dialog.h"
#include "profile_export_dialog.h"
#include "profile_import.h"
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
    const auto items =
        ProfileImport::plan(path, store_->profiles(),
                            QDir(store_->configDir()).filePath(QStringLiteral("certs")), &error);
    if (!items) {
        DialogAnswers::warning(window_, tr("Import Profiles"),
                               tr("Nothing was imported: %1").arg(error));
        return false;
    }
    // Merge by id: a profile that exists here is updated only after the user saw what
    // changes; Cancel stops the whole import before anything is stored.
    QList<ProfileImport::Item> accepted;
    for (const ProfileImport::Item &item : *items) {
        if (item.kind == ProfileImport::Item::Kind::Unchanged)
            continue;
        if (item.kind == ProfileImport::Item::Kind::Update) {
            const auto answer = DialogAnswers::question(
                window_, tr("Import Profiles"),
                tr("The profile \"%1\" exists here already. Update it with the imported "
                   "settings?\n\n%2")
                    .arg(item.current->name, item.changes.join(QLatin1Char('\n'))),
                QMessageBox::Yes | QMessageBox::No | QMessageBox::Cancel, QMessageBox::No);
            if (answer == QMessageBox::Cancel)
                return false;
            if (answer != QMessageBox::Yes)
                continue;
        }
        accepted.append(item);
    }
    for (const ProfileImport::Item &item : std::as_const(accepted)) {
        const bool ok =
            ProfileImport::writePemFiles(item, &error) &&
            (item.kind == ProfileImport::Item::Kind::Update ? store_->update(item.profile, &error)
                                                            : store_->add(item.profile, &error));
        if (!ok) {
            DialogAnswers::warning(window_, tr("Import Profiles"),
                                   tr("Importing \"%1\" failed: %2").arg(item.profile.name, error));
            return false;
        }
    }
    // The imported profile stays selected, so the next Edit opens it.
    if (!accepted.isEmpty())
        Q_EMIT profileSelected(accepted.constFirst().profile.id);
    else if (!items->isEmpty())
        Q_EMIT profileSelected(items->constFirst().profile.id);
    return true;
}

bool ProfileCommands::exportProfiles(const QList<QUuid> &preselected) {
    const QString path = DialogAnswers::saveFileName(
        window_, tr("Export Profiles"), QDir::home().filePath(QStringLiteral("profiles.json")),
        jsonFilter());
    if (path.isEmpty())
        return false;
    if (exportDialog_)
        exportDialog_->close();
    exportDialog_ = new ProfileExportDialog(store_->profiles(), preselected, path, window_);
    exportDialog_->setAttribute(Qt::WA_DeleteOnClose);
    exportDialog_->open();
    Q_EMIT exportDialogOpened(exportDialog_);
    return true;
}

ProfileExportDialog *ProfileCommands::exportDialog() const {
    return exportDialog_;
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
