#include "transcript_spool.h"

#include "exec_error_text.h"
#include "spool_record.h"
#include "spool_replay.h"
#include "transcript_text.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QMutex>
#include <QStandardPaths>
#include <QThreadPool>

#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace sandbox {

namespace {

struct Entry {
    quint64 blockId = 0;
    QString path;
    QString title; // the header's "$ argv" line, to name the command once the file is gone
    qint64 size = 0;
};

QString newSessionDirectory() {
    static QAtomicInteger<int> counter;
    const QString base = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    return base + QStringLiteral("/transcripts/") +
           QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")) +
           QStringLiteral("-%1-%2").arg(QCoreApplication::applicationPid()).arg(++counter);
}

// Deletes files (and then the folder, when given and empty) on QThreadPool::globalInstance():
// deleting a file frees its cached pages and, on a filesystem mounted with `discard`, its
// blocks, 0.1-0.6 s per GiB, which neither the GUI thread nor the line builder should wait
// for. The pool finishes its jobs before the application exits. The job gets its own copies
// of the names (no implicitly shared QString crosses threads), handed over under a
// std::mutex: the pool's own locking is inside Qt, where ThreadSanitizer cannot see it.
void removeInBackground(const QStringList &paths, const QString &folder = {}) {
    static std::mutex handOff;
    std::function<void()> job;
    {
        const std::lock_guard lock(handOff);
        std::vector<std::string> names;
        for (const QString &path : paths)
            names.push_back(path.toStdString());
        job = [names = std::move(names), folder = folder.toStdString()] {
            { const std::lock_guard lock(handOff); } // orders the hand-over, nothing more
            for (const std::string &name : names)
                QFile::remove(QString::fromStdString(name));
            if (!folder.empty())
                QDir().rmdir(QString::fromStdString(folder)); // only when nothing else is in it
        };
    }
    QThreadPool::globalInstance()->start(std::move(job));
}

} // namespace

struct TranscriptSpool::Private {
    mutable QMutex mutex;
    QString directory;
    QString error;
    bool keepFiles = false;
    qint64 capBytes = kDefaultCapBytes;
    qint64 totalBytes = 0;
    QList<Entry> entries; // files on disk, oldest first; the running command's is last
    QList<Entry> deleted; // files deleted over the cap, oldest first
    std::unique_ptr<QFile> current;
    quint64 currentBlock = 0;
    bool currentStopped = false; // over the cap on its own, or a write error: no more bytes
    quint64 fileCounter = 0;
    std::function<void(const QString &)> noticeHandler;

    Entry *entry(quint64 blockId) {
        for (Entry &e : entries) {
            if (e.blockId == blockId)
                return &e;
        }
        return nullptr;
    }

    // `exempt`: the header and banner are written even over the cap (they are small and
    // say what the file is).
    void writeRecord(SpoolRecord::Tag tag, QByteArrayView payload, QStringList &notices,
                     bool exempt = false) {
        if (!current || currentStopped)
            return;
        const qint64 size = SpoolRecord::kHeaderSize + payload.size();
        if (!exempt && totalBytes + size > capBytes)
            makeRoom(size, notices);
        if (currentStopped)
            return;
        if (!SpoolRecord::write(*current, tag, payload)) {
            currentStopped = true;
            notices.append(
                tr("Could not write the transcript file %1 (%2): the rest of this "
                   "command's output is not saved.")
                    .arg(QDir::toNativeSeparators(current->fileName()), current->errorString()));
            return;
        }
        if (Entry *e = entry(currentBlock))
            e->size += size;
        totalBytes += size;
    }

