#pragma once

#include "runner_config.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace sandbox {

class RemoteRunner;

struct BenchOptions {
    std::uint64_t streamBytes = 1ULL << 30;
    int execCount = 1000;
    int concurrentExecs = 100;
    int repeat = 1;
    bool streamOnly = false; // only the mTLS stream: a clean run for profilers
    std::string sshTarget;
};

// One round of every figure; a figure left unset was not measured (ssh without a target).
struct BenchNumbers {
    double pipeMibS = 0;
    double cryptoLimitMibS = 0;
    double bareSpawnP50Ms = 0;
    double localSpawnP50Ms = 0;
    double plaintextStreamMibS = 0;
    double streamMibS = 0;
    double clientRssMib = 0;     // sandboxctl's peak RSS (--stream-only: this process's)
    double ctlStreamMibS = 0;    // the mTLS stream through sandboxctl, in its own process
    double clientCpuSPerGib = 0; // CPU seconds per GiB of the mTLS stream: steadier than MiB/s
    double agentCpuSPerGib = 0;  // on a shared machine
    double execP50Ms = 0;
    double execP99Ms = 0;
    double rpcFloorP50Ms = 0; // a warm call the agent refuses (wrong token): no sandbox at all
    double firstExecMs = 0;
    double concurrentExecsS = 0;
    std::optional<double> sshStreamMibS;
    std::optional<double> sshExecP50Ms;
    std::optional<double> sshConcurrentExecsS;
};

// The gRPC figures of sandbox-bench against running agents, through the core client: the
// mTLS + token agent (config) and the plaintext + token one (plaintextConfig).
class BenchRunner {
public:
    // agentPid: the mTLS agent, whose CPU time the stream figures include.
    BenchRunner(RunnerConfig config, RunnerConfig plaintextConfig, BenchOptions options,
                long agentPid)
        : config_(std::move(config))
        , plaintextConfig_(std::move(plaintextConfig))
        , options_(std::move(options))
        , agentPid_(agentPid) {}

    // Fills the gRPC figures of numbers; false sets error.
    bool run(BenchNumbers &numbers, std::string &error);
    // Only stream_mib_s, client_rss_mib (this process's peak) and the CPU per GiB.
    bool runStream(BenchNumbers &numbers, std::string &error);

private:
    std::unique_ptr<RemoteRunner> warmRunner(const RunnerConfig &config, std::string &error) const;
    bool firstExec(double &ms, std::string &error);
    bool warmExecs(double &p50, double &p99, std::string &error);
    bool rpcFloor(double &p50, std::string &error);
    bool concurrentExecs(double &perSecond, std::string &error);
    bool stream(const RunnerConfig &config, double &mibS, BenchNumbers *cpu, bool sampleRss,
                std::string &error);

    RunnerConfig config_;
    RunnerConfig plaintextConfig_;
    BenchOptions options_;
    long agentPid_;
};

} // namespace sandbox
