#pragma once

#include <QtGlobal>

namespace sandbox {

class TranscriptModel;

// A place in the transcript that survives rows moving: selections, find highlights and
// the keyboard caret are kept as (line key, UTF-16 offset), not as rows, so lines leaving
// the ring do not shift them.
//
// Line keys: ring lines use their absolute line number; the partial rows use the numbers
// they will have once finished (totalLinesAppended() + i), so a progress line that
// completes keeps its key; the drop marker is kMarkerKey.
struct TranscriptAnchor {
    static constexpr qint64 kMarkerKey = -1;

    qint64 key = 0;
    qsizetype offset = 0;

    static qint64 keyOfRow(const TranscriptModel &model, qsizetype row);
    // The row a key is shown in now; a key whose line left the ring gives the first ring
    // row (or -1 for an empty model), a key past the end the last row.
    static qsizetype rowOfKey(const TranscriptModel &model, qint64 key);
    // True when the key's line left the ring (then its offset means nothing any more).
    static bool isDropped(const TranscriptModel &model, qint64 key);

    friend bool operator==(const TranscriptAnchor &, const TranscriptAnchor &) = default;
    // Marker first, then by line, then by offset.
    friend bool operator<(const TranscriptAnchor &a, const TranscriptAnchor &b) {
        return a.key != b.key ? a.key < b.key : a.offset < b.offset;
    }
};

} // namespace sandbox
