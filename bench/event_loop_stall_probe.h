#pragma once

#include <QTimer>

#include <cstdint>
#include <vector>

namespace sandbox {

// Measures how long the thread's event loop goes without running a timer: a precise
// 1 ms QTimer records the gap between consecutive ticks. A gap is as long as the longest
// piece of work (a drain, a layout, a paint) that ran in between, or as long as the thread
// waited for a CPU: each gap is split into the thread's own CPU time and its wait on the
// kernel's run queue (/proc/thread-self/schedstat), to tell our work from the scheduler's.
class EventLoopStallProbe {
public:
    struct Gap {
        double ms = 0;
        double cpuMs = 0;       // the thread ran
        double runQueueMs = 0;  // the thread was runnable but another one had the CPU
        std::int64_t endNs = 0; // CLOCK_MONOTONIC at the tick that ended it
    };

    EventLoopStallProbe();
    ~EventLoopStallProbe();

    EventLoopStallProbe(const EventLoopStallProbe &) = delete;
    EventLoopStallProbe &operator=(const EventLoopStallProbe &) = delete;

    void start();
    // The gap up to now counts too, so a stall right before stop() is not lost.
    void stop();

    double maxGapMs() const;
    // The longest gap, split.
    Gap maxGap() const;
    // Gaps longer than `ms`, and how many of them were mostly run-queue wait.
    std::size_t gapsOver(double ms) const;
    std::size_t gapsOverMostlyWaiting(double ms) const;
    // p in [0, 1]; 0 when no tick was seen.
    double percentileGapMs(double p) const;
    std::size_t ticks() const { return gaps_.size(); }
    const std::vector<Gap> &gaps() const { return gaps_; }

private:
    void tick();
    double threadCpuMs() const;
    double runQueueMs() const;

    QTimer timer_;
    std::int64_t lastNs_ = 0; // CLOCK_MONOTONIC, the same clock as the gaps' endNs
    double lastCpuMs_ = 0;
    double lastRunQueueMs_ = 0;
    int schedstatFd_ = -1;
    std::vector<Gap> gaps_;
};

} // namespace sandbox
