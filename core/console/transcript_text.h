#pragma once

#include "command_context.h"
#include "styled_line.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace sandbox {

// The console's own words in the transcript: a block's header lines, its end banner and
// the drop marker. One place, so the ring, the spool files and the saves agree.
class TranscriptText {
    Q_DECLARE_TR_FUNCTIONS(TranscriptText)

public:
    // Lines of kind Header: "$ argv" (shell-quoted where needed, so it is exact; a
    // multi-line argv continues on "> " lines), then factsLine().
    static QList<StyledLine> headerLines(const CommandContext &context, quint64 blockId);
    // time · profile · address · image · security profile (requested and effective when
    // clamped) · workdir · env keys (values masked; those the tab set) · timeout · colour.
    static QString factsLine(const CommandContext &context);
    // "── exit 0 · 1.2 s · 3.4 KiB ──" (+ detail), kind BannerOk or BannerFailed.
    static StyledLine bannerLine(const CommandSummary &summary, quint64 blockId);
    // "N earlier lines are not shown — saved in the transcript file (PATH)".
    static QString dropMarker(qint64 droppedLines, const QString &spoolPath);
    // One argument quoted for a POSIX shell when it needs it.
    static QString shellQuote(const QString &argument);
};

} // namespace sandbox
