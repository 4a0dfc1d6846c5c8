#include "host_steal_sampler.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

namespace sandbox {

HostStealSampler::HostStealSampler() {
    fd_ = ::open("/proc/stat", O_RDONLY | O_CLOEXEC);
    const long hz = ::sysconf(_SC_CLK_TCK);
    if (hz > 0)
        ticksPerSecond_ = hz;
}

HostStealSampler::~HostStealSampler() {
    stop();
    if (fd_ >= 0)
        ::close(fd_);
}

std::int64_t HostStealSampler::monotonicNs() {
    timespec t{};
    ::clock_gettime(CLOCK_MONOTONIC, &t);
    return std::int64_t(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

void HostStealSampler::start() {
    stop();
    {
        std::lock_guard lock(mutex_);
        samples_.clear();
    }
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void HostStealSampler::stop() {
    if (!thread_.joinable())
        return;
    stopping_ = true;
    thread_.join();
}

// "cpuN user nice system idle iowait irq softirq steal ...": the per-CPU lines' 8th value.
bool HostStealSampler::read(std::vector<std::uint64_t> &ticks) const {
    char text[16384];
    const ssize_t n = fd_ >= 0 ? ::pread(fd_, text, sizeof text - 1, 0) : -1;
    if (n <= 0)
        return false;
    text[n] = '\0';
    ticks.clear();
    for (char *line = text; std::strncmp(line, "cpu", 3) == 0;) { // the CPU lines come first
        char *next = std::strchr(line, '\n');
        if (line[3] != ' ') { // not the all-CPU sum
            char *field = line;
            for (int i = 0; i < 8 && field; ++i)
                field = std::strchr(field + 1, ' ');
            if (!field)
                return false;
            ticks.push_back(std::strtoull(field, nullptr, 10));
        }
        if (!next)
            break;
        line = next + 1;
    }
    return !ticks.empty();
}

void HostStealSampler::run() {
    std::vector<std::uint64_t> ticks;
    while (!stopping_) {
        if (read(ticks)) {
            std::lock_guard lock(mutex_);
            if (samples_.empty() || samples_.back().stealTicks != ticks)
                samples_.push_back({monotonicNs(), ticks});
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
}

double HostStealSampler::stolenMs(std::int64_t beginNs, std::int64_t endNs) const {
    std::lock_guard lock(mutex_);
    const auto at = [this](std::int64_t ns) { // the last sample taken at or before ns
        auto it = std::upper_bound(samples_.begin(), samples_.end(), ns,
                                   [](std::int64_t t, const Sample &s) { return t < s.ns; });
        return it == samples_.begin() ? samples_.end() : it - 1;
    };
    const auto before = at(beginNs);
    const auto after = at(endNs + kBookingDelayNs);
    if (before == samples_.end() || after == samples_.end() || before == after)
        return 0;
    std::uint64_t most = 0;
    for (std::size_t cpu = 0; cpu < before->stealTicks.size() && cpu < after->stealTicks.size();
         ++cpu)
        most = std::max(most, after->stealTicks[cpu] - before->stealTicks[cpu]);
    return double(most) * 1000.0 / double(ticksPerSecond_);
}

} // namespace sandbox
