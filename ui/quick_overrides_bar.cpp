#include "quick_overrides_bar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>

namespace sandbox {

namespace {

std::optional<QString> setValue(const QString &text) {
    const QString trimmed = text.trimmed();
    return trimmed.isEmpty() ? std::nullopt : std::optional<QString>(trimmed);
}

} // namespace

QuickOverridesBar::QuickOverridesBar(QWidget *parent)
    : QWidget(parent) {
    image_ = new QLineEdit(this);
    profile_ = new QComboBox(this);
    profile_->setEditable(true);
    profile_->addItems({QString(), QStringLiteral("strict"), QStringLiteral("standard"),
                        QStringLiteral("permissive")});
    profile_->setToolTip(tr("The agent may clamp the security profile to what it allows."));
    profile_->setMinimumContentsLength(10);
    workdir_ = new QLineEdit(this);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto addField = [this, layout](const QString &label, QWidget *field, int stretch) {
        auto *l = new QLabel(label, this);
        l->setBuddy(field);
        layout->addWidget(l);
        layout->addWidget(field, stretch);
    };
    addField(tr("&Image:"), image_, 3);
    addField(tr("Sec&urity:"), profile_, 1);
    addField(tr("&Workdir:"), workdir_, 2);
    setDefaults(QString(), QString(), QString());
}

void QuickOverridesBar::setDefaults(const QString &image, const QString &securityProfile,
                                    const QString &workdir) {
    image_->setPlaceholderText(image.isEmpty() ? tr("agent default") : image);
    profile_->lineEdit()->setPlaceholderText(securityProfile.isEmpty() ? tr("standard")
                                                                       : securityProfile);
    workdir_->setPlaceholderText(workdir.isEmpty() ? tr("agent default") : workdir);
}

void QuickOverridesBar::setValues(const std::optional<QString> &image,
                                  const std::optional<QString> &securityProfile,
                                  const std::optional<QString> &workdir) {
    image_->setText(image.value_or(QString()));
    profile_->setCurrentText(securityProfile.value_or(QString()));
    workdir_->setText(workdir.value_or(QString()));
}

std::optional<QString> QuickOverridesBar::image() const {
    return setValue(image_->text());
}

std::optional<QString> QuickOverridesBar::securityProfile() const {
    return setValue(profile_->currentText());
}

std::optional<QString> QuickOverridesBar::workdir() const {
    return setValue(workdir_->text());
}

} // namespace sandbox
