#pragma once

#include "profile.h"
#include "profile_export.h"

#include <QDialog>
#include <QList>
#include <QUuid>

class QCheckBox;
class QDialogButtonBox;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace sandbox {

class InfoBar;

// Export Profiles: pick the profiles, choose whether plain env values and the certificates
// go along, and read, before anything is written, everything that will leave the machine
// (ProfileExport's preview of the file at the chosen path).
class ProfileExportDialog : public QDialog {
    Q_OBJECT
public:
    ProfileExportDialog(const QList<Profile> &profiles, const QList<QUuid> &checked,
                        const QString &path, QWidget *parent = nullptr);

    QList<Profile> selectedProfiles() const;
    ProfileExport::Options options() const;
    QString path() const { return path_; }

    QListWidget *profileList() const { return list_; }
    QCheckBox *includeEnvValuesCheck() const { return envValues_; }
    QCheckBox *embedCertificatesCheck() const { return embed_; }
    QPlainTextEdit *preview() const { return preview_; }
    QPushButton *exportButton() const { return export_; }
    InfoBar *errorBar() const { return errors_; }

public Q_SLOTS:
    // Writes the file; stays open with the reason when it fails.
    void exportNow();

Q_SIGNALS:
    void exported(const QString &path);

private:
    void updatePreview();

    QList<Profile> profiles_;
    QString path_;
    QListWidget *list_ = nullptr;
    QCheckBox *envValues_ = nullptr;
    QCheckBox *embed_ = nullptr;
    QPlainTextEdit *preview_ = nullptr;
    InfoBar *errors_ = nullptr;
    QDialogButtonBox *buttons_ = nullptr;
    QPushButton *export_ = nullptr;
};

} // namespace sandbox
