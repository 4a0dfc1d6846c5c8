#pragma once

#include <cstdint>
#include <string>
#include <sys/types.h>
#include <vector>

namespace sandbox {

// The limits the gRPC figures are compared with, measured in this process on this machine:
// a pipe, a bare process start, and OpenSSL's AES-128-GCM.
class LocalReferences {
public:
    // `head -c bytes /dev/zero | cat >/dev/null` under /bin/sh: what a pipe moves.
    static bool pipeMibS(std::uint64_t bytes, double &mibS, std::string &error);
    // posix_spawn of /bin/true and its reaping, count times; the median.
    static bool bareSpawnP50Ms(int count, double &p50, std::string &error);
    // AES-128-GCM encryption of 16 KiB records (TLS 1.3's largest) for about half a second,
    // one core: what TLS costs each side at most.
    static bool cryptoLimitMibS(double &mibS, std::string &error);

    // posix_spawnp of argv with stdin, stdout and stderr on /dev/null; -1 when it cannot.
    static pid_t spawnQuietly(const std::vector<std::string> &argv);
    // Reaps pid; true when it exited 0.
    static bool exitedZero(pid_t pid);
    // spawnQuietly and exitedZero; false with error naming argv[0].
    static bool runQuietly(const std::vector<std::string> &argv, std::string &error);
};

} // namespace sandbox
