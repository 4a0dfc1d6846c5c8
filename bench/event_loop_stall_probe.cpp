#include "event_loop_stall_probe.h"

#include "host_steal_sampler.h"

#include <algorithm>
#include <cstdlib>

#include <fcntl.h>
#include <time.h>
#include <unistd.h>

namespace sandbox {

EventLoopStallProbe::EventLoopStallProbe() {
    timer_.setInterval(1);
    timer_.setTimerType(Qt::PreciseTimer);
    QObject::connect(&timer_, &QTimer::timeout, &timer_, [this] { tick(); });
}

EventLoopStallProbe::~EventLoopStallProbe() {
    if (schedstatFd_ >= 0)
        ::close(schedstatFd_);
}

void EventLoopStallProbe::start() {
    gaps_.clear();
    gaps_.reserve(1 << 16);
    // Opened on the probed thread: thread-self names the caller.
    if (schedstatFd_ < 0)
        schedstatFd_ = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
    lastNs_ = HostStealSampler::monotonicNs();
    lastCpuMs_ = threadCpuMs();
    lastRunQueueMs_ = runQueueMs();
    timer_.start();
}

double EventLoopStallProbe::threadCpuMs() const {
    timespec t{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

// schedstat: "<ns on CPU> <ns waiting on a run queue> <timeslices>"; 0 without it.
double EventLoopStallProbe::runQueueMs() const {
    char text[96];
    const ssize_t n = schedstatFd_ >= 0 ? ::pread(schedstatFd_, text, sizeof text - 1, 0) : -1;
    if (n <= 0)
        return 0;
    text[n] = '\0';
    char *end = nullptr;
    std::strtoull(text, &end, 10);
    return double(std::strtoull(end, nullptr, 10)) / 1e6;
}

void EventLoopStallProbe::stop() {
    if (!timer_.isActive())
        return;
    tick();
    timer_.stop();
}

void EventLoopStallProbe::tick() {
    const std::int64_t now = HostStealSampler::monotonicNs();
    const double cpu = threadCpuMs();
    const double waited = runQueueMs();
    const Gap gap{static_cast<double>(now - lastNs_) / 1e6, cpu - lastCpuMs_,
                  waited - lastRunQueueMs_, now};
    gaps_.push_back(gap);
    lastNs_ = now;
    lastCpuMs_ = cpu;
    lastRunQueueMs_ = waited;
}

EventLoopStallProbe::Gap EventLoopStallProbe::maxGap() const {
    if (gaps_.empty())
        return {};
    return *std::max_element(gaps_.begin(), gaps_.end(),
                             [](const Gap &a, const Gap &b) { return a.ms < b.ms; });
}

std::size_t EventLoopStallProbe::gapsOver(double ms) const {
    return static_cast<std::size_t>(
        std::count_if(gaps_.begin(), gaps_.end(), [ms](const Gap &g) { return g.ms > ms; }));
}

std::size_t EventLoopStallProbe::gapsOverMostlyWaiting(double ms) const {
    return static_cast<std::size_t>(std::count_if(gaps_.begin(), gaps_.end(), [ms](const Gap &g) {
        return g.ms > ms && g.runQueueMs * 2 > g.ms;
    }));
}

double EventLoopStallProbe::maxGapMs() const {
    return maxGap().ms;
}

double EventLoopStallProbe::percentileGapMs(double p) const {
    if (gaps_.empty())
        return 0;
    std::vector<double> sorted;
    sorted.reserve(gaps_.size());
    for (const Gap &gap : gaps_)
        sorted.push_back(gap.ms);
    std::sort(sorted.begin(), sorted.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
}

} // namespace sandbox
