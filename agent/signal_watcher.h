#pragma once

#include <functional>
#include <thread>

namespace sandbox::agent {

// Turns SIGINT/SIGTERM into a callback on a dedicated thread (sigwait), so shutdown runs as
// ordinary code instead of inside a signal handler. Construct it before any other thread
// starts: the signals are blocked in the constructing thread and every thread created later.
class SignalWatcher {
public:
    explicit SignalWatcher(std::function<void(int)> onSignal);
    ~SignalWatcher();
    SignalWatcher(const SignalWatcher &) = delete;
    SignalWatcher &operator=(const SignalWatcher &) = delete;

private:
    std::thread thread_;
};

} // namespace sandbox::agent
