#include "styled_line.h"

#include "cell_width.h"
#include "command_context.h"

#include <QMetaType>

namespace sandbox {

TextStyle StyledLine::styleAt(qsizetype index) const {
    for (const StyleRun &run : runs) {
        if (index < run.start)
            break;
        if (index < run.end())
            return run.style;
    }
    return {};
}

bool StyledLine::hasExplicitForeground() const {
    for (const StyleRun &run : runs) {
        if (!run.style.foreground.isDefault())
            return true;
    }
    return false;
}

StyledLine StyledLine::mid(qsizetype start, qsizetype length) const {
    start = qBound(qsizetype(0), start, text.size());
    const qsizetype end = length < 0 ? text.size() : qBound(start, start + length, text.size());
    StyledLine slice(text.mid(start, end - start), kind, blockId);
    for (const StyleRun &run : runs) {
        const qsizetype from = qMax<qsizetype>(run.start, start);
        const qsizetype to = qMin<qsizetype>(run.end(), end);
        if (from < to)
            slice.runs.append({qint32(from - start), qint32(to - from), run.style});
    }
    return slice;
}

int StyledLine::cellWidth() const {
    return CellWidth::of(text);
}

void registerTranscriptMetaTypes() {
    qRegisterMetaType<StyledLine>();
    qRegisterMetaType<QList<StyledLine>>();
    qRegisterMetaType<TextStyle>();
    qRegisterMetaType<CommandContext>();
    qRegisterMetaType<CommandSummary>();
}

} // namespace sandbox
