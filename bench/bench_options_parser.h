#pragma once

#include "bench_runner.h"

#include <string>
#include <vector>

namespace sandbox {

// sandbox-bench's command line: --size, --count, --concurrent, --repeat, --ssh-target,
// --agent, --ui.
class BenchOptionsParser {
public:
    static constexpr std::uint64_t kDefaultUiBytes = 200ULL << 20;

    struct Parsed {
        BenchOptions options;
        std::string agentPath;
        bool help = false;
        bool ui = false;      // the console-view flood instead of the client numbers
        bool sizeSet = false; // --size given; otherwise --ui floods kDefaultUiBytes
    };
    static bool parse(const std::vector<std::string> &args, Parsed &out, std::string &error);
    static bool parseSize(const std::string &text, std::uint64_t &bytes);
    static const char *usage();
};

} // namespace sandbox
