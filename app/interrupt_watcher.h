#pragma once

#include "exec_cancellation.h"

#include <atomic>
#include <csignal>
#include <thread>

namespace sandbox {

// Turns SIGINT/SIGTERM/SIGHUP into ExecCancellation::cancel() while it lives. The signal
// handler only writes to a self-pipe; a watcher thread does the cancelling. A second Ctrl+C
// gets the default action, so a stuck exit can still be forced.
class InterruptWatcher {
public:
    explicit InterruptWatcher(ExecCancellation &cancellation);
    ~InterruptWatcher();

    InterruptWatcher(const InterruptWatcher &) = delete;
    InterruptWatcher &operator=(const InterruptWatcher &) = delete;

    // The signal that cancelled the exec, or 0.
    int signalNumber() const { return signal_.load(); }

private:
    static void handler(int signo);
    void watch();

    ExecCancellation &cancellation_;
    std::atomic<int> signal_{0};
    int pipe_[2] = {-1, -1};
    struct sigaction previous_[3] = {};
    std::thread thread_;
};

} // namespace sandbox
