#include "security_profile.h"

namespace sandbox::agent {

namespace {
constexpr std::uint64_t kMiB = 1024ull * 1024ull;
constexpr std::chrono::minutes kTimeout{5};
} // namespace

SecurityProfile SecurityProfile::clamp(std::string_view requested) {
    return SecurityProfile(requested == "strict" ? Level::Strict : Level::Standard);
}

std::string SecurityProfile::name() const {
    switch (level_) {
    case Level::Strict:
        return "strict";
    case Level::Standard:
        return "standard";
    case Level::Permissive:
        return "permissive";
    }
    return "standard";
}

// The container profiles cap memory at 256 MiB; setrlimit can only cap address space, which
// counts reservations too (glibc arenas, thread stacks), so the host caps are looser than
// the container's resident-memory limit or ordinary programs would fail to start.
HostLimits SecurityProfile::hostLimits() const {
    switch (level_) {
    case Level::Strict:
        return {300, 1024 * kMiB, 64, kTimeout, 64 * kMiB};
    case Level::Standard:
        return {300, 4096 * kMiB, 64, kTimeout, 512 * kMiB};
    case Level::Permissive:
        return {0, 0, 0, kTimeout, 512 * kMiB};
    }
    return {};
}

} // namespace sandbox::agent
