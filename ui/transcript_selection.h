#pragma once

#include "transcript_anchor.h"

#include <QList>
#include <QString>

#include <optional>

namespace sandbox {

class TranscriptModel;
struct StyledLine;

// The view's selection: an anchor (where it started) and a cursor (where it ends now),
// both on line keys, so it stays on the same text while rows drop from the ring.
class TranscriptSelection {
public:
    // Selected UTF-16 range of one row; `toLineEnd` when the selection continues on the
    // next row (the line break is selected too).
    struct RowRange {
        qsizetype start = 0;
        qsizetype end = 0;
        bool toLineEnd = false;
    };

    bool isEmpty() const { return !anchor_ || *anchor_ == cursor_; }
    void clear() { anchor_.reset(); }
    void set(const TranscriptAnchor &anchor, const TranscriptAnchor &cursor) {
        anchor_ = anchor;
        cursor_ = cursor;
    }
    // Moves the cursor, keeping the anchor (or anchoring at the old cursor).
    void extendTo(const TranscriptAnchor &cursor) {
        if (!anchor_)
            anchor_ = cursor_;
        cursor_ = cursor;
    }
    const TranscriptAnchor &cursor() const { return cursor_; }
    void setCursor(const TranscriptAnchor &cursor) { cursor_ = cursor; }
    std::optional<TranscriptAnchor> anchor() const { return anchor_; }

    // First and last row of the selection as the model shows it now; nullopt when empty
    // or when every selected line has left the ring.
    std::optional<std::pair<qsizetype, qsizetype>> rows(const TranscriptModel &model) const;
    // The selected part of `row` (call for rows within rows()).
    RowRange rangeInRow(const TranscriptModel &model, qsizetype row, qsizetype textSize) const;

    // The selected lines, each cut to its selected part (for Copy / Copy with colours).
    QList<StyledLine> lines(const TranscriptModel &model) const;
    QString plainText(const TranscriptModel &model) const;
    QString html(const TranscriptModel &model) const;

private:
    // Start and end in order, with anchors of dropped lines moved to the first line.
    std::pair<TranscriptAnchor, TranscriptAnchor> ordered(const TranscriptModel &model) const;

    std::optional<TranscriptAnchor> anchor_;
    TranscriptAnchor cursor_;
};

} // namespace sandbox
