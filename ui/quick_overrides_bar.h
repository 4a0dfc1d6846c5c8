#pragma once

#include <QWidget>

#include <optional>

class QComboBox;
class QLineEdit;

namespace sandbox {

// Per-tab overrides of image, security profile and workdir. Empty means "the profile's
// value", which the placeholders show; only fields the user set are applied.
class QuickOverridesBar : public QWidget {
    Q_OBJECT
public:
    explicit QuickOverridesBar(QWidget *parent = nullptr);

    void setDefaults(const QString &image, const QString &securityProfile, const QString &workdir);

    // Sets every field: a value, or empty (= the profile's) for nullopt.
    void setValues(const std::optional<QString> &image,
                   const std::optional<QString> &securityProfile,
                   const std::optional<QString> &workdir);

    std::optional<QString> image() const;
    std::optional<QString> securityProfile() const;
    std::optional<QString> workdir() const;

    QLineEdit *imageEdit() const { return image_; }
    QComboBox *securityProfileCombo() const { return profile_; }
    QLineEdit *workdirEdit() const { return workdir_; }

private:
    QLineEdit *image_ = nullptr;
    QComboBox *profile_ = nullptr;
    QLineEdit *workdir_ = nullptr;
};

} // namespace sandbox
