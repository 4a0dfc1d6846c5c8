#pragma once

#include "image_roots.h"
#include "process_spec.h"
#include "security_profile.h"
#include "uid_pool.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <sys/types.h>
#include <vector>

namespace sandbox::agent {

// The default host runtime: every command runs inside bubblewrap (see BwrapCommand), as an
// unprivileged uid, on the image's root directory (or the host's root) read-only.
class HostSandbox {
public:
    struct Config {
        std::string bwrapPath; // absolute path of bwrap
        uid_t uid = 65534;     // the command's uid inside the sandbox
        // Root agent only: each sandbox runs as its own host uid from here (see UidPool).
        std::shared_ptr<const UidPool> hostUids;
        std::vector<std::string> hidden; // agent files commands must not read
        ImageRoots images;
    };

    struct Request {
        std::string image;
        std::vector<std::string> argv;
        std::map<std::string, std::string> env; // after secret resolution
        std::string workdir;
        SecurityProfile profile = SecurityProfile::clamp("standard");
    };

    struct Prepared {
        ProcessSpec spec;
        std::string preamble;        // stderr text sent before the command's output
        std::optional<int> exitCode; // set: do not run, answer this exit code (127)
        // The host uid spec.runAs names; hold it until the sandbox has been reaped.
        std::optional<UidPool::Lease> hostUid;
    };

    explicit HostSandbox(Config config);

    // Paths a command started as uid could reach on this host: what a root agent must hide
    // (bubblewrap, running as that uid, could not even mount over the others).
    static std::vector<std::string> reachable(const std::vector<std::string> &paths, uid_t uid);
    // bwrap on searchPath (then /usr/bin), or empty.
    static std::string findBwrap(const std::string &searchPath);
    // Runs `true` in a strict sandbox; nullopt when that works, otherwise why not, naming the
    // package and the opt-out.
    std::optional<std::string> probe() const;
    // nullopt with *error when the request is at fault (image, workdir), or with *noHostUid
    // set when no host uid is free (the agent is busy, not the request at fault).
    std::optional<Prepared> prepare(const Request &request, std::string *error,
                                    bool *noHostUid) const;

    const Config &config() const { return config_; }

private:
    ProcessSpec specFor(const std::vector<std::string> &bwrapArgs,
                        const std::vector<std::string> &command, const SecurityProfile &profile,
                        const std::optional<UidPool::Lease> &hostUid) const;
    void announceHostRoot(const std::string &image) const;

    Config config_;
    mutable std::mutex mutex_;
    mutable std::set<std::string> announced_; // unknown images already logged
};

} // namespace sandbox::agent
