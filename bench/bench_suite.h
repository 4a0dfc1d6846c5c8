#pragma once

#include "bench_runner.h"
#include "ctl_stream_reference.h"
#include "sandbox_spawn_bench.h"
#include "ssh_references.h"

#include <memory>
#include <string>
#include <vector>

namespace sandbox {

// Every figure of sandbox-bench, --repeat rounds interleaved (each round measures all of
// them, so a noisy minute touches every figure of that round alike).
class BenchSuite {
public:
    BenchSuite(RunnerConfig config, RunnerConfig plaintextConfig, BenchOptions options,
               long agentPid, CtlStreamReference ctlStream);

    // False with error; rounds holds what was measured, one entry per finished round.
    bool run(std::vector<BenchNumbers> &rounds, std::string &error);

private:
    bool round(BenchNumbers &n, std::string &error);

    BenchOptions options_;
    BenchRunner grpc_;
    CtlStreamReference ctlStream_;
    SandboxSpawnBench localSpawn_;
    std::unique_ptr<SshReferences> ssh_;
};

} // namespace sandbox
