#include "line_ring.h"

#include <algorithm>

namespace sandbox {

void LineRing::setLimit(qsizetype limit) {
    limit_ = std::max<qsizetype>(std::max<qsizetype>(1, limit), size_);
    if (qsizetype(slots_.size()) > limit_)
        relayout(std::size_t(limit_));
}

void LineRing::takeFront(qsizetype count, QList<StyledLine> *out) {
    count = qBound<qsizetype>(0, count, size_);
    if (out)
        out->reserve(out->size() + count);
    for (qsizetype i = 0; i < count; ++i) {
        StyledLine &line = slots_[slot(i)];
        if (out)
            out->append(std::move(line)); // leaves the slot empty
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
void LineRing::relayout(std::size_t slotCount) {
    std::vector<StyledLine> moved(slotCount);
    for (qsizetype i = 0; i < size_; ++i)
        moved[std::size_t(i)] = std::move(slots_[slot(i)]);
    slots_.swap(moved);
    head_ = 0;
}

void LineRing::grow() {
    const auto doubled = std::max<qsizetype>(64, qsizetype(slots_.size()) * 2);
    relayout(std::size_t(std::max(std::min(doubled, limit_), size_ + 1)));
}

} // namespace sandbox
