#include "local_references.h"

#include "bench_stats.h"

#include <openssl/evp.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <vector>

extern char **environ;

namespace sandbox {

namespace {

using Clock = BenchStats::Clock;

struct CipherContext {
    EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
    ~CipherContext() { EVP_CIPHER_CTX_free(ctx); }
};

} // namespace

pid_t LocalReferences::spawnQuietly(const std::vector<std::string> &argv) {
    std::vector<char *> args;
    for (const auto &arg : argv)
        args.push_back(const_cast<char *>(arg.c_str()));
    args.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    for (int fd : {0, 1, 2})
        posix_spawn_file_actions_addopen(&actions, fd, "/dev/null", fd == 0 ? O_RDONLY : O_WRONLY,
                                         0);
    pid_t pid = 0;
    const int rc = ::posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return rc == 0 ? pid : -1;
}

bool LocalReferences::exitedZero(pid_t pid) {
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return false;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

bool LocalReferences::runQuietly(const std::vector<std::string> &argv, std::string &error) {
    const pid_t pid = spawnQuietly(argv);
    if (pid < 0) {
        error = "cannot start " + argv.front();
        return false;
    }
    if (!exitedZero(pid)) {
        error = argv.front() + " failed";
        return false;
    }
    return true;
}

bool LocalReferences::pipeMibS(std::uint64_t bytes, double &mibS, std::string &error) {
    const auto start = Clock::now();
    if (!runQuietly(
            {"/bin/sh", "-c", "head -c " + std::to_string(bytes) + " /dev/zero | cat >/dev/null"},
            error))
        return false;
    mibS = BenchStats::mibPerSecond(bytes, BenchStats::msSince(start));
    return true;
}

bool LocalReferences::bareSpawnP50Ms(int count, double &p50, std::string &error) {
    std::vector<double> times;
    for (int i = 0; i < count; ++i) {
        const auto start = Clock::now();
        if (!runQuietly({"/bin/true"}, error))
            return false;
        times.push_back(BenchStats::msSince(start));
    }
    p50 = BenchStats::median(std::move(times));
    return true;
}

bool LocalReferences::cryptoLimitMibS(double &mibS, std::string &error) {
    constexpr int kRecord = 16 * 1024;
    std::vector<unsigned char> in(kRecord, 0x5a);
    std::vector<unsigned char> out(kRecord + 16);
    unsigned char key[16] = {1};
    unsigned char iv[12] = {2};
    unsigned char tag[16];
    CipherContext c;
    if (c.ctx == nullptr || EVP_EncryptInit_ex(c.ctx, EVP_aes_128_gcm(), nullptr, key, iv) != 1) {
        error = "OpenSSL has no AES-128-GCM";
        return false;
    }
    std::uint64_t bytes = 0;
    const auto start = Clock::now();
    double ms = 0;
    while ((ms = BenchStats::msSince(start)) < 500) {
        for (int i = 0; i < 64; ++i) {
            int len = 0;
            EVP_EncryptInit_ex(c.ctx, nullptr, nullptr, nullptr, iv);
            EVP_EncryptUpdate(c.ctx, out.data(), &len, in.data(), kRecord);
            EVP_EncryptFinal_ex(c.ctx, out.data() + len, &len);
            EVP_CIPHER_CTX_ctrl(c.ctx, EVP_CTRL_GCM_GET_TAG, sizeof tag, tag);
            bytes += kRecord;
        }
    }
    mibS = BenchStats::mibPerSecond(bytes, ms);
    return true;
}

} // namespace sandbox
