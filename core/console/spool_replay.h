#pragma once

#include "styled_line.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QString>

namespace sandbox {

// Writes spool files to a device as plain text, HTML or raw bytes, streaming: the
// output bytes go through one TerminalLineBuilder per stream and each finished line is
// written at once, so a save of any size needs little memory. Used by
// TranscriptSpool::save.
class SpoolReplay {
    Q_DECLARE_TR_FUNCTIONS(SpoolReplay)

public:
    enum class Format { PlainText, RawBytes, Html };

    SpoolReplay(QIODevice &out, Format format)
        : out_(out)
        , format_(format) {}

    bool begin();
    // The first `limit` bytes of one command's file (what was flushed when the save
    // started; the command may still be running).
    bool replayFile(const QString &path, qint64 limit);
    // A line of the console's own (a command whose file was deleted over the cap).
    bool writeLine(const StyledLine &line);
    bool end();
    QString errorString() const { return error_; }

private:
    bool writeLines(const QList<StyledLine> &lines);
    bool flush(bool force);
    bool writeBytes(QByteArrayView bytes);

    QIODevice &out_;
    Format format_;
    QString pending_; // text not yet written, flushed in large pieces
    QString error_;
};

} // namespace sandbox
