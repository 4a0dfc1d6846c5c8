#pragma once

#include <QElapsedTimer>
#include <QTimer>

#include <vector>

namespace sandbox {

// Measures how long the thread's event loop goes without running a timer: a precise
// 1 ms QTimer records the gap between consecutive ticks. A gap is as long as the longest
// piece of work (a drain, a layout, a paint) that ran in between.
class EventLoopStallProbe {
public:
    EventLoopStallProbe();

    EventLoopStallProbe(const EventLoopStallProbe &) = delete;
    EventLoopStallProbe &operator=(const EventLoopStallProbe &) = delete;

    void start();
    // The gap up to now counts too, so a stall right before stop() is not lost.
    void stop();

    double maxGapMs() const;
    // p in [0, 1]; 0 when no tick was seen.
    double percentileGapMs(double p) const;
    std::size_t ticks() const { return gapsMs_.size(); }

private:
    void tick();

    QTimer timer_;
    QElapsedTimer clock_;
    qint64 lastNs_ = 0;
    std::vector<double> gapsMs_;
};

} // namespace sandbox
