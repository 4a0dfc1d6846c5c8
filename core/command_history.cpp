#include "command_history.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QLockFile>
#include <QSaveFile>

namespace sandbox {

namespace {

QString lockBusy(const QString &path) {
    return QCoreApplication::translate(
               "CommandHistory", "Cannot save the history file %1: another window holds its lock.")
        .arg(QDir::toNativeSeparators(path));
}

// One entry per line, consecutive repeats collapsed.
void appendEntry(QStringList &entries, const QString &entry) {
    if (!entry.isEmpty() && (entries.isEmpty() || entries.last() != entry))
        entries.append(entry);
}

} // namespace

CommandHistory::CommandHistory(const QString &configDir, const QUuid &profileId, int maxEntries)
    : filePath_(QDir(configDir).filePath(QStringLiteral("history/") +
                                         profileId.toString(QUuid::WithoutBraces) +
                                         QStringLiteral(".txt")))
    , maxEntries_(std::max(1, maxEntries)) {}

CommandHistory::~CommandHistory() = default;

QString CommandHistory::filePath() const {
    return filePath_;
}

namespace {

// Files start with this line since multi-line commands are kept exactly; older files
// (one command per line, nothing escaped) are read as they were written.
const QByteArray kFormatLine = QByteArrayLiteral("#sandbox-console-history 2");

// One entry per line: backslash, newline and carriage return escaped.
QByteArray encode(const QString &entry) {
    QString text;
    text.reserve(entry.size());
    for (const QChar c : entry) {
        if (c == u'\\')
            text += QStringLiteral("\\\\");
        else if (c == u'\n')
            text += QStringLiteral("\\n");
        else if (c == u'\r')
            text += QStringLiteral("\\r");
        else
            text += c;
    }
    return text.toUtf8();
}

QString decode(const QString &line) {
    QString entry;
    entry.reserve(line.size());
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line.at(i);
        if (c != u'\\' || i + 1 == line.size()) {
            entry += c;
            continue;
        }
        const QChar escaped = line.at(++i);
        entry += escaped == u'n' ? QChar(u'\n') : escaped == u'r' ? QChar(u'\r') : escaped;
    }
    return entry;
}

} // namespace

std::optional<QStringList> CommandHistory::readFile(QString *error) const {
    QStringList entries;
    QFile file(filePath_);
    if (!file.exists())
        return entries;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error =
                QCoreApplication::translate("CommandHistory", "Cannot read the history file %1: %2")
                    .arg(QDir::toNativeSeparators(filePath_), file.errorString());
        return std::nullopt;
    }
    QList<QByteArray> lines = file.readAll().split('\n');
    const bool escaped = !lines.isEmpty() && lines.first() == kFormatLine;
    if (escaped)
        lines.removeFirst();
    for (const QByteArray &bytes : std::as_const(lines)) {
        QString line = QString::fromUtf8(bytes);
        if (!escaped && line.endsWith(u'\r'))
            line.chop(1); // written in text mode elsewhere
        appendEntry(entries, escaped ? decode(line) : line);
    }
    return entries;
}

bool CommandHistory::writeFile(const QStringList &entries, QString *error) const {
    QSaveFile file(filePath_);
    bool ok = file.open(QIODevice::WriteOnly);
    if (ok) {
        file.write(kFormatLine + '\n');
        for (const QString &entry : entries)
            file.write(encode(entry) + '\n');
        ok = file.commit();
    }
    if (!ok && error)
        *error =
            QCoreApplication::translate("CommandHistory", "Cannot save the history file %1: %2")
                .arg(QDir::toNativeSeparators(filePath_), file.errorString());
    return ok;
}

bool CommandHistory::load(QString *error) {
    entries_.clear();
    resetCursor();
    const auto read = readFile(error);
    if (!read)
        return false;
    entries_ = *read;
    for (const QString &entry : std::as_const(unsaved_))
        appendEntry(entries_, entry);
    trim();
    watch();
    return true;
}

bool CommandHistory::save(QString *error) const {
    QDir().mkpath(QFileInfo(filePath_).absolutePath());
    QLockFile lock(filePath_ + QStringLiteral(".lock"));
    if (!lock.tryLock(kLockTimeoutMs)) {
        if (error)
            *error = lockBusy(filePath_);
        return false;
    }
    return writeFile(entries_, error);
}

bool CommandHistory::add(const QString &command, QString *error) {
    resetCursor();
    // Exactly as typed, newlines included: a recalled loop must run as it did.
    if (command.trimmed().isEmpty())
        return true;
    const QString &entry = command;
    unsaved_.append(entry);
    QDir().mkpath(QFileInfo(filePath_).absolutePath());
    QLockFile lock(filePath_ + QStringLiteral(".lock"));
    std::optional<QStringList> merged;
    QString problem;
    if (!lock.tryLock(kLockTimeoutMs))
        problem = lockBusy(filePath_);
    else
        merged = readFile(&problem);
    if (!merged) {
        appendEntry(entries_, entry);
        trim();
        if (error)
            *error = problem;
        return false;
    }
    for (const QString &mine : std::as_const(unsaved_))
        appendEntry(*merged, mine);
    entries_ = *merged;
    trim();
    const bool ok = writeFile(entries_, error);
    if (ok)
        unsaved_.clear();
    watch();
    return ok;
}

void CommandHistory::watch() {
    if (!watcher_) {
        watcher_ = std::make_unique<QFileSystemWatcher>();
        QObject::connect(watcher_.get(), &QFileSystemWatcher::fileChanged, watcher_.get(),
                         [this] { onFileChanged(); });
        // A save replaces the file (rename), which ends a watch on the old file.
        QObject::connect(watcher_.get(), &QFileSystemWatcher::directoryChanged, watcher_.get(),
                         [this] { onFileChanged(); });
    }
    const QString dir = QFileInfo(filePath_).absolutePath();
    if (QFileInfo(dir).isDir() && !watcher_->directories().contains(dir))
        watcher_->addPath(dir);
    if (QFileInfo(filePath_).isFile() && !watcher_->files().contains(filePath_))
        watcher_->addPath(filePath_);
}

void CommandHistory::onFileChanged() {
    watch();
    auto read = readFile(nullptr);
    if (!read)
        return;
    for (const QString &entry : std::as_const(unsaved_))
        appendEntry(*read, entry);
    if (*read == entries_)
        return;
    entries_ = *read;
    trim(); // a cursor past the end goes back to the draft
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
