#pragma once

#include "styled_line.h"

#include <QList>

#include <limits>
#include <utility>
#include <vector>

namespace sandbox {

// The transcript's lines in order, oldest first, in one circular buffer: appending and
// dropping the oldest move lines in and out of slots that are reused, where a std::deque
// allocated and freed a node for every eight lines on the GUI thread during a flood. It
// grows (doubling) up to its limit, shrinks only when the limit is lowered below its slots,
// and a moved-out slot holds an empty line.
class LineRing {
public:
    qsizetype size() const { return size_; }
    const StyledLine &operator[](qsizetype index) const { return slots_[slot(index)]; }
    StyledLine &operator[](qsizetype index) { return slots_[slot(index)]; }

    // The most lines it will hold (the transcript's capacity): its slots never grow past it,
    // so a full ring is full to the last slot and replaceOldest() can recycle slots in place.
    // Call after dropping what does not fit.
    void setLimit(qsizetype limit);
    bool isFull() const { return size_ == limit_; }

    void pushBack(StyledLine &&line) {
        if (size_ == qsizetype(slots_.size()))
            grow();
        slots_[slot(size_)] = std::move(line);
        ++size_;
    }
    // A full ring's append: `line` goes in as the newest and leaves with the oldest, in one
    // swap (a flood's drop and append, without moving either line twice).
    void replaceOldest(StyledLine &line) {
        std::swap(slots_[std::size_t(head_)], line);
        head_ = head_ + 1 == size_ ? 0 : head_ + 1;
    }
    // Moves the `count` oldest lines to the end of `out`, or destroys them when `out` is null.
    void takeFront(qsizetype count, QList<StyledLine> *out);
    void clear();

private:
    std::size_t slot(qsizetype index) const {
        const qsizetype at = head_ + index;
        const auto capacity = qsizetype(slots_.size());
        return std::size_t(at >= capacity ? at - capacity : at);
    }
    void relayout(std::size_t slotCount);
    void grow();

    std::vector<StyledLine> slots_;
    qsizetype head_ = 0; // slot of the oldest line
    qsizetype size_ = 0;
    qsizetype limit_ = std::numeric_limits<qsizetype>::max();
};

} // namespace sandbox
