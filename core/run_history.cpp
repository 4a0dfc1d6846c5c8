#include "run_history.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSaveFile>
#include <QThreadPool>

#include <unistd.h>

namespace sandbox {

namespace {

QString native(const QString &path) {
    return QDir::toNativeSeparators(path);
}

} // namespace

RunHistory::RunHistory(const QString &dataDir, const QUuid &profileId, QObject *parent)
    : QObject(parent)
    , dataDir_(dataDir)
    , profileId_(profileId) {}

QString RunHistory::filePath() const {
    return QDir(dataDir_).filePath(QStringLiteral("runs/") +
                                   profileId_.toString(QUuid::WithoutBraces) +
                                   QStringLiteral(".json"));
}

QString RunHistory::transcriptDirectory() const {
    return QDir(dataDir_).filePath(QStringLiteral("runs/") +
                                   profileId_.toString(QUuid::WithoutBraces));
}

bool RunHistory::load(QString *error) {
    runs_.clear();
    saveBlocked_ = false;
    lastError_.clear();
    QFile file(filePath());
    const auto fail = [&](const QString &message) {
        saveBlocked_ = true;
        lastError_ = message;
        if (error)
            *error = message;
        return false;
    };
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly))
        return fail(tr("Cannot read the run history %1: %2")
                        .arg(native(file.fileName()), file.errorString()));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject())
        return fail(tr("The run history %1 is not valid JSON (%2); it was left untouched.")
                        .arg(native(file.fileName()), parseError.errorString()));
    const int schema = doc.object().value(QStringLiteral("schema")).toInt(0);
    if (schema > kSchemaVersion)
        return fail(tr("The run history %1 has schema %2, newer than this version reads (%3); "
                       "it was left untouched.")
                        .arg(native(file.fileName()))
                        .arg(schema)
                        .arg(kSchemaVersion));
    const QJsonArray runs = doc.object().value(QStringLiteral("runs")).toArray();
    const QDir dir(transcriptDirectory());
    for (const QJsonValue &value : runs) {
        QString recordError;
        std::optional<RunRecord> record = RunRecord::fromJson(value.toObject(), recordError);
        if (!record)
            continue; // one bad record does not cost the others
        if (!record->transcriptPath.isEmpty()) {
            record->transcriptPath = dir.filePath(record->transcriptPath);
            if (!QFileInfo::exists(record->transcriptPath))
                record->transcriptPath.clear(); // deleted outside the console
        }
        runs_.append(*record);
    }
    enforceBounds();
    return true;
}

bool RunHistory::save(QString *error) const {
    if (saveBlocked_) {
        if (error)
            *error = lastError_;
        return false;
    }
    QJsonArray runs;
    for (RunRecord record : runs_) {
        // Stored relative to the transcript folder, so the data folder can move.
        if (!record.transcriptPath.isEmpty())
            record.transcriptPath = QFileInfo(record.transcriptPath).fileName();
        runs.append(record.toJson());
    }
    QJsonObject root;
    root.insert(QStringLiteral("schema"), kSchemaVersion);
    root.insert(QStringLiteral("profileId"), profileId_.toString(QUuid::WithoutBraces));
    root.insert(QStringLiteral("runs"), runs);
    QDir().mkpath(QFileInfo(filePath()).absolutePath());
    QSaveFile file(filePath());
    bool ok = file.open(QIODevice::WriteOnly);
    // The user's alone: it keeps the env override values of the runs.
    ok = ok && file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    ok = ok && file.write(QJsonDocument(root).toJson(QJsonDocument::Indented)) >= 0;
    ok = ok && file.commit();
    if (!ok) {
        lastError_ =
            tr("Cannot save the run history %1: %2").arg(native(filePath()), file.errorString());
        if (error)
            *error = lastError_;
    }
    return ok;
}

std::optional<RunRecord> RunHistory::find(const QUuid &runId) const {
    for (const RunRecord &r : runs_) {
        if (r.id == runId)
            return r;
    }
    return std::nullopt;
}

RunRecord *RunHistory::record(const QUuid &runId) {
    for (RunRecord &r : runs_) {
        if (r.id == runId)
            return &r;
    }
    return nullptr;
}

void RunHistory::begin(const RunRecord &record) {
    RunRecord started = record;
    started.finished = false;
    started.transcriptPath.clear();
    runs_.append(started);
    enforceBounds();
    commit();
}

