#pragma once

#include <optional>
#include <string>
#include <sys/types.h>

namespace sandbox::agent {

// Host uids for a root agent's sandboxes, one per running sandbox: RLIMIT_NPROC counts the
// tasks of a real uid across the whole host, so a shared uid would make every sandbox share
// one pid budget (and a fork bomb starve the others). A uid is claimed with an flock on
// LOCKDIR/UID, which also keeps other agents on this host (same range) off it, and is freed
// when the lease is destroyed (after the sandbox was reaped) or the agent dies.
class UidPool {
public:
    static constexpr uid_t kDefaultBase = 1879048192; // 0x70000000, unused by systemd
    static constexpr unsigned kSize = 65536;
    static constexpr const char *kLockDir = "/run/sandbox-agent/uids";

    class Lease {
    public:
        Lease(uid_t uid, int fd)
            : uid_(uid)
            , fd_(fd) {}
        Lease(Lease &&other) noexcept;
        Lease &operator=(Lease &&other) noexcept;
        Lease(const Lease &) = delete;
        Lease &operator=(const Lease &) = delete;
        ~Lease();
        uid_t uid() const { return uid_; }

    private:
        uid_t uid_;
        int fd_;
    };

    UidPool(uid_t base, std::string lockDir = kLockDir);

    // Creates the lock directory (root only, 0700); nullopt when ready, otherwise why not.
    std::optional<std::string> init() const;
    // The lowest uid of the range no sandbox on this host holds; nullopt with *error when all
    // are taken or the lock directory is unusable.
    std::optional<Lease> acquire(std::string *error) const;

    uid_t base() const { return base_; }

private:
    uid_t base_;
    std::string lockDir_;
};

} // namespace sandbox::agent
