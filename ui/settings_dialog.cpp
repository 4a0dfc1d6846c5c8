#include "settings_dialog.h"

#include "app_settings.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sandbox {

SettingsDialog::SettingsDialog(QWidget *parent)
    : QDialog(parent) {
    setWindowTitle(tr("Settings"));
    scrollback_ = new QSpinBox(this);
    scrollback_->setRange(100, 1000000);
    scrollback_->setSingleStep(1000);
    scrollback_->setSuffix(tr(" lines"));
    scrollback_->setValue(AppSettings::kDefaultScrollbackLines);
    spoolCap_ = new QSpinBox(this);
    spoolCap_->setRange(16, 1024 * 1024);
    spoolCap_->setSingleStep(256);
    spoolCap_->setSuffix(tr(" MiB"));
    spoolCap_->setValue(AppSettings::kDefaultSpoolCapMiB);
    spoolCap_->setToolTip(tr("Every command's full output is kept on disk for Save and Find; "
                             "beyond this size per tab the oldest commands' files are deleted."));
    history_ = new QSpinBox(this);
    history_->setRange(10, 100000);
    history_->setSingleStep(100);
    history_->setSuffix(tr(" commands"));
    history_->setValue(1000);

    auto *form = new QFormLayout;
    form->addRow(tr("Console &scrollback:"), scrollback_);
    form->addRow(tr("&Transcript files per tab:"), spoolCap_);
    form->addRow(tr("Command &history per profile:"), history_);
    auto *hint = new QLabel(tr("Older lines leave the screen beyond the scrollback but stay in "
                               "the transcript files; the oldest files and commands are dropped "
                               "beyond the other limits."),
                            this);
    hint->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(buttons);
}

void SettingsDialog::setScrollbackLines(int lines) {
    scrollback_->setValue(lines);
}
int SettingsDialog::scrollbackLines() const {
    return scrollback_->value();
}
void SettingsDialog::setSpoolCapMiB(int mib) {
    spoolCap_->setValue(mib);
}
int SettingsDialog::spoolCapMiB() const {
    return spoolCap_->value();
}
void SettingsDialog::setHistorySize(int entries) {
    history_->setValue(entries);
}
int SettingsDialog::historySize() const {
    return history_->value();
}

} // namespace sandbox
