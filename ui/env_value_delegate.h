#pragma once

#include <QStyledItemDelegate>

namespace sandbox {

// Shows env values, masked in presenter mode. `secret://` references are never masked:
// they are names, not secrets, and the agent resolves them.
class EnvValueDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void setMasked(bool masked) { masked_ = masked; }
    bool masked() const { return masked_; }

    static bool isSecretReference(const QString &value);
    // What the user sees for value.
    QString visibleText(const QString &value) const;

    QString displayText(const QVariant &value, const QLocale &locale) const override;
    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                          const QModelIndex &index) const override;

private:
    bool masked_ = false;
};

} // namespace sandbox
