#pragma once

#include "run_record.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QUuid>

#include <optional>

namespace sandbox {

// The run history of one profile: every command run in its console tabs, newest last, in
// `<dataDir>/runs/<profile-id>.json` ({"schema": 1, "runs": [...]}) and each run's
// transcript (the spool file of the run, see TranscriptSpool) kept in
// `<dataDir>/runs/<profile-id>/<run-id>.spool`, so it outlives the tab's spool folder.
// Bounded twice: at most maxRuns() records (the oldest go, with their files) and at most
// maxTranscriptBytes() of kept transcripts (the oldest transcripts go first; their records
// stay and say so). Records hold no token and no env values. GUI thread only.
class RunHistory : public QObject {
    Q_OBJECT
public:
    static constexpr int kSchemaVersion = 1;
    static constexpr int kDefaultMaxRuns = 500;
    static constexpr qint64 kDefaultMaxTranscriptBytes = qint64(1) << 30;

    RunHistory(const QString &dataDir, const QUuid &profileId, QObject *parent = nullptr);

    QUuid profileId() const { return profileId_; }
    QString filePath() const;
    QString transcriptDirectory() const;

    // Missing file = empty history. A broken or newer file is reported in `error` and left
    // untouched: the history then starts empty and is not saved over it.
    bool load(QString *error = nullptr);
    bool save(QString *error = nullptr) const;
    QString lastError() const { return lastError_; }

    QList<RunRecord> runs() const { return runs_; } // oldest first
    std::optional<RunRecord> find(const QUuid &runId) const;

    // A command started: recorded (unfinished) and saved at once, so a run the console did
    // not see end is still listed.
    void begin(const RunRecord &record);
    // It ended: the result, and its spool file kept as the run's transcript (a hard link
    // when the spool sits on the same file system, else a copy off the GUI thread).
    void finish(const QUuid &runId, const RunRecord &result, const QString &spoolFile);
    // Deletes the record and its transcript file.
    bool remove(const QUuid &runId, QString *error = nullptr);
    // Deletes every record and transcript file of this profile.
    void clear();

    int maxRuns() const { return maxRuns_; }
    void setMaxRuns(int runs);
    qint64 maxTranscriptBytes() const { return maxTranscriptBytes_; }
    void setMaxTranscriptBytes(qint64 bytes);
    qint64 transcriptBytes() const; // kept transcripts on disk

Q_SIGNALS:
    // Records added, changed or removed.
    void changed();

private:
    RunRecord *record(const QUuid &runId);
    void keepTranscript(const QUuid &runId, const QString &spoolFile);
    void transcriptKept(const QUuid &runId, const QString &path, qint64 bytes);
    void enforceBounds();
    void commit();

    QString dataDir_;
    QUuid profileId_;
    QList<RunRecord> runs_;
    int maxRuns_ = kDefaultMaxRuns;
    qint64 maxTranscriptBytes_ = kDefaultMaxTranscriptBytes;
    bool saveBlocked_ = false; // a broken file on disk is never overwritten
    mutable QString lastError_;
};

} // namespace sandbox
