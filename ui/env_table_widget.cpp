#include "env_table_widget.h"

#include "env_value_delegate.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QRegularExpression>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace sandbox {

namespace {

QString cellText(const QTableWidget *table, int row, int column) {
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text() : QString();
}

} // namespace

EnvTableWidget::EnvTableWidget(QWidget *parent)
    : QWidget(parent) {
    table_ = new QTableWidget(0, 3, this);
    table_->setHorizontalHeaderLabels({tr("Name"), tr("Value"), QString()});
    table_->horizontalHeader()->setSectionResizeMode(KeyColumn, QHeaderView::Interactive);
    table_->horizontalHeader()->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(NoteColumn, QHeaderView::ResizeToContents);
    table_->verticalHeader()->hide();
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    valueDelegate_ = new EnvValueDelegate(table_);
    table_->setItemDelegateForColumn(ValueColumn, valueDelegate_);

    add_ = new QToolButton(this);
    add_->setText(tr("Add variable"));
    add_->setIcon(QIcon::fromTheme(QStringLiteral("list-add")));
    remove_ = new QToolButton(this);
    remove_->setText(tr("Remove"));
    remove_->setIcon(QIcon::fromTheme(QStringLiteral("list-remove")));
    for (QToolButton *b : {add_, remove_}) {
        b->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        b->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Fixed); // one width for both
    }

    // Beside the table, not under it: always in view with the rows they act on.
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(add_);
    buttons->addWidget(remove_);
    buttons->addStretch();
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(table_, 1);
    layout->addLayout(buttons);

    connect(add_, &QToolButton::clicked, this, &EnvTableWidget::addRow);
    connect(remove_, &QToolButton::clicked, this, &EnvTableWidget::removeSelectedRows);
    connect(table_, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (updating_)
            return;
        refreshRow(item->row());
        Q_EMIT changed();
    });
}

void EnvTableWidget::setEnv(const QList<EnvVar> &env) {
    table_->setRowCount(0);
    for (const EnvVar &var : env)
        appendRow(var.key, var.value);
}

QList<EnvVar> EnvTableWidget::env() const {
    QList<EnvVar> result;
    for (int row = 0; row < table_->rowCount(); ++row) {
        const QString key = cellText(table_, row, KeyColumn).trimmed();
        const QString value = cellText(table_, row, ValueColumn);
        if (key.isEmpty() && value.isEmpty())
            continue;
        EnvVar var;
        var.key = key;
        var.value = value;
        result.append(var);
    }
    return result;
}

bool EnvTableWidget::isValidKey(const QString &key) {
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return pattern.match(key).hasMatch();
}

QString EnvTableWidget::validationError() const {
    QStringList seen;
    for (int row = 0; row < table_->rowCount(); ++row) {
        const QString key = cellText(table_, row, KeyColumn).trimmed();
        const QString value = cellText(table_, row, ValueColumn);
        if (key.isEmpty() && value.isEmpty())
            continue;
        if (key.isEmpty())
            return tr("Environment row %1 has a value but no name.").arg(row + 1);
        if (!isValidKey(key))
            return tr("Environment name \"%1\" (row %2) is not valid: use letters, digits and "
                      "underscores, not starting with a digit.")
                .arg(key)
                .arg(row + 1);
        if (seen.contains(key))
            return tr("Environment name \"%1\" appears more than once.").arg(key);
        seen.append(key);
    }
    return QString();
}

void EnvTableWidget::setPresenterMode(bool on) {
    valueDelegate_->setMasked(on);
    table_->viewport()->update();
}

QString EnvTableWidget::displayedValue(int row) const {
    return valueDelegate_->visibleText(cellText(table_, row, ValueColumn));
}

QString EnvTableWidget::noteText(int row) const {
    return cellText(table_, row, NoteColumn);
}

int EnvTableWidget::rowCount() const {
    return table_->rowCount();
}

void EnvTableWidget::addRow() {
    appendRow(QString(), QString());
    const int row = table_->rowCount() - 1;
    table_->setCurrentCell(row, KeyColumn);
    table_->editItem(table_->item(row, KeyColumn));
    Q_EMIT changed();
}

void EnvTableWidget::removeSelectedRows() {
    QList<int> rows;
    const auto selected = table_->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    if (rows.isEmpty() && table_->currentRow() >= 0)
        rows.append(table_->currentRow());
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int row : std::as_const(rows))
        table_->removeRow(row);
    if (!rows.isEmpty())
        Q_EMIT changed();
}

void EnvTableWidget::appendRow(const QString &key, const QString &value) {
    updating_ = true;
    const int row = table_->rowCount();
    table_->insertRow(row);
    table_->setItem(row, KeyColumn, new QTableWidgetItem(key));
    table_->setItem(row, ValueColumn, new QTableWidgetItem(value));
    auto *note = new QTableWidgetItem;
    note->setFlags(Qt::ItemIsEnabled);
    table_->setItem(row, NoteColumn, note);
    updating_ = false;
    refreshRow(row);
}

void EnvTableWidget::refreshRow(int row) {
    QTableWidgetItem *keyItem = table_->item(row, KeyColumn);
    QTableWidgetItem *note = table_->item(row, NoteColumn);
    if (!keyItem || !note)
        return;
    updating_ = true;
    const QString key = keyItem->text().trimmed();
    const bool badKey = !key.isEmpty() && !isValidKey(key);
    keyItem->setBackground(badKey ? QBrush(QColor(0xf8, 0xd7, 0xda)) : QBrush());
    keyItem->setToolTip(badKey ? tr("Use letters, digits and underscores; not starting with a "
                                    "digit.")
                               : QString());
    const bool secretRef = EnvValueDelegate::isSecretReference(cellText(table_, row, ValueColumn));
    note->setText(secretRef ? tr("resolved by the agent") : QString());
    note->setToolTip(secretRef ? tr("This reference is sent as is; the agent looks up the "
                                    "secret. The console never resolves it.")
                               : QString());
    note->setBackground(secretRef ? QBrush(QColor(0xd6, 0xea, 0xf8)) : QBrush());
    updating_ = false;
}

} // namespace sandbox
