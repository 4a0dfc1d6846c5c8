#include "run_history_model.h"

#include "exec_error_text.h"
#include "run_history.h"

#include <QBrush>
#include <QColor>
#include <QDir>
#include <QLocale>

namespace sandbox {

RunHistoryModel::RunHistoryModel(QObject *parent)
    : QAbstractTableModel(parent) {}

void RunHistoryModel::setHistory(RunHistory *history) {
    if (history_)
        disconnect(history_, nullptr, this, nullptr);
    history_ = history;
    if (history_)
        connect(history_, &RunHistory::changed, this, &RunHistoryModel::reload);
    reload();
}

void RunHistoryModel::setFilter(const QString &text) {
    filter_ = text;
    reload();
}

void RunHistoryModel::reload() {
    beginResetModel();
    shown_.clear();
    if (history_) {
        const QList<RunRecord> runs = history_->runs();
        for (auto it = runs.crbegin(); it != runs.crend(); ++it) {
            if (it->matches(filter_))
                shown_.append(*it);
        }
    }
    endResetModel();
}

int RunHistoryModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(shown_.size());
}

int RunHistoryModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunHistoryModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= shown_.size())
        return {};
    const RunRecord &r = shown_.at(index.row());
    if (role == Qt::ToolTipRole)
        return tooltip(r);
    if (role == Qt::ForegroundRole && index.column() == Status && r.finished && !r.succeeded())
        return QBrush(QColor(0xc0, 0x39, 0x2b));
    if (role == Qt::TextAlignmentRole && (index.column() == Duration || index.column() == Bytes))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Started:
        return r.startedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
    case Command: {
        QString line = r.line;
        return line.replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "));
    }
    case Status:
        return r.statusText();
    case Duration:
        return r.finished ? ExecErrorText::formatDuration(std::chrono::milliseconds(r.durationMs))
                          : QString();
    case Bytes:
        return r.finished ? ExecErrorText::formatBytes(r.bytes()) : QString();
    default:
        return {};
    }
}

QString RunHistoryModel::tooltip(const RunRecord &r) const {
    QStringList lines;
    lines << r.line;
    lines << tr("argv: %1").arg(r.argv.join(QLatin1Char(' ')));
    lines << tr("image: %1").arg(r.image.isEmpty() ? tr("agent default") : r.image);
    lines << tr("security profile: %1").arg(r.securityProfile);
    lines << tr("workdir: %1").arg(r.workdir.isEmpty() ? tr("image default") : r.workdir);
    if (!r.envKeys.isEmpty())
        lines << tr("env: %1").arg(r.envKeys.join(QStringLiteral(", ")));
    if (!r.detail.isEmpty())
        lines << r.detail;
    if (!r.transcriptPath.isEmpty())
        lines << tr("transcript: %1").arg(QDir::toNativeSeparators(r.transcriptPath));
    else if (r.transcriptDropped)
        lines << tr("transcript: deleted over the history's cap");
    return lines.join(QLatin1Char('\n'));
}

QVariant RunHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Started:
        return tr("Started");
    case Command:
        return tr("Command");
    case Status:
        return tr("Status");
    case Duration:
        return tr("Duration");
    case Bytes:
        return tr("Bytes");
    default:
        return {};
    }
}

} // namespace sandbox
