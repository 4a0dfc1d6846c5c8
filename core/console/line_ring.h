#pragma once

#include "styled_line.h"

#include <vector>

namespace sandbox {

// The transcript's lines in order, oldest first, in one circular buffer: appending and
// dropping the oldest move lines in and out of slots that are reused, where a std::deque
// allocated and freed a node for every eight lines on the GUI thread during a flood. It
// grows (doubling) as needed and never shrinks; a moved-out slot holds an empty line.
class LineRing {
public:
    qsizetype size() const { return size_; }
    const StyledLine &operator[](qsizetype index) const { return slots_[slot(index)]; }
    StyledLine &operator[](qsizetype index) { return slots_[slot(index)]; }

    void pushBack(StyledLine &&line) {
        if (size_ == qsizetype(slots_.size()))
            grow();
        slots_[slot(size_)] = std::move(line);
        ++size_;
    }
    // Moves the `count` oldest lines to the end of `out`, or destroys them when `out` is null.
    void takeFront(qsizetype count, std::vector<StyledLine> *out);
    void clear();

private:
    std::size_t slot(qsizetype index) const {
        const qsizetype at = head_ + index;
        const auto capacity = qsizetype(slots_.size());
        return std::size_t(at >= capacity ? at - capacity : at);
    }
    void grow();

    std::vector<StyledLine> slots_;
    qsizetype head_ = 0; // slot of the oldest line
    qsizetype size_ = 0;
};

} // namespace sandbox
