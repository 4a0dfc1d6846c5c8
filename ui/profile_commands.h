#pragma once

#include <QObject>
#include <QPointer>
#include <QUuid>

class QWidget;

namespace sandbox {

class ProfileEditorDialog;
class ProfileExportDialog;
class ProfileStore;
class SecretStore;

// What the profile actions do: open the editor (non-blocking, window-modal), duplicate,
// delete with confirmation (and its keychain entry), import and export. Questions and file
// choices go through DialogAnswers so tests never block.
class ProfileCommands : public QObject {
    Q_OBJECT
public:
    ProfileCommands(ProfileStore *store, SecretStore *secrets, QWidget *window);

    ProfileEditorDialog *openEditor(const QUuid &id); // null id: new profile
    bool duplicate(const QUuid &id);
    bool remove(const QUuid &id);
    // Merges by id: existing profiles are updated after a confirmation showing the changes.
    bool importProfiles();
    // Asks for the file, then opens the export dialog (preview of what leaves the machine)
    // with the preselected profiles ticked (all when empty).
    bool exportProfiles(const QList<QUuid> &preselected = {});

    void setPresenterMode(bool on);
    ProfileEditorDialog *editor() const;
    ProfileExportDialog *exportDialog() const;

Q_SIGNALS:
    void editorOpened(sandbox::ProfileEditorDialog *dialog);
    void exportDialogOpened(sandbox::ProfileExportDialog *dialog);
    void profileRemoved(const QUuid &id);
    // The profile a command created or saved (a duplicate, the first imported one, the one
    // the editor saved): the list selects it.
    void profileSelected(const QUuid &id);

private:
    // A duplicate is only useful with the same token: read it, then store it for the copy.
    void copyToken(const QUuid &from, const QUuid &to);

    ProfileStore *store_;
    SecretStore *secrets_;
    QWidget *window_;
    QPointer<ProfileEditorDialog> editor_;
    QPointer<ProfileExportDialog> exportDialog_;
    bool presenter_ = false;
};

} // namespace sandbox
