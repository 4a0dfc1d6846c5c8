#pragma once

#include <QList>
#include <QString>
#include <QtGlobal>

namespace sandbox {

struct FindOptions {
    bool caseSensitive = false;
    bool regularExpression = false; // QRegularExpression syntax; otherwise a plain substring
};

struct FindMatch {
    qsizetype row = 0;   // TranscriptModel row
    qsizetype start = 0; // UTF-16 offset into the line's text
    qsizetype length = 0;

    friend bool operator==(const FindMatch &, const FindMatch &) = default;
};

struct FindResult {
    QList<FindMatch> matches; // in row order, then by start
    // True when lines have left the ring: older output is only in the spool files.
    bool olderOutputInSpool = false;
    // Non-empty for an invalid regular expression (then there are no matches).
    QString error;
};

} // namespace sandbox
