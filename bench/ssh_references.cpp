#include "ssh_references.h"

#include "bench_stats.h"
#include "local_references.h"

#include <thread>

namespace sandbox {

using Clock = BenchStats::Clock;

SshReferences::~SshReferences() {
    if (master_.state() == QProcess::NotRunning)
        return;
    std::string ignored;
    LocalReferences::runQuietly({"ssh", "-S", controlPath_, "-O", "exit", target_}, ignored);
    if (!master_.waitForFinished(3000)) {
        master_.kill();
        master_.waitForFinished(2000);
    }
}

std::vector<std::string> SshReferences::viaMaster(std::vector<std::string> command) const {
    std::vector<std::string> argv = {"ssh", "-o",         "BatchMode=yes", "-o", "ControlMaster=no",
                                     "-S",  controlPath_, target_};
    argv.insert(argv.end(), command.begin(), command.end());
    return argv;
}

bool SshReferences::start(std::string &error) {
    controlPath_ = dir_.filePath(QStringLiteral("cm")).toStdString();
    master_.setStandardErrorFile(dir_.filePath(QStringLiteral("master.log")));
    master_.start(QStringLiteral("ssh"),
                  {QStringLiteral("-o"), QStringLiteral("BatchMode=yes"), QStringLiteral("-M"),
                   QStringLiteral("-N"), QStringLiteral("-S"), QString::fromStdString(controlPath_),
                   QString::fromStdString(target_)});
    const auto giveUp = Clock::now() + std::chrono::seconds(20);
    std::string ignored;
    while (Clock::now() < giveUp && master_.state() != QProcess::NotRunning) {
        if (LocalReferences::runQuietly({"ssh", "-S", controlPath_, "-O", "check", target_},
                                        ignored))
            return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    error = "ssh " + target_ +
            ": no ControlMaster (key-based login in BatchMode failed? see README, Benchmarks)";
    return false;
}

bool SshReferences::streamMibS(std::uint64_t bytes, double &mibS, std::string &error) const {
    QProcess ssh;
    ssh.setStandardErrorFile(QProcess::nullDevice());
    const auto start = Clock::now();
    ssh.start(QStringLiteral("ssh"),
              {QStringLiteral("-o"), QStringLiteral("BatchMode=yes"),
               QString::fromStdString(target_), QStringLiteral("head"), QStringLiteral("-c"),
               QString::number(bytes), QStringLiteral("/dev/zero")});
    std::uint64_t received = 0;
    while (ssh.waitForReadyRead(30000) || ssh.bytesAvailable() > 0)
        received += static_cast<std::uint64_t>(ssh.readAll().size());
    ssh.waitForFinished(30000);
    const double ms = BenchStats::msSince(start);
    if (received != bytes) {
        error = "ssh " + target_ + ": received " + std::to_string(received) + " bytes, expected " +
                std::to_string(bytes) + " (" + ssh.errorString().toStdString() + ")";
        return false;
    }
    mibS = BenchStats::mibPerSecond(received, ms);
    return true;
}

bool SshReferences::execP50Ms(int count, double &p50, std::string &error) const {
    std::vector<double> times;
    const auto argv = viaMaster({"true"});
    for (int i = 0; i < count; ++i) {
        const auto start = Clock::now();
        if (!LocalReferences::runQuietly(argv, error))
            return false;
        times.push_back(BenchStats::msSince(start));
    }
    p50 = BenchStats::median(std::move(times));
    return true;
}

bool SshReferences::concurrentExecsS(int n, double &perSecond, std::string &error) const {
    const auto argv = viaMaster({"true"});
    std::vector<pid_t> pids;
    const auto start = Clock::now();
    for (int i = 0; i < n; ++i)
        pids.push_back(LocalReferences::spawnQuietly(argv));
    int failed = 0;
    for (pid_t pid : pids)
        failed += pid < 0 || !LocalReferences::exitedZero(pid);
    const double ms = BenchStats::msSince(start);
    if (failed > 0) {
        error = "ssh " + target_ + ": " + std::to_string(failed) + " of " + std::to_string(n) +
                " concurrent sessions failed (sshd's MaxSessions must allow " + std::to_string(n) +
                "; see README, Benchmarks)";
        return false;
    }
    perSecond = ms > 0 ? n / (ms / 1000.0) : 0;
    return true;
}

} // namespace sandbox
