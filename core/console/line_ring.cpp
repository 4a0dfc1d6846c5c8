#include "line_ring.h"

namespace sandbox {

void LineRing::takeFront(qsizetype count, std::vector<StyledLine> *out) {
    count = qBound<qsizetype>(0, count, size_);
    if (out)
        out->reserve(out->size() + std::size_t(count));
    for (qsizetype i = 0; i < count; ++i) {
        StyledLine &line = slots_[slot(i)];
        if (out)
            out->push_back(std::move(line)); // leaves the slot empty
        else
            line = StyledLine();
    }
    head_ = count == size_ ? 0 : qsizetype(slot(count));
    size_ -= count;
}

void LineRing::clear() {
    slots_.clear();
    head_ = 0;
    size_ = 0;
}

// Lines keep their order; the oldest goes to slot 0.
void LineRing::grow() {
    std::vector<StyledLine> bigger(std::max<std::size_t>(64, slots_.size() * 2));
    for (qsizetype i = 0; i < size_; ++i)
        bigger[std::size_t(i)] = std::move(slots_[slot(i)]);
    slots_.swap(bigger);
    head_ = 0;
}

} // namespace sandbox
