#pragma once

#include "profile_types.h"

#include <QList>
#include <QWidget>

#include <chrono>
#include <optional>

class QComboBox;
class QFrame;
class QLabel;
class QLineEdit;
class QSpinBox;
class QToolButton;

namespace sandbox {

class EnvTableWidget;

// Per-tab overrides of image, security profile, workdir and env, and a per-command
// timeout. Empty means "the profile's value", which the placeholders show; only fields the
// user set are applied. Env is edited in a small popup under the Env button; the button
// names the keys the tab sets and its tooltip every key that is sent (values masked).
class QuickOverridesBar : public QWidget {
    Q_OBJECT
public:
    explicit QuickOverridesBar(QWidget *parent = nullptr);

    void setDefaults(const QString &image, const QString &securityProfile, const QString &workdir);
    // The keys the profile sends, for the Env button's tooltip and popup.
    void setProfileEnvKeys(const QStringList &keys);

    // Sets every field: a value, or empty (= the profile's) for nullopt.
    void setValues(const std::optional<QString> &image,
                   const std::optional<QString> &securityProfile,
                   const std::optional<QString> &workdir);

    std::optional<QString> image() const;
    std::optional<QString> securityProfile() const;
    std::optional<QString> workdir() const;
    // The tab's env, set over the profile's (rows without a key are skipped).
    QList<EnvVar> env() const;
    void setEnv(const QList<EnvVar> &env);
    // Empty when the tab's env can be sent; otherwise which row is wrong.
    QString envError() const;
    // nullopt = no timeout.
    std::optional<std::chrono::milliseconds> timeout() const;

    QLineEdit *imageEdit() const { return image_; }
    QComboBox *securityProfileCombo() const { return profile_; }
    QLineEdit *workdirEdit() const { return workdir_; }
    QToolButton *envButton() const { return envButton_; }
    EnvTableWidget *envTable() const { return envTable_; }
    QFrame *envPopup() const { return envPopup_; }
    QSpinBox *timeoutSpin() const { return timeout_; }

public Q_SLOTS:
    void showEnvPopup();

private:
    void updateEnvButton();

    QLineEdit *image_ = nullptr;
    QComboBox *profile_ = nullptr;
    QLineEdit *workdir_ = nullptr;
    QToolButton *envButton_ = nullptr;
    QFrame *envPopup_ = nullptr;
    QLabel *profileEnvLabel_ = nullptr;
    EnvTableWidget *envTable_ = nullptr;
    QSpinBox *timeout_ = nullptr;
    QStringList profileEnvKeys_;
};

} // namespace sandbox
