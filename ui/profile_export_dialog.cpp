#include "profile_export_dialog.h"

#include "info_bar.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sandbox {

ProfileExportDialog::ProfileExportDialog(const QList<Profile> &profiles,
                                         const QList<QUuid> &checked, const QString &path,
                                         QWidget *parent)
    : QDialog(parent)
    , profiles_(profiles)
    , path_(path) {
    setWindowTitle(tr("Export Profiles"));
    list_ = new QListWidget(this);
    for (const Profile &p : profiles_) {
        auto *item = new QListWidgetItem(tr("%1 — %2").arg(p.name, p.address), list_);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
        item->setCheckState(checked.isEmpty() || checked.contains(p.id) ? Qt::Checked
                                                                        : Qt::Unchecked);
    }
    envValues_ = new QCheckBox(tr("Include plain environment values (secret:// references "
                                  "and the names are always included)"),
                               this);
    embed_ = new QCheckBox(tr("Embed the CA and client certificates as PEM (private keys are "
                              "never exported)"),
                           this);
    preview_ = new QPlainTextEdit(this);
    preview_->setReadOnly(true);
    errors_ = new InfoBar(this);
    buttons_ = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    export_ = buttons_->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(errors_);
    layout->addWidget(
        new QLabel(tr("Profiles to export to %1:").arg(QDir::toNativeSeparators(path)), this));
    layout->addWidget(list_, 1);
    layout->addWidget(envValues_);
    layout->addWidget(embed_);
    layout->addWidget(new QLabel(tr("What leaves this machine:"), this));
    layout->addWidget(preview_, 2);
    layout->addWidget(buttons_);
    resize(640, 560);

    connect(list_, &QListWidget::itemChanged, this, &ProfileExportDialog::updatePreview);
    connect(envValues_, &QCheckBox::toggled, this, &ProfileExportDialog::updatePreview);
    connect(embed_, &QCheckBox::toggled, this, &ProfileExportDialog::updatePreview);
    connect(buttons_, &QDialogButtonBox::accepted, this, &ProfileExportDialog::exportNow);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updatePreview();
}

QList<Profile> ProfileExportDialog::selectedProfiles() const {
    QList<Profile> result;
    for (int row = 0; row < list_->count(); ++row) {
        if (list_->item(row)->checkState() == Qt::Checked)
            result.append(profiles_.at(row));
    }
    return result;
}

ProfileExport::Options ProfileExportDialog::options() const {
    ProfileExport::Options o;
    o.includeEnvValues = envValues_->isChecked();
    o.embedCertificates = embed_->isChecked();
    return o;
}

void ProfileExportDialog::updatePreview() {
    const QList<Profile> selected = selectedProfiles();
    QByteArray json;
    QStringList lines;
    QString error;
    if (!ProfileExport::plan(selected, path_, options(), json, lines, &error)) {
        errors_->showMessage(InfoBar::Level::Error, error);
        lines.clear();
    } else {
        errors_->showMessage(InfoBar::Level::Information, QString());
    }
    preview_->setPlainText(lines.join(QLatin1Char('\n')));
    export_->setEnabled(!selected.isEmpty() && error.isEmpty());
}

void ProfileExportDialog::exportNow() {
    QString error;
    if (!ProfileExport::write(selectedProfiles(), path_, options(), &error)) {
        errors_->showMessage(InfoBar::Level::Error,
                             tr("The profiles could not be exported: %1").arg(error));
        return;
    }
    Q_EMIT exported(path_);
    accept();
}

} // namespace sandbox
