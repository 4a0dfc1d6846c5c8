#include "env_value_delegate.h"

#include <QLineEdit>

namespace sandbox {

bool EnvValueDelegate::isSecretReference(const QString &value) {
    return value.startsWith(QLatin1String("secret://"));
}

QString EnvValueDelegate::visibleText(const QString &value) const {
    if (!masked_ || value.isEmpty() || isSecretReference(value))
        return value;
    return QString(8, QChar(0x2022));
}

QString EnvValueDelegate::displayText(const QVariant &value, const QLocale &locale) const {
    if (!masked_)
        return QStyledItemDelegate::displayText(value, locale);
    return visibleText(value.toString());
}

QWidget *EnvValueDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                        const QModelIndex &index) const {
    QWidget *editor = QStyledItemDelegate::createEditor(parent, option, index);
    if (auto *line = qobject_cast<QLineEdit *>(editor); line && masked_)
        line->setEchoMode(QLineEdit::Password);
    return editor;
}

} // namespace sandbox
