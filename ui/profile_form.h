#pragma once

#include "profile.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace sandbox {

class EnvTableWidget;
class PemFileField;
class StatusLine;

// Every field of a profile except the token, and the checks that keep a bad profile
// from being saved. Knows nothing about storage.
class ProfileForm : public QWidget {
    Q_OBJECT
public:
    explicit ProfileForm(QWidget *parent = nullptr);

    void setProfile(const Profile &profile);
    // The profile as edited (id and anything the form does not show are kept).
    Profile profile() const;
    // Empty when the profile can be saved; otherwise what is wrong. Focuses the field.
    QString validate();
    void setPresenterMode(bool on);
    // A row the form does not own (the dialog's token field) right below the name.
    void addRowAfterName(const QString &label, QWidget *field);

    QLineEdit *nameEdit() const { return name_; }
    QLineEdit *addressEdit() const { return address_; }
    QCheckBox *useTlsCheck() const { return useTls_; }
    QCheckBox *allowInsecureCheck() const { return allowInsecure_; }
    PemFileField *caField() const { return ca_; }
    PemFileField *certField() const { return cert_; }
    PemFileField *keyField() const { return key_; }
    QComboBox *securityProfileCombo() const { return securityProfile_; }
    QLineEdit *imageEdit() const { return image_; }
    StatusLine *securityProfileHint() const { return clampHint_; }
    QSpinBox *maxChunkSpin() const { return maxChunk_; }
    QComboBox *modeCombo() const { return mode_; }
    QCheckBox *askForColourCheck() const { return askForColour_; }
    EnvTableWidget *envTable() const { return env_; }

Q_SIGNALS:
    // TLS files, "use TLS" or "allow insecure" changed: the token banner may change.
    void transportChanged();

private:
    void addConnectionRows(QFormLayout *form);
    void addRequestRows(QFormLayout *form);
    // Secondary, word-wrapped text under a field.
    QLabel *hint(const QString &text);

    Profile base_;
    QFormLayout *form_ = nullptr;
    QLineEdit *name_ = nullptr;
    QLineEdit *address_ = nullptr;
    QCheckBox *useTls_ = nullptr;
    PemFileField *ca_ = nullptr;
    PemFileField *cert_ = nullptr;
    PemFileField *key_ = nullptr;
    QLineEdit *serverName_ = nullptr;
    QCheckBox *allowInsecure_ = nullptr;
    QSpinBox *timeout_ = nullptr;
    QComboBox *securityProfile_ = nullptr;
    StatusLine *clampHint_ = nullptr;
    QSpinBox *maxChunk_ = nullptr;
    QLineEdit *image_ = nullptr;
    QLineEdit *workdir_ = nullptr;
    QComboBox *mode_ = nullptr;
    QCheckBox *askForColour_ = nullptr;
    EnvTableWidget *env_ = nullptr;
};

} // namespace sandbox
