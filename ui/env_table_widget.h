#pragma once

#include "profile_types.h"

#include <QList>
#include <QWidget>

class QTableWidget;
class QToolButton;

namespace sandbox {

class EnvValueDelegate;

// The ordered env list of a profile: add/remove rows, key names validated as the user
// types; `secret://` values carry a "resolved by the agent" badge and are never resolved.
class EnvTableWidget : public QWidget {
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, NoteColumn };

    explicit EnvTableWidget(QWidget *parent = nullptr);

    void setEnv(const QList<EnvVar> &env);
    // Rows with an empty key and value are skipped.
    QList<EnvVar> env() const;

    // Empty when every key is valid; otherwise names the first bad row.
    QString validationError() const;
    static bool isValidKey(const QString &key);

    void setPresenterMode(bool on);
    QString displayedValue(int row) const;
    QString noteText(int row) const;
    int rowCount() const;
    QTableWidget *table() const { return table_; }

Q_SIGNALS:
    void changed();

public Q_SLOTS:
    void addRow();
    void removeSelectedRows();

private:
    void appendRow(const QString &key, const QString &value);
    void refreshRow(int row);

    QTableWidget *table_ = nullptr;
    EnvValueDelegate *valueDelegate_ = nullptr;
    QToolButton *add_ = nullptr;
    QToolButton *remove_ = nullptr;
    bool updating_ = false;
};

} // namespace sandbox