    // Drops the oldest finished commands' files until `extra` more bytes fit the cap (the
    // files go in the background); when the running command alone does not fit, its
    // spooling stops.
    void makeRoom(qint64 extra, QStringList &notices) {
        QStringList removedPaths;
        while (totalBytes + extra > capBytes && !entries.isEmpty() &&
               !(current && entries.first().blockId == currentBlock)) {
            const Entry gone = entries.takeFirst();
            removedPaths.append(gone.path);
            totalBytes -= gone.size;
            deleted.append(gone);
        }
        const QString cap = ExecErrorText::formatBytes(quint64(capBytes));
        if (!removedPaths.isEmpty()) {
            removeInBackground(removedPaths); // the builder keeps writing meanwhile
            notices.append(tr("The transcript files of this tab reached their cap of %1: the "
                              "saved output of the %2 oldest command(s) was deleted.")
                               .arg(cap)
                               .arg(removedPaths.size()));
        }
        if (totalBytes + extra > capBytes && current && !currentStopped && extra > 0) {
            currentStopped = true;
            notices.append(tr("This command's output alone reached the transcript cap of %1: "
                              "output from here on is shown but not saved.")
                               .arg(cap));
        }
    }

    void closeCurrent() {
        if (current)
            current->close();
        current.reset();
        currentBlock = 0;
        currentStopped = false;
    }

    void notify(const QStringList &notices) const {
        if (!noticeHandler)
            return;
        for (const QString &notice : notices)
            noticeHandler(notice);
    }
};

TranscriptSpool::TranscriptSpool(const QString &directory, qint64 capBytes)
    : d_(new Private) {
    d_->directory = directory.isEmpty() ? newSessionDirectory() : directory;
    d_->capBytes = qMax<qint64>(capBytes, 1 << 20);
    if (!QDir().mkpath(d_->directory))
        d_->error = tr("Could not create the transcript folder %1")
                        .arg(QDir::toNativeSeparators(d_->directory));
}

TranscriptSpool::~TranscriptSpool() {
    d_->closeCurrent();
    if (!d_->keepFiles) {
        // Not here: the tab closes on the GUI thread.
        QStringList paths;
        for (const Entry &e : std::as_const(d_->entries))
            paths.append(e.path);
        removeInBackground(paths, d_->directory);
    }
    delete d_;
}

bool TranscriptSpool::isReady() const {
    QMutexLocker lock(&d_->mutex);
    return d_->error.isEmpty();
}

QString TranscriptSpool::errorString() const {
    QMutexLocker lock(&d_->mutex);
    return d_->error;
}

QString TranscriptSpool::directory() const {
    return d_->directory;
} // never changes

void TranscriptSpool::setKeepFiles(bool keep) {
    QMutexLocker lock(&d_->mutex);
    d_->keepFiles = keep;
}

qint64 TranscriptSpool::capBytes() const {
    QMutexLocker lock(&d_->mutex);
    return d_->capBytes;
}

void TranscriptSpool::setCapBytes(qint64 bytes) {
    QStringList notices;
    {
        QMutexLocker lock(&d_->mutex);
        d_->capBytes = qMax<qint64>(bytes, 1 << 20);
        if (d_->totalBytes > d_->capBytes)
            d_->makeRoom(0, notices);
    }
    d_->notify(notices);
}

qint64 TranscriptSpool::totalBytes() const {
    QMutexLocker lock(&d_->mutex);
    return d_->totalBytes;
}

void TranscriptSpool::setNoticeHandler(std::function<void(const QString &)> handler) {
    QMutexLocker lock(&d_->mutex);
    d_->noticeHandler = std::move(handler);
}

