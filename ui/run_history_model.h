#pragma once

#include "run_history.h"
#include "run_record.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>

namespace sandbox {

// One profile's RunHistory as a table, newest run first, filtered by the panel's search
// text (RunRecord::matches). Follows the history's changed() signal.
class RunHistoryModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Started, Command, Status, Duration, Bytes, ColumnCount };

    explicit RunHistoryModel(QObject *parent = nullptr);

    void setHistory(RunHistory *history); // null: empty
    RunHistory *history() const { return history_; }
    void setFilter(const QString &text);
    QString filter() const { return filter_; }

    RunRecord record(int row) const { return shown_.value(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    void reload();
    QString tooltip(const RunRecord &record) const;

    QPointer<RunHistory> history_;
    QString filter_;
    QList<RunRecord> shown_; // newest first
};

} // namespace sandbox
