#pragma once

#include "styled_line.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace sandbox {

// Lines to text for Copy, Copy with colours and Save: plain text (one line per line, no
// styles) or HTML (a complete document with a <pre>, colours as inline styles from
// TerminalPalette, so it pastes into mail and office programs). Used by TranscriptModel
// and TranscriptSpool.
class TranscriptExport {
    Q_DECLARE_TR_FUNCTIONS(TranscriptExport)

public:
    enum class Format { PlainText, Html };

    static QString toPlainText(const QList<StyledLine> &lines);
    static QString toHtml(const QList<StyledLine> &lines);

    // Streaming pieces (the spool writes 200,000+ lines without holding them):
    static QString htmlBegin();
    static QString htmlEnd();
    // Appends one line (escaped, styled spans) and a newline.
    static void appendHtmlLine(QString &out, const StyledLine &line);
    static void appendPlainLine(QString &out, const StyledLine &line);
};

} // namespace sandbox
