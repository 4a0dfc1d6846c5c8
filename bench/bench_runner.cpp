#include "bench_runner.h"

#include "bench_stats.h"
#include "remote_runner.h"

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

namespace sandbox {

namespace {

using Clock = BenchStats::Clock;

// Counts bytes and throws them away: the client's receive path is what is measured.
class CountingSink : public ExecSink {
public:
    void onStdout(std::string_view bytes) override { out += bytes.size(); }
    void onStderr(std::string_view bytes) override { err += bytes.size(); }
    std::uint64_t out = 0;
    std::uint64_t err = 0;
};

bool runOnce(RemoteRunner &runner, const std::vector<std::string> &argv, CountingSink &sink,
             std::string &error) {
    ExecRequest request;
    request.argv = argv;
    const ExecResult result = runner.exec(request, sink);
    if (!result.exited() || result.exitCode != 0) {
        error =
            argv.front() + ": " +
            (result.exited() ? "exit " + std::to_string(result.exitCode) : result.error.message);
        return false;
    }
    return true;
}

// Samples this process's RSS every 20 ms until destroyed; peak() is the largest seen.
class RssSampler {
public:
    RssSampler()
        : thread_([this] {
            while (!stop_.load()) {
                const double now = BenchStats::residentMib();
                double seen = peak_.load();
                while (now > seen && !peak_.compare_exchange_weak(seen, now)) {
                }
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
            }
        }) {}
    ~RssSampler() {
        stop_ = true;
        thread_.join();
    }
    double peak() const { return peak_.load(); }

private:
    std::atomic<bool> stop_{false};
    std::atomic<double> peak_{0};
    std::thread thread_;
};

} // namespace

bool BenchRunner::run(BenchNumbers &n, std::string &error) {
    return firstExec(n.firstExecMs, error) &&
           stream(plaintextConfig_, n.plaintextStreamMibS, nullptr, false, error) &&
           stream(config_, n.streamMibS, &n, false, error) &&
           warmExecs(n.execP50Ms, n.execP99Ms, error) && rpcFloor(n.rpcFloorP50Ms, error) &&
           concurrentExecs(n.concurrentExecsS, error);
}

bool BenchRunner::runStream(BenchNumbers &n, std::string &error) {
    return stream(config_, n.streamMibS, &n, true, error);
}

// A new runner: channel creation, TCP + TLS handshake and one exec.
bool BenchRunner::firstExec(double &ms, std::string &error) {
    const auto start = Clock::now();
    auto runner = RemoteRunner::create(config_, error);
    if (!runner)
        return false;
    CountingSink sink;
    if (!runOnce(*runner, {"true"}, sink, error))
        return false;
    ms = BenchStats::msSince(start);
    return true;
}

// A runner that has already connected and run one command, so timings leave that out.
std::unique_ptr<RemoteRunner> BenchRunner::warmRunner(const RunnerConfig &config,
                                                      std::string &error) const {
    auto runner = RemoteRunner::create(config, error);
    CountingSink sink;
    if (!runner || !runOnce(*runner, {"true"}, sink, error))
        return nullptr;
    return runner;
}

bool BenchRunner::warmExecs(double &p50, double &p99, std::string &error) {
    const auto runner = warmRunner(config_, error);
    if (!runner)
        return false;
    CountingSink sink;
    std::vector<double> times;
    times.reserve(static_cast<std::size_t>(options_.execCount));
    for (int i = 0; i < options_.execCount; ++i) {
        const auto start = Clock::now();
        if (!runOnce(*runner, {"true"}, sink, error))
            return false;
        times.push_back(BenchStats::msSince(start));
    }
    p50 = BenchStats::percentile(times, 0.50);
    p99 = BenchStats::percentile(times, 0.99);
    return true;
}

// What an exec costs without the sandbox: the same call over the same warm mTLS channel,
// decoded, logged and refused by the agent's token check (UNAUTHENTICATED) in its handler.
bool BenchRunner::rpcFloor(double &p50, std::string &error) {
    RunnerConfig wrongToken = config_;
    wrongToken.token += "-not-the-token";
    const auto runner = RemoteRunner::create(wrongToken, error);
    if (!runner)
        return false;
    ExecRequest request;
    request.argv = {"true"};
    std::vector<double> times;
    for (int i = 0; i <= options_.execCount; ++i) {
        CountingSink sink;
        const auto start = Clock::now();
        const ExecResult result = runner->exec(request, sink);
        if (result.error.kind != ExecErrorKind::Unauthenticated) {
            error = "rpc floor: expected the agent to refuse a wrong token, got: " +
                    (result.exited() ? "exit " + std::to_string(result.exitCode)
                                     : result.error.message);
            return false;
        }
        if (i > 0) // the first call connects
            times.push_back(BenchStats::msSince(start));
    }
    p50 = BenchStats::percentile(times, 0.50);
    return true;
}

// Many execs of `true` at once from one client (one channel, one thread per call).
bool BenchRunner::concurrentExecs(double &perSecond, std::string &error) {
    const auto runner = warmRunner(config_, error);
    if (!runner)
        return false;
    std::mutex mutex;
    std::string firstError;
    std::vector<std::thread> threads;
    const auto start = Clock::now();
    for (int i = 0; i < options_.concurrentExecs; ++i) {
        threads.emplace_back([&] {
            CountingSink sink;
            std::string callError;
            if (!runOnce(*runner, {"true"}, sink, callError)) {
                std::lock_guard lock(mutex);
                if (firstError.empty())
                    firstError = "concurrent execs: " + callError;
            }
        });
    }
    for (auto &thread : threads)
        thread.join();
    const double ms = BenchStats::msSince(start);
    if (!firstError.empty()) {
        error = firstError;
        return false;
    }
    perSecond = ms > 0 ? options_.concurrentExecs / (ms / 1000.0) : 0;
    return true;
}

bool BenchRunner::stream(const RunnerConfig &config, double &mibS, BenchNumbers *cpu,
                         bool sampleRss, std::string &error) {
    const auto runner = warmRunner(config, error);
    if (!runner)
        return false;
    CountingSink sink;
    std::optional<RssSampler> rss;
    if (sampleRss)
        rss.emplace();
    const double clientCpu = BenchStats::cpuSeconds();
    const double agentCpu = BenchStats::cpuSeconds(agentPid_);
    const auto start = Clock::now();
    if (!runOnce(*runner, {"head", "-c", std::to_string(options_.streamBytes), "/dev/zero"}, sink,
                 error))
        return false;
    const double ms = BenchStats::msSince(start);
    if (sink.out != options_.streamBytes) {
        error = "stream: received " + std::to_string(sink.out) + " bytes, expected " +
                std::to_string(options_.streamBytes);
        return false;
    }
    mibS = BenchStats::mibPerSecond(sink.out, ms);
    if (cpu) {
        const double gib = static_cast<double>(sink.out) / (1ULL << 30);
        cpu->clientCpuSPerGib = (BenchStats::cpuSeconds() - clientCpu) / gib;
        cpu->agentCpuSPerGib = (BenchStats::cpuSeconds(agentPid_) - agentCpu) / gib;
    }
    if (rss && cpu)
        cpu->clientRssMib = rss->peak();
    return true;
}

} // namespace sandbox
