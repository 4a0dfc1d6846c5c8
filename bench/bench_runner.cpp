#include "bench_runner.h"

#include "remote_runner.h"

#include <QProcess>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace sandbox {

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double mibPerSecond(std::uint64_t bytes, double ms) {
    return ms > 0 ? (static_cast<double>(bytes) / (1024.0 * 1024.0)) / (ms / 1000.0) : 0;
}

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

double percentile(std::vector<double> sorted, double p) {
    if (sorted.empty())
        return 0;
    std::sort(sorted.begin(), sorted.end());
    const auto index = static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1) + 0.5);
    return sorted[std::min(index, sorted.size() - 1)];
}

std::string number(double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", value);
    return buf;
}

} // namespace

bool BenchRunner::run(BenchNumbers &n, std::string &error) {
    if (!firstExec(n.firstExecMs, error) || !warmExecs(n.execP50Ms, n.execP99Ms, error) ||
        !stream(n.streamMibS, error))
        return false;
    if (!options_.sshTarget.empty()) {
        double ssh = 0;
        if (!sshStream(ssh, error))
            return false;
        n.sshStreamMibS = ssh;
    }
    return true;
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
    ms = msSince(start);
    return true;
}

// A runner that has already connected and run one command, so timings leave that out.
std::unique_ptr<RemoteRunner> BenchRunner::warmRunner(std::string &error) const {
    auto runner = RemoteRunner::create(config_, error);
    CountingSink sink;
    if (!runner || !runOnce(*runner, {"true"}, sink, error))
        return nullptr;
    return runner;
}

bool BenchRunner::warmExecs(double &p50, double &p99, std::string &error) {
    const auto runner = warmRunner(error);
    if (!runner)
        return false;
    CountingSink sink;
    std::vector<double> times;
    times.reserve(static_cast<std::size_t>(options_.execCount));
    for (int i = 0; i < options_.execCount; ++i) {
        const auto start = Clock::now();
        if (!runOnce(*runner, {"true"}, sink, error))
            return false;
        times.push_back(msSince(start));
    }
    p50 = percentile(times, 0.50);
    p99 = percentile(times, 0.99);
    return true;
}

bool BenchRunner::stream(double &mibS, std::string &error) {
    const auto runner = warmRunner(error);
    if (!runner)
        return false;
    CountingSink sink;
    const auto start = Clock::now();
    if (!runOnce(*runner, {"head", "-c", std::to_string(options_.streamBytes), "/dev/zero"}, sink,
                 error))
        return false;
    const double ms = msSince(start);
    if (sink.out != options_.streamBytes) {
        error = "stream: received " + std::to_string(sink.out) + " bytes, expected " +
                std::to_string(options_.streamBytes);
        return false;
    }
    mibS = mibPerSecond(sink.out, ms);
    return true;
}

bool BenchRunner::sshStream(double &mibS, std::string &error) {
    QProcess ssh;
    ssh.setStandardErrorFile(QProcess::nullDevice());
    const auto start = Clock::now();
    ssh.start(QStringLiteral("ssh"),
              {QStringLiteral("-o"), QStringLiteral("BatchMode=yes"),
               QString::fromStdString(options_.sshTarget), QStringLiteral("head"),
               QStringLiteral("-c"), QString::number(options_.streamBytes),
               QStringLiteral("/dev/zero")});
    std::uint64_t received = 0;
    while (ssh.waitForReadyRead(30000) || ssh.bytesAvailable() > 0)
        received += static_cast<std::uint64_t>(ssh.readAll().size());
    ssh.waitForFinished(30000);
    const double ms = msSince(start);
    if (received != options_.streamBytes) {
        error = "ssh " + options_.sshTarget + ": received " + std::to_string(received) +
                " bytes, expected " + std::to_string(options_.streamBytes) + " (" +
                ssh.errorString().toStdString() + ")";
        return false;
    }
    mibS = mibPerSecond(received, ms);
    return true;
}

std::string BenchRunner::toJson(const BenchNumbers &n, const BenchOptions &o) {
    std::string json = "{\"stream_bytes\": " + std::to_string(o.streamBytes) +
                       ", \"exec_count\": " + std::to_string(o.execCount) +
                       ", \"stream_mib_s\": " + number(n.streamMibS) +
                       ", \"exec_p50_ms\": " + number(n.execP50Ms) +
                       ", \"exec_p99_ms\": " + number(n.execP99Ms) +
                       ", \"first_exec_ms\": " + number(n.firstExecMs);
    if (n.sshStreamMibS)
        json += ", \"ssh_stream_mib_s\": " + number(*n.sshStreamMibS) +
                ", \"grpc_to_ssh_ratio\": " +
                number(*n.sshStreamMibS > 0 ? n.streamMibS / *n.sshStreamMibS : 0);
    return json + "}\n";
}

} // namespace sandbox
