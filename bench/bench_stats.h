#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

namespace sandbox {

// Small numeric helpers shared by the bench's measurements.
class BenchStats {
public:
    using Clock = std::chrono::steady_clock;

    static double msSince(Clock::time_point start);
    static double mibPerSecond(std::uint64_t bytes, double ms);
    // Nearest-rank percentile (p in 0..1) of unsorted values; 0 when empty.
    static double percentile(std::vector<double> values, double p);
    static double median(std::vector<double> values) { return percentile(std::move(values), 0.5); }
    // This process's resident memory (VmRSS) in MiB; 0 when unknown.
    static double residentMib();
    // CPU seconds (user + system, all threads) used so far by this process / by pid.
    static double cpuSeconds();
    static double cpuSeconds(long pid);
};

} // namespace sandbox
