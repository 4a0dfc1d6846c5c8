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
    std::string sshTarget;
};

struct BenchNumbers {
    double streamMibS = 0;
    double execP50Ms = 0;
    double execP99Ms = 0;
    double firstExecMs = 0;
    std::optional<double> sshStreamMibS;
};

// The measurements of sandbox-bench against one running agent, through the core client.
class BenchRunner {
public:
    BenchRunner(RunnerConfig config, BenchOptions options)
        : config_(std::move(config))
        , options_(std::move(options)) {}

    // False sets error; numbers are valid only on success.
    bool run(BenchNumbers &numbers, std::string &error);

    static std::string toJson(const BenchNumbers &numbers, const BenchOptions &options);

private:
    std::unique_ptr<RemoteRunner> warmRunner(std::string &error) const;
    bool firstExec(double &ms, std::string &error);
    bool warmExecs(double &p50, double &p99, std::string &error);
    bool stream(double &mibS, std::string &error);
    bool sshStream(double &mibS, std::string &error);

    RunnerConfig config_;
    BenchOptions options_;
};

} // namespace sandbox
