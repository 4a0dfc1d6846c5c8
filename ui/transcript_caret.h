#pragma once

#include "transcript_anchor.h"

#include <QStringView>

#include <optional>
#include <utility>

namespace sandbox {

class TranscriptModel;
class TranscriptPainter;

// Where keyboard selection moves the cursor, and what a double-click calls a word.
class TranscriptCaret {
public:
    // The cursor after one of Left/Right/Up/Down/PageUp/PageDown/Home/End (Ctrl+Home/End:
    // the transcript's start/end); nullopt for other keys. Up/Down keep the cell column.
    static std::optional<TranscriptAnchor> moved(const TranscriptModel &model,
                                                 TranscriptPainter &painter,
                                                 const TranscriptAnchor &from, int key,
                                                 bool control, int pageRows);
    // The end of a row (its text's size).
    static TranscriptAnchor endOfRow(const TranscriptModel &model, qsizetype row);
    // [start, end) of the word around `offset` (letters, digits and -#%&+,./:=?@_~, as a
    // terminal does, so paths and URLs select whole); an empty range on a space.
    static std::pair<qsizetype, qsizetype> wordAt(QStringView text, qsizetype offset);
};

} // namespace sandbox
