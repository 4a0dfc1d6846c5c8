#pragma once

#include "bench_runner.h"

#include <string>
#include <vector>

namespace sandbox {

// sandbox-bench's command line: --size, --count, --ssh-target, --agent.
class BenchOptionsParser {
public:
    struct Parsed {
        BenchOptions options;
        std::string agentPath;
        bool help = false;
    };
    static bool parse(const std::vector<std::string> &args, Parsed &out, std::string &error);
    static bool parseSize(const std::string &text, std::uint64_t &bytes);
    static const char *usage();
};

} // namespace sandbox
