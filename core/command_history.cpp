#include "command_history.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace sandbox {

CommandHistory::CommandHistory(const QString &configDir, const QUuid &profileId, int maxEntries)
    : filePath_(QDir(configDir).filePath(QStringLiteral("history/") +
                                         profileId.toString(QUuid::WithoutBraces) +
                                         QStringLiteral(".txt")))
    , maxEntries_(std::max(1, maxEntries)) {}

QString CommandHistory::filePath() const {
    return filePath_;
}

bool CommandHistory::load(QString *error) {
    entries_.clear();
    resetCursor();
    QFile file(filePath_);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        if (error)
            *error =
                QCoreApplication::translate("CommandHistory", "Cannot read the history file %1: %2")
                    .arg(QDir::toNativeSeparators(filePath_), file.errorString());
        return false;
    }
    const QStringList lines = QString::fromUtf8(file.readAll()).split(u'\n');
    for (const QString &line : lines) {
        if (!line.isEmpty() && (entries_.isEmpty() || entries_.last() != line))
            entries_.append(line);
    }
    trim();
    return true;
}

bool CommandHistory::save(QString *error) const {
    QDir().mkpath(QFileInfo(filePath_).absolutePath());
    QSaveFile file(filePath_);
    bool ok = file.open(QIODevice::WriteOnly | QIODevice::Text);
    if (ok) {
        for (const QString &entry : entries_)
            file.write(entry.toUtf8() + '\n');
        ok = file.commit();
    }
    if (!ok && error)
        *error =
            QCoreApplication::translate("CommandHistory", "Cannot save the history file %1: %2")
                .arg(QDir::toNativeSeparators(filePath_), file.errorString());
    return ok;
}

bool CommandHistory::add(const QString &command, QString *error) {
    resetCursor();
    // One entry per line on disk: a pasted multi-line command is kept on one line.
    QString entry = command;
    entry.replace(u'\n', u' ');
    if (entry.trimmed().isEmpty() || (!entries_.isEmpty() && entries_.last() == entry))
        return true;
    entries_.append(entry);
    trim();
    return save(error);
}

void CommandHistory::clear() {
    entries_.clear();
    resetCursor();
}

void CommandHistory::setMaxEntries(int maxEntries) {
    maxEntries_ = std::max(1, maxEntries);
    trim();
}

void CommandHistory::trim() {
    if (entries_.size() > maxEntries_)
        entries_.remove(0, entries_.size() - maxEntries_);
    if (cursor_ >= entries_.size())
        resetCursor();
}

std::optional<QString> CommandHistory::previous(const QString &currentInput) {
    if (entries_.isEmpty() || cursor_ == 0)
        return std::nullopt;
    if (cursor_ < 0) {
        draft_ = currentInput;
        cursor_ = int(entries_.size());
    }
    return entries_.at(--cursor_);
}

std::optional<QString> CommandHistory::next() {
    if (cursor_ < 0)
        return std::nullopt;
    if (++cursor_ >= entries_.size()) {
        const QString draft = draft_;
        resetCursor();
        return draft;
    }
    return entries_.at(cursor_);
}

void CommandHistory::resetCursor() {
    cursor_ = -1;
    draft_.clear();
}

int CommandHistory::search(const QString &text, int beforeIndex) const {
    int i = beforeIndex < 0 || beforeIndex > entries_.size() ? int(entries_.size()) : beforeIndex;
    while (--i >= 0) {
        if (entries_.at(i).contains(text, Qt::CaseInsensitive))
            return i;
    }
    return -1;
}

} // namespace sandbox
