#pragma once

#include <cstdint>
#include <string>

namespace sandbox {

// The stream through sandboxctl, the shipped command-line client, in a process of its own:
// its peak RSS is the client's memory during the stream alone (the bench process also holds
// what its other measurements left behind). The token reaches the child through an
// environment variable (--token-env), never its command line.
class CtlStreamReference {
public:
    struct Setup {
        std::string ctlPath;
        std::string address;
        std::string caFile;
        std::string certFile;
        std::string keyFile;
        std::string token;
    };
    explicit CtlStreamReference(Setup setup)
        : setup_(std::move(setup)) {}

    // `sandboxctl exec … -- head -c bytes /dev/zero` with stdout on /dev/null: its rate and
    // the child's peak RSS (VmHWM, read every 10 ms while it runs).
    bool run(std::uint64_t bytes, double &mibS, double &peakRssMib, std::string &error) const;

private:
    Setup setup_;
};

} // namespace sandbox
