#include "bench_suite.h"

#include "local_references.h"

#include <algorithm>
#include <cstdio>

namespace sandbox {

namespace {

// Sequential ssh execs take tens of milliseconds each; their median settles long before.
constexpr int kMaxSshExecs = 100;

} // namespace

BenchSuite::BenchSuite(RunnerConfig config, RunnerConfig plaintextConfig, BenchOptions options,
                       long agentPid, CtlStreamReference ctlStream)
    : options_(options)
    , grpc_(std::move(config), std::move(plaintextConfig), options, agentPid)
    , ctlStream_(std::move(ctlStream)) {}

bool BenchSuite::run(std::vector<BenchNumbers> &rounds, std::string &error) {
    if (!localSpawn_.init(error))
        return false;
    if (!options_.sshTarget.empty()) {
        ssh_ = std::make_unique<SshReferences>(options_.sshTarget);
        if (!ssh_->start(error))
            return false;
    }
    for (int i = 0; i < options_.repeat; ++i) {
        BenchNumbers n;
        if (!round(n, error))
            return false;
        rounds.push_back(n);
        std::fprintf(stderr, "sandbox-bench: round %d of %d done\n", i + 1, options_.repeat);
    }
    return true;
}

bool BenchSuite::round(BenchNumbers &n, std::string &error) {
    if (options_.streamOnly)
        return grpc_.runStream(n, error);
    const std::uint64_t bytes = options_.streamBytes;
    const int count = options_.execCount;
    if (!LocalReferences::pipeMibS(bytes, n.pipeMibS, error) ||
        !LocalReferences::cryptoLimitMibS(n.cryptoLimitMibS, error) ||
        !LocalReferences::bareSpawnP50Ms(count, n.bareSpawnP50Ms, error) ||
        !localSpawn_.p50Ms(count, n.localSpawnP50Ms, error) || !grpc_.run(n, error) ||
        !ctlStream_.run(bytes, n.ctlStreamMibS, n.clientRssMib, error))
        return false;
    if (!ssh_)
        return true;
    double stream = 0, execP50 = 0, concurrent = 0;
    if (!ssh_->streamMibS(bytes, stream, error) ||
        !ssh_->execP50Ms(std::min(count, kMaxSshExecs), execP50, error) ||
        !ssh_->concurrentExecsS(options_.concurrentExecs, concurrent, error))
        return false;
    n.sshStreamMibS = stream;
    n.sshExecP50Ms = execP50;
    n.sshConcurrentExecsS = concurrent;
    return true;
}

} // namespace sandbox
