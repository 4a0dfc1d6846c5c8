#include "sandbox_spawn_bench.h"

#include "bench_stats.h"
#include "host_process.h"
#include "host_sandbox.h"

#include <cstdlib>
#include <unistd.h>
#include <vector>

namespace sandbox {

using agent::HostProcess;
using agent::HostSandbox;

SandboxSpawnBench::SandboxSpawnBench() = default;
SandboxSpawnBench::~SandboxSpawnBench() = default;

bool SandboxSpawnBench::init(std::string &error) {
    HostSandbox::Config config;
    const char *path = std::getenv("PATH");
    config.bwrapPath = HostSandbox::findBwrap(path ? path : "/usr/bin:/bin");
    if (::geteuid() == 0)
        config.hostUids = std::make_shared<const agent::UidPool>(agent::UidPool::kDefaultBase);
    auto sandbox = std::make_shared<const HostSandbox>(std::move(config));
    if (auto bad = sandbox->probe()) {
        error = "local sandboxed spawn: " + *bad;
        return false;
    }
    sandbox_ = std::move(sandbox);
    return true;
}

bool SandboxSpawnBench::runTrue(std::string &error) const {
    HostSandbox::Request request;
    request.image = "bench";
    request.argv = {"true"};
    bool noHostUid = false;
    auto prepared = sandbox_->prepare(request, &error, &noHostUid);
    if (!prepared)
        return false;
    HostProcess::SpawnError spawnError;
    auto process = HostProcess::spawn(prepared->spec, &spawnError);
    if (!process) {
        error = "local sandboxed spawn: " + spawnError.message;
        return false;
    }
    const auto outcome = process->run([](agent::OutputStream, std::string_view) { return true; },
                                      [] { return false; });
    if (outcome.exitCode != 0) {
        error = "local sandboxed spawn of true: exit " + std::to_string(outcome.exitCode);
        return false;
    }
    return true;
}

bool SandboxSpawnBench::p50Ms(int count, double &p50, std::string &error) const {
    std::vector<double> times;
    for (int i = 0; i < count; ++i) {
        const auto start = BenchStats::Clock::now();
        if (!runTrue(error))
            return false;
        times.push_back(BenchStats::msSince(start));
    }
    p50 = BenchStats::median(std::move(times));
    return true;
}

} // namespace sandbox