void TranscriptSpool::beginCommand(quint64 blockId, const CommandContext &context) {
    QStringList notices;
    {
        QMutexLocker lock(&d_->mutex);
        d_->closeCurrent();
        if (!d_->error.isEmpty())
            return;
        const QString path = d_->directory + QStringLiteral("/command-%1-block%2.spool")
                                                 .arg(++d_->fileCounter, 5, 10, QLatin1Char('0'))
                                                 .arg(blockId);
        auto file = std::make_unique<QFile>(path);
        if (!file->open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file->write(SpoolRecord::kMagic.data(), SpoolRecord::kMagic.size()) !=
                SpoolRecord::kMagic.size()) {
            notices.append(tr("Could not create the transcript file %1 (%2): this command's "
                              "output is shown but not saved.")
                               .arg(QDir::toNativeSeparators(path), file->errorString()));
        } else {
            const QList<StyledLine> header = TranscriptText::headerLines(context, blockId);
            QStringList texts;
            for (const StyledLine &line : header)
                texts.append(line.text);
            d_->entries.append({blockId, path, texts.value(0), SpoolRecord::kMagic.size()});
            d_->totalBytes += SpoolRecord::kMagic.size();
            d_->current = std::move(file);
            d_->currentBlock = blockId;
            d_->writeRecord(SpoolRecord::Header, texts.join(QLatin1Char('\n')).toUtf8(), notices,
                            true);
        }
    }
    d_->notify(notices);
}

void TranscriptSpool::append(quint64 blockId, bool isStderr, QByteArrayView bytes) {
    if (bytes.isEmpty())
        return;
    QStringList notices;
    {
        QMutexLocker lock(&d_->mutex);
        if (blockId != d_->currentBlock)
            return;
        d_->writeRecord(isStderr ? SpoolRecord::Stderr : SpoolRecord::Stdout, bytes, notices);
    }
    d_->notify(notices);
}

void TranscriptSpool::endCommand(quint64 blockId, const CommandSummary &summary) {
    QStringList notices;
    {
        QMutexLocker lock(&d_->mutex);
        if (blockId != d_->currentBlock)
            return;
        d_->currentStopped = false; // the banner is small and says how the command ended
        const StyledLine banner = TranscriptText::bannerLine(summary, blockId);
        d_->writeRecord(banner.kind == LineKind::BannerOk ? SpoolRecord::BannerOk
                                                          : SpoolRecord::BannerFailed,
                        banner.text.toUtf8(), notices, true);
        d_->closeCurrent();
    }
    d_->notify(notices);
}

QList<quint64> TranscriptSpool::blockIds() const {
    QMutexLocker lock(&d_->mutex);
    QList<quint64> ids;
    for (const Entry &e : std::as_const(d_->entries))
        ids.append(e.blockId);
    return ids;
}

QString TranscriptSpool::filePath(quint64 blockId) const {
    QMutexLocker lock(&d_->mutex);
    const Entry *e = d_->entry(blockId);
    return e ? e->path : QString();
}

bool TranscriptSpool::save(QIODevice &out, SaveFormat format, std::optional<quint64> blockId,
                           QString *error) const {
    QList<Entry> files;
    QList<Entry> deleted;
    {
        QMutexLocker lock(&d_->mutex);
        if (d_->current)
            d_->current->flush(); // the running command's bytes so far
        for (const Entry &e : std::as_const(d_->entries)) {
            if (!blockId || e.blockId == *blockId)
                files.append(e);
        }
        for (const Entry &e : std::as_const(d_->deleted)) {
            if (!blockId || e.blockId == *blockId)
                deleted.append(e);
        }
    }
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (blockId && files.isEmpty())
        return fail(deleted.isEmpty()
                        ? tr("No transcript file holds command %1.").arg(*blockId)
                        : tr("The transcript file of \"%1\" was deleted over the cap.")
                              .arg(deleted.first().title));
    SpoolReplay replay(out, SpoolReplay::Format(int(format)));
    bool ok = replay.begin();
    for (const Entry &e : std::as_const(deleted)) {
        ok = ok && replay.writeLine(StyledLine(
                       tr("%1: the saved output of this command was deleted over the transcript "
                          "cap.")
                           .arg(e.title),
                       LineKind::Notice, e.blockId));
    }
    for (const Entry &e : std::as_const(files))
        ok = ok && replay.replayFile(e.path, e.size);
    ok = ok && replay.end();
    return ok || fail(replay.errorString());
}

} // namespace sandbox
