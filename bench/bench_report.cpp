#include "bench_report.h"

#include "bench_stats.h"

#include <cstdio>
#include <functional>

namespace sandbox {

namespace {

using Figure = std::function<std::optional<double>(const BenchNumbers &)>;

std::optional<double> ratio(double a, std::optional<double> b) {
    if (!b || *b <= 0)
        return std::nullopt;
    return a / *b;
}

// The figures in print order; each one a value per round, or nothing when not measured.
const std::vector<std::pair<const char *, Figure>> &figures() {
    static const std::vector<std::pair<const char *, Figure>> list = {
        {"pipe_mib_s",
         [](const BenchNumbers &n) {
             return n.pipeMibS;
         }},
        {"crypto_limit_mib_s",
         [](const BenchNumbers &n) {
             return n.cryptoLimitMibS;
         }},
        {"plaintext_stream_mib_s",
         [](const BenchNumbers &n) {
             return n.plaintextStreamMibS;
         }},
        {"stream_mib_s",
         [](const BenchNumbers &n) {
             return n.streamMibS;
         }},
        {"ssh_stream_mib_s",
         [](const BenchNumbers &n) {
             return n.sshStreamMibS;
         }},
        {"grpc_to_ssh_ratio",
         [](const BenchNumbers &n) {
             return ratio(n.streamMibS, n.sshStreamMibS);
         }},
        {"tls_cost_ratio",
         [](const BenchNumbers &n) {
             return ratio(n.streamMibS, n.plaintextStreamMibS);
         }},
        {"ctl_stream_mib_s",
         [](const BenchNumbers &n) {
             return n.ctlStreamMibS;
         }},
        {"client_rss_mib",
         [](const BenchNumbers &n) {
             return n.clientRssMib;
         }},
        {"client_cpu_s_per_gib",
         [](const BenchNumbers &n) {
             return n.clientCpuSPerGib;
         }},
        {"agent_cpu_s_per_gib",
         [](const BenchNumbers &n) {
             return n.agentCpuSPerGib;
         }},
        {"bare_spawn_p50_ms",
         [](const BenchNumbers &n) {
             return n.bareSpawnP50Ms;
         }},
        {"local_spawn_p50_ms",
         [](const BenchNumbers &n) {
             return n.localSpawnP50Ms;
         }},
        {"exec_p50_ms",
         [](const BenchNumbers &n) {
             return n.execP50Ms;
         }},
        {"exec_p99_ms",
         [](const BenchNumbers &n) {
             return n.execP99Ms;
         }},
        {"rpc_floor_p50_ms",
         [](const BenchNumbers &n) {
             return n.rpcFloorP50Ms;
         }},
        {"exec_over_local_spawn_ms",
         [](const BenchNumbers &n) -> std::optional<double> {
             return n.execP50Ms - n.localSpawnP50Ms;
         }},
        {"exec_p99_to_p50_ratio",
         [](const BenchNumbers &n) {
             return ratio(n.execP99Ms, n.execP50Ms);
         }},
        {"first_exec_ms",
         [](const BenchNumbers &n) {
             return n.firstExecMs;
         }},
        {"ssh_exec_p50_ms",
         [](const BenchNumbers &n) {
             return n.sshExecP50Ms;
         }},
        {"concurrent_execs_s",
         [](const BenchNumbers &n) {
             return n.concurrentExecsS;
         }},
        {"ssh_concurrent_execs_s",
         [](const BenchNumbers &n) {
             return n.sshConcurrentExecsS;
         }},
        {"concurrent_to_ssh_ratio",
         [](const BenchNumbers &n) {
             return ratio(n.concurrentExecsS, n.sshConcurrentExecsS);
         }},
    };
    return list;
}

std::string number(double value) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", value);
    return buf;
}

} // namespace

std::string BenchReport::toJson(const std::vector<BenchNumbers> &rounds, const BenchOptions &o) {
    std::string json = "{\"stream_bytes\": " + std::to_string(o.streamBytes) +
                       ", \"exec_count\": " + std::to_string(o.execCount) +
                       ", \"concurrent_execs\": " + std::to_string(o.concurrentExecs) +
                       ", \"rounds\": " + std::to_string(rounds.size());
    for (const auto &[name, figure] : figures()) {
        const std::string key = name;
        if (o.streamOnly && key != "stream_mib_s" && key != "client_rss_mib" &&
            key.find("cpu_s_per_gib") == std::string::npos)
            continue;
        std::vector<double> values;
        for (const BenchNumbers &round : rounds) {
            if (const auto value = figure(round))
                values.push_back(*value);
        }
        if (!values.empty())
            json += std::string(", \"") + name + "\": " + number(BenchStats::median(values));
    }
    return json + "}\n";
}

} // namespace sandbox
