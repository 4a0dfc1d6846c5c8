#include "spool_replay.h"

#include "spool_record.h"
#include "terminal_line_builder.h"
#include "transcript_export.h"

#include <QDir>
#include <QFile>

namespace sandbox {

namespace {
constexpr qsizetype kFlushChars = 256 * 1024;
} // namespace

bool SpoolReplay::begin() {
    if (format_ == Format::Html)
        pending_ += TranscriptExport::htmlBegin();
    return flush(false);
}

bool SpoolReplay::end() {
    if (format_ == Format::Html)
        pending_ += TranscriptExport::htmlEnd();
    return flush(true);
}

bool SpoolReplay::writeLine(const StyledLine &line) {
    if (format_ == Format::RawBytes)
        return true; // raw output has no room for the console's own words
    return writeLines({line});
}

bool SpoolReplay::writeLines(const QList<StyledLine> &lines) {
    for (const StyledLine &line : lines) {
        if (format_ == Format::Html)
            TranscriptExport::appendHtmlLine(pending_, line);
        else
            TranscriptExport::appendPlainLine(pending_, line);
    }
    return flush(false);
}

bool SpoolReplay::flush(bool force) {
    if (pending_.isEmpty() || (!force && pending_.size() < kFlushChars))
        return true;
    const QByteArray bytes = pending_.toUtf8();
    pending_.clear();
    return writeBytes(bytes);
}

bool SpoolReplay::writeBytes(QByteArrayView bytes) {
    if (out_.write(bytes.data(), bytes.size()) == bytes.size())
        return true;
    error_ = tr("Could not write the saved transcript: %1").arg(out_.errorString());
    return false;
}

bool SpoolReplay::replayFile(const QString &path, qint64 limit) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error_ = tr("Could not read the transcript file %1: %2")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
        return false;
    }
    if (file.read(SpoolRecord::kMagic.size()) != SpoolRecord::kMagic) {
        error_ =
            tr("%1 is not a transcript file of this console").arg(QDir::toNativeSeparators(path));
        return false;
    }
    TerminalLineBuilder out(LineKind::Stdout);
    TerminalLineBuilder err(LineKind::Stderr);
    QList<StyledLine> lines;
    SpoolRecord::Tag tag{};
    QByteArray payload;
    while (SpoolRecord::read(file, limit, tag, payload)) {
        lines.clear();
        switch (tag) {
        case SpoolRecord::Stdout:
        case SpoolRecord::Stderr:
            if (format_ == Format::RawBytes) {
                if (!flush(true) || !writeBytes(payload))
                    return false;
                continue;
            }
            (tag == SpoolRecord::Stdout ? out : err).feed(payload, lines);
            break;
        case SpoolRecord::Header: {
            const QStringList texts = QString::fromUtf8(payload).split(QLatin1Char('\n'));
            for (const QString &text : texts)
                lines.append(StyledLine(text, LineKind::Header));
            // The argv lines are bold, as in the console; the last line holds the facts.
            TextStyle bold;
            bold.set(TextStyle::Bold, true);
            for (qsizetype i = lines.size() - texts.size(); i + 1 < lines.size(); ++i)
                lines[i].runs.append({0, qint32(lines.at(i).text.size()), bold});
            break;
        }
        case SpoolRecord::BannerOk:
        case SpoolRecord::BannerFailed:
            out.finish(lines);
            err.finish(lines);
            lines.append(StyledLine(QString::fromUtf8(payload), tag == SpoolRecord::BannerOk
                                                                    ? LineKind::BannerOk
                                                                    : LineKind::BannerFailed));
            break;
        }
        if (format_ != Format::RawBytes && !writeLines(lines))
            return false;
    }
    lines.clear();
    out.finish(lines); // a running command: what it printed so far
    err.finish(lines);
    return format_ == Format::RawBytes || writeLines(lines);
}

} // namespace sandbox
