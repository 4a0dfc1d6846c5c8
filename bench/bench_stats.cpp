#include "bench_stats.h"

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace sandbox {

double BenchStats::msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double BenchStats::mibPerSecond(std::uint64_t bytes, double ms) {
    return ms > 0 ? (static_cast<double>(bytes) / (1024.0 * 1024.0)) / (ms / 1000.0) : 0;
}

double BenchStats::percentile(std::vector<double> values, double p) {
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::min(index, values.size() - 1)];
}

double BenchStats::residentMib() {
    std::FILE *statm = std::fopen("/proc/self/statm", "r");
    if (statm == nullptr)
        return 0;
    long pages = 0;
    long resident = 0;
    const int read = std::fscanf(statm, "%ld %ld", &pages, &resident);
    std::fclose(statm);
    if (read != 2)
        return 0;
    return static_cast<double>(resident) * static_cast<double>(::sysconf(_SC_PAGESIZE)) /
           (1024.0 * 1024.0);
}

} // namespace sandbox
