#pragma once

#include "bench_runner.h"

#include <string>
#include <vector>

namespace sandbox {

// sandbox-bench's JSON: every figure and the ratios of the targets. Ratios are taken
// within each round (the machine is noisy), then every figure is the median over rounds.
class BenchReport {
public:
    static std::string toJson(const std::vector<BenchNumbers> &rounds, const BenchOptions &options);
};

} // namespace sandbox
