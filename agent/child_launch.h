#pragma once

#include "process_spec.h"

#include <optional>
#include <string>
#include <sys/resource.h>
#include <vector>

namespace sandbox::agent {

// Everything the forked child needs, prepared in the parent: after fork() in a threaded
// process the child may only make async-signal-safe calls, so no allocation happens there.
class ChildLaunch {
public:
    // Creates the fd 3 data file when the spec has one; check ok() before forking.
    explicit ChildLaunch(const ProcessSpec &spec);
    ~ChildLaunch();
    ChildLaunch(const ChildLaunch &) = delete;
    ChildLaunch &operator=(const ChildLaunch &) = delete;

    bool ok() const { return setupError_.empty(); }
    const std::string &setupError() const { return setupError_; }

    // Runs in the child: own session and process group, stdin /dev/null, stdout/stderr to the
    // given pipes, every other fd closed, workdir, limits, then exec. Never returns; when
    // nothing can be executed it reports like a shell does (127 not found, 126 not runnable).
    // infoFd: placed on fd 4 when >= 0 (see ProcessSpec::infoPipeOnFd4).
    [[noreturn]] void execInChild(int stdoutFd, int stderrFd, int infoFd) const noexcept;

private:
    struct Limit {
        int resource;
        rlimit value;
    };

    static std::vector<char *> pointers(std::vector<std::string> &strings);
    void prepareLimits(const HostLimits &limits, uid_t taskOwner);
    void prepareFd3(const std::string &data);
    void dropPrivileges() const noexcept;
    void writeError(const std::string &message) const noexcept;

    std::vector<std::string> argvStore_;
    std::vector<std::string> envStore_;
    std::vector<std::string> candidates_; // full paths to try, in PATH order
    std::vector<char *> argv_;
    std::vector<char *> envp_;
    std::string workdir_;
    std::vector<Limit> limits_;
    std::string notFound_;
    std::string notExecutable_;
    std::string tooLong_;
    int fd3_ = -1;
    std::optional<uid_t> runAs_;
    std::string setupError_;
};

} // namespace sandbox::agent
