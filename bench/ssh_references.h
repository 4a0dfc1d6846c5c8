#pragma once

#include <QProcess>
#include <QTemporaryDir>

#include <cstdint>
#include <string>
#include <vector>

namespace sandbox {

// OpenSSH to --ssh-target as the reference: a stream through a new connection, and execs
// of `true` over one ControlMaster (what a tuned ssh user has). BatchMode: keys, no prompts.
class SshReferences {
public:
    explicit SshReferences(std::string target)
        : target_(std::move(target)) {}
    ~SshReferences();

    SshReferences(const SshReferences &) = delete;
    SshReferences &operator=(const SshReferences &) = delete;

    // Starts the ControlMaster; false with error when ssh cannot log in.
    bool start(std::string &error);
    // `ssh TARGET head -c bytes /dev/zero` into this process.
    bool streamMibS(std::uint64_t bytes, double &mibS, std::string &error) const;
    // count sequential `ssh TARGET true` over the master; the median.
    bool execP50Ms(int count, double &p50, std::string &error) const;
    // n `ssh TARGET true` at once over the master (sshd's MaxSessions must allow n).
    bool concurrentExecsS(int n, double &perSecond, std::string &error) const;

private:
    std::vector<std::string> viaMaster(std::vector<std::string> command) const;

    std::string target_;
    QTemporaryDir dir_;
    std::string controlPath_;
    QProcess master_;
};

} // namespace sandbox
