#include "event_loop_stall_probe.h"

#include <algorithm>

namespace sandbox {

EventLoopStallProbe::EventLoopStallProbe() {
    timer_.setInterval(1);
    timer_.setTimerType(Qt::PreciseTimer);
    QObject::connect(&timer_, &QTimer::timeout, &timer_, [this] { tick(); });
}

void EventLoopStallProbe::start() {
    gapsMs_.clear();
    gapsMs_.reserve(1 << 16);
    clock_.start();
    lastNs_ = 0;
    timer_.start();
}

void EventLoopStallProbe::stop() {
    if (!timer_.isActive())
        return;
    tick();
    timer_.stop();
}

void EventLoopStallProbe::tick() {
    const qint64 now = clock_.nsecsElapsed();
    gapsMs_.push_back(static_cast<double>(now - lastNs_) / 1e6);
    lastNs_ = now;
}

double EventLoopStallProbe::maxGapMs() const {
    return gapsMs_.empty() ? 0 : *std::max_element(gapsMs_.begin(), gapsMs_.end());
}

double EventLoopStallProbe::percentileGapMs(double p) const {
    if (gapsMs_.empty())
        return 0;
    std::vector<double> sorted = gapsMs_;
    std::sort(sorted.begin(), sorted.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
}

} // namespace sandbox
