#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace sandbox::agent {

// Limits the host runtime applies with setrlimit, plus the wall-clock timeout.
struct HostLimits {
    std::uint64_t cpuSeconds = 0;        // RLIMIT_CPU
    std::uint64_t addressSpaceBytes = 0; // RLIMIT_AS
    std::uint64_t processes = 0;         // extra tasks on top of what the user already runs
    std::chrono::milliseconds timeout{0};
    std::uint64_t tmpfsBytes = 0; // size of the sandbox's private /tmp (bubblewrap runtime)
};

// A security profile after clamping. Requests may name anything; the agent only ever runs
// "strict" or "standard" (wire contract item 6). "permissive" exists for the docker argument
// mapping only and is never reached through clamp().
class SecurityProfile {
public:
    enum class Level { Strict, Standard, Permissive };

    static SecurityProfile clamp(std::string_view requested);
    static SecurityProfile permissive() { return SecurityProfile(Level::Permissive); }

    Level level() const { return level_; }
    std::string name() const;
    HostLimits hostLimits() const;

private:
    explicit SecurityProfile(Level level)
        : level_(level) {}

    Level level_;
};

} // namespace sandbox::agent