void RunHistory::finish(const QUuid &runId, const RunRecord &result, const QString &spoolFile) {
    RunRecord *r = record(runId);
    if (!r)
        return; // deleted while it ran
    r->finished = true;
    r->outcome = result.outcome;
    r->exitCode = result.exitCode;
    r->durationMs = result.durationMs;
    r->stdoutBytes = result.stdoutBytes;
    r->stderrBytes = result.stderrBytes;
    r->detail = result.detail;
    commit();
    if (!spoolFile.isEmpty() && QFileInfo::exists(spoolFile))
        keepTranscript(runId, spoolFile);
}

// The spool file is complete once the command ended and is never written again; a hard
// link costs nothing and keeps the bytes when the tab's spool folder goes away.
void RunHistory::keepTranscript(const QUuid &runId, const QString &spoolFile) {
    if (!QDir().mkpath(transcriptDirectory()))
        return;
    const QString target =
        QDir(transcriptDirectory())
            .filePath(runId.toString(QUuid::WithoutBraces) + QStringLiteral(".spool"));
    QFile::remove(target);
    if (::link(QFile::encodeName(spoolFile).constData(), QFile::encodeName(target).constData()) ==
        0) {
        transcriptKept(runId, target, QFileInfo(target).size());
        return;
    }
    // Another file system: copy on a pool thread, the GUI thread never waits on the disk.
    QPointer<RunHistory> self(this);
    QThreadPool::globalInstance()->start([self, runId, spoolFile, target] {
        const QString part = target + QStringLiteral(".part");
        QFile::remove(part);
        const bool ok = QFile::copy(spoolFile, part) && QFile::rename(part, target);
        if (!ok)
            QFile::remove(part);
        const qint64 size = ok ? QFileInfo(target).size() : 0;
        QMetaObject::invokeMethod(
            QCoreApplication::instance(),
            [self, runId, target, size, ok] {
                if (!self) {
                    QFile::remove(target);
                    return;
                }
                if (ok)
                    self->transcriptKept(runId, target, size);
            },
            Qt::QueuedConnection);
    });
}

void RunHistory::transcriptKept(const QUuid &runId, const QString &path, qint64 bytes) {
    RunRecord *r = record(runId);
    if (!r) {
        QFile::remove(path); // deleted meanwhile
        return;
    }
    r->transcriptPath = path;
    r->transcriptBytes = bytes;
    enforceBounds();
    commit();
}

bool RunHistory::remove(const QUuid &runId, QString *error) {
    for (qsizetype i = 0; i < runs_.size(); ++i) {
        if (runs_.at(i).id != runId)
            continue;
        const QString path = runs_.at(i).transcriptPath;
        if (!path.isEmpty() && QFileInfo::exists(path) && !QFile::remove(path)) {
            if (error)
                *error = tr("Cannot delete the transcript file %1").arg(native(path));
            return false;
        }
        runs_.removeAt(i);
        commit();
        return true;
    }
    if (error)
        *error = tr("There is no run %1 in the history.").arg(runId.toString(QUuid::WithoutBraces));
    return false;
}

void RunHistory::clear() {
    for (const RunRecord &r : std::as_const(runs_)) {
        if (!r.transcriptPath.isEmpty())
            QFile::remove(r.transcriptPath);
    }
    runs_.clear();
    QDir().rmdir(transcriptDirectory());
    commit();
}

void RunHistory::setMaxRuns(int runs) {
    maxRuns_ = std::max(1, runs);
    enforceBounds();
}

void RunHistory::setMaxTranscriptBytes(qint64 bytes) {
    maxTranscriptBytes_ = std::max<qint64>(0, bytes);
    enforceBounds();
}

qint64 RunHistory::transcriptBytes() const {
    qint64 total = 0;
    for (const RunRecord &r : runs_) {
        if (!r.transcriptPath.isEmpty())
            total += r.transcriptBytes;
    }
    return total;
}

void RunHistory::enforceBounds() {
    while (runs_.size() > maxRuns_) {
        const RunRecord gone = runs_.takeFirst();
        if (!gone.transcriptPath.isEmpty())
            QFile::remove(gone.transcriptPath);
    }
    qint64 total = transcriptBytes();
    for (RunRecord &r : runs_) {
        if (total <= maxTranscriptBytes_)
            break;
        if (r.transcriptPath.isEmpty())
            continue;
        QFile::remove(r.transcriptPath);
        total -= r.transcriptBytes;
        r.transcriptPath.clear();
        r.transcriptBytes = 0;
        r.transcriptDropped = true;
    }
}

void RunHistory::commit() {
    save();
    Q_EMIT changed();
}

} // namespace sandbox
