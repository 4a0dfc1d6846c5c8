#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <thread>
#include <vector>

namespace sandbox {

// Records when the hypervisor took CPU time from this virtual machine ("steal" in
// /proc/stat): a stopped VM stops every thread in it, so an event-loop gap that holds
// steal was not the program's doing. A thread reads the per-CPU counters every 2 ms and
// keeps each change with its CLOCK_MONOTONIC time. On bare metal the counters stay 0.
class HostStealSampler {
public:
    HostStealSampler();
    ~HostStealSampler();

    HostStealSampler(const HostStealSampler &) = delete;
    HostStealSampler &operator=(const HostStealSampler &) = delete;

    void start();
    void stop();

    // Milliseconds stolen from the most-robbed CPU between beginNs and endNs
    // (CLOCK_MONOTONIC). The kernel books steal at the CPU's next tick after the VM runs
    // again, so changes up to kBookingDelayNs after endNs count as well.
    double stolenMs(std::int64_t beginNs, std::int64_t endNs) const;

    static std::int64_t monotonicNs();
    static constexpr std::int64_t kBookingDelayNs = 12'000'000;

private:
    struct Sample {
        std::int64_t ns = 0;
        std::vector<std::uint64_t> stealTicks; // per CPU, USER_HZ ticks
    };

    void run();
    bool read(std::vector<std::uint64_t> &ticks) const;

    int fd_ = -1;
    long ticksPerSecond_ = 100;
    std::atomic<bool> stopping_{false};
    std::thread thread_;
    mutable std::mutex mutex_;
    std::vector<Sample> samples_;
};

} // namespace sandbox
