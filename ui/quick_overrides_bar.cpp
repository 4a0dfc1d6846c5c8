#include "quick_overrides_bar.h"

#include "env_table_widget.h"

#include <QComboBox>
#include <QFrame>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QScreen>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

namespace sandbox {

namespace {

std::optional<QString> setValue(const QString &text) {
    const QString trimmed = text.trimmed();
    return trimmed.isEmpty() ? std::nullopt : std::optional<QString>(trimmed);
}

QString maskedKeys(const QStringList &keys) {
    QStringList masked;
    for (const QString &key : keys)
        masked.append(key + QStringLiteral("=•••"));
    return masked.join(QLatin1Char(' '));
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
    envButton_ = new QToolButton(this);
    envButton_->setObjectName(QStringLiteral("envButton"));
    envButton_->setToolButtonStyle(Qt::ToolButtonTextOnly);
    timeout_ = new QSpinBox(this);
    timeout_->setRange(0, 7 * 24 * 3600);
    timeout_->setSpecialValueText(tr("none"));
    timeout_->setSuffix(tr(" s"));
    timeout_->setToolTip(tr("Each command of this tab is stopped when it runs longer (the "
                            "agent is told to stop it)."));

    // The popup: what the profile sends, and the tab's own variables over it.
    envPopup_ = new QFrame(this, Qt::Popup);
    envPopup_->setFrameShape(QFrame::StyledPanel);
    profileEnvLabel_ = new QLabel(envPopup_);
    profileEnvLabel_->setWordWrap(true);
    envTable_ = new EnvTableWidget(envPopup_);
    auto *popupLayout = new QVBoxLayout(envPopup_);
    popupLayout->addWidget(profileEnvLabel_);
    popupLayout->addWidget(new QLabel(tr("Set in this tab (replaces the profile's value of the "
                                         "same name):"),
                                      envPopup_));
    popupLayout->addWidget(envTable_);
    envPopup_->resize(520, 260);

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
    layout->addWidget(envButton_);
    addField(tr("&Timeout:"), timeout_, 0);
    setDefaults(QString(), QString(), QString());

    connect(envButton_, &QToolButton::clicked, this, &QuickOverridesBar::showEnvPopup);
    connect(envTable_, &EnvTableWidget::changed, this, &QuickOverridesBar::updateEnvButton);
    updateEnvButton();
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

void QuickOverridesBar::setProfileEnvKeys(const QStringList &keys) {
    profileEnvKeys_ = keys;
    updateEnvButton();
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

QList<EnvVar> QuickOverridesBar::env() const {
    QList<EnvVar> result = envTable_->env();
    result.removeIf([](const EnvVar &var) { return var.key.isEmpty(); });
    return result;
}

void QuickOverridesBar::setEnv(const QList<EnvVar> &env) {
    envTable_->setEnv(env);
    updateEnvButton();
}

QString QuickOverridesBar::envError() const {
    return envTable_->validationError();
}

std::optional<std::chrono::milliseconds> QuickOverridesBar::timeout() const {
    if (timeout_->value() == 0)
        return std::nullopt;
    return std::chrono::seconds(timeout_->value());
}

void QuickOverridesBar::showEnvPopup() {
    // Below the button, kept on its screen (near the right edge it would hide its own "Add
    // variable" button off-screen); placed once shown, when its layout has set its size.
    envPopup_->show();
    const QRect screen = envButton_->screen()->availableGeometry();
    const QSize size = envPopup_->frameGeometry().size();
    const QPoint below = envButton_->mapToGlobal(QPoint(0, envButton_->height()));
    QPoint at(qMax(screen.left(), qMin(below.x(), screen.right() + 1 - size.width())), below.y());
    if (at.y() + size.height() > screen.bottom() + 1)
        at.setY(qMax(screen.top(), envButton_->mapToGlobal(QPoint(0, 0)).y() - size.height()));
    envPopup_->move(at);
    envTable_->setFocus();
}

void QuickOverridesBar::updateEnvButton() {
    QStringList tabKeys;
    for (const EnvVar &var : env())
        tabKeys.append(var.key);
    // Three names at most on the button, so it never pushes the other fields away.
    constexpr qsizetype kNamesShown = 3;
    QString names = QStringList(tabKeys.mid(0, kNamesShown)).join(QStringLiteral(", "));
    if (tabKeys.size() > kNamesShown)
        names += tr(" +%1").arg(tabKeys.size() - kNamesShown);
    envButton_->setText(tabKeys.isEmpty() ? tr("&Env…") : tr("&Env: %1").arg(names));
    QStringList sent = profileEnvKeys_;
    for (const QString &key : std::as_const(tabKeys)) {
        if (!sent.contains(key))
            sent.append(key);
    }
    profileEnvLabel_->setText(profileEnvKeys_.isEmpty()
                                  ? tr("The profile sends no environment variables.")
                                  : tr("The profile sends: %1").arg(maskedKeys(profileEnvKeys_)));
    envButton_->setToolTip(sent.isEmpty()
                               ? tr("No environment variables are sent. Click to set some for "
                                    "this tab.")
                               : tr("Sent with each command: %1").arg(maskedKeys(sent)));
}

} // namespace sandbox
