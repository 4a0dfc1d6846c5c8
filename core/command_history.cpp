#include "command_history.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QLockFile>
#include <QSaveFile>

#include <algorithm>

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
    , receiver_(std::make_unique<QObject>())
    , maxEntries_(std::max(1, maxEntries)) {}

CommandHistory::~CommandHistory() {
    flush();
}

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

std::optional<QStringList> CommandHistory::readFile(const QString &path, QString *error) {
    QStringList entries;
    QFile file(path);
    if (!file.exists())
        return entries;
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error =
                QCoreApplication::translate("CommandHistory", "Cannot read the history file %1: %2")
                    .arg(QDir::toNativeSeparators(path), file.errorString());
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

bool CommandHistory::writeFile(const QString &path, const QStringList &entries, QString *error) {
    QSaveFile file(path);
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
                .arg(QDir::toNativeSeparators(path), file.errorString());
    return ok;
}

bool CommandHistory::load(QString *error) {
    entries_.clear();
    resetCursor();
    const auto read = readFile(filePath_, error);
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
    return writeFile(filePath_, entries_, error);
}

void CommandHistory::add(const QString &command) {
    resetCursor();
    // Exactly as typed, newlines included: a recalled loop must run as it did.
    if (command.trimmed().isEmpty())
        return;
    unsaved_.append(command);
    if (unsaved_.size() > maxEntries_) { // saves keep failing: no more than the file would keep
        const qsizetype dropped = unsaved_.size() - maxEntries_;
        unsaved_.remove(0, dropped);
        savingCount_ = std::max<qsizetype>(0, savingCount_ - dropped);
    }
    appendEntry(entries_, command);
    trim();
    if (saving_)
        saveAgain_ = true;
    else
        startSave();
}

CommandHistory::Merge CommandHistory::mergeIntoFile(const QString &path, const QStringList &mine,
                                                    int maxEntries) {
    Merge merge;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QLockFile lock(path + QStringLiteral(".lock"));
    if (!lock.tryLock(kLockTimeoutMs)) {
        merge.error = lockBusy(path);
        return merge;
    }
    auto entries = readFile(path, &merge.error);
    if (!entries)
        return merge;
    for (const QString &entry : mine)
        appendEntry(*entries, entry);
    if (entries->size() > maxEntries)
        entries->remove(0, entries->size() - maxEntries);
    merge.ok = writeFile(path, *entries, &merge.error);
    merge.entries = std::move(*entries);
    return merge;
}

void CommandHistory::startSave() {
    saving_ = true;
    saveAgain_ = false;
    const QStringList mine = unsaved_;
    savingCount_ = mine.size();
    const quint64 save = ++saveNumber_;
    QObject *receiver = receiver_.get();
    // A std::thread and a std::mutex (not a Qt pool): the hand-offs stay visible to
    // ThreadSanitizer. The thread only touches result_ (under the mutex) and copies.
    saver_ = std::thread([this, receiver, save, path = filePath_, mine, max = maxEntries_] {
        Merge merge = mergeIntoFile(path, mine, max);
        {
            const std::lock_guard lock(resultMutex_);
            result_ = std::move(merge);
        }
        QMetaObject::invokeMethod(
            receiver, [this, save] { collectSave(save); }, Qt::QueuedConnection);
    });
}

// The GUI thread, when a save's thread has said it is done (or flush() waits for it).
void CommandHistory::collectSave(quint64 save) {
    if (!saving_ || save != saveNumber_)
        return; // already collected by flush()
    saver_.join();
    Merge merge;
    {
        const std::lock_guard lock(resultMutex_);
        merge = std::move(*result_);
        result_.reset();
    }
    finishSave(merge);
}

void CommandHistory::finishSave(const Merge &merge) {
    saving_ = false;
    saveError_ = merge.error;
    if (merge.ok) {
        unsaved_.remove(0, savingCount_);
        entries_ = merge.entries;
        for (const QString &entry : std::as_const(unsaved_))
            appendEntry(entries_, entry);
        trim();
        watch();
    }
    if (saveAgain_ && !unsaved_.isEmpty())
        startSave();
}

bool CommandHistory::flush(QString *error) {
    while (saving_)
        collectSave(saveNumber_);
    if (error)
        *error = saveError_;
    return saveError_.isEmpty();
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
    auto read = readFile(filePath_, nullptr);
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
