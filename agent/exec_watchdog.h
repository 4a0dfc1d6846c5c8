#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace sandbox::agent {

// Fires a callback once, on its own thread, unless stopped before the deadline. The exec
// service uses it to cancel a call whose client stopped reading: the blocked Write would
// otherwise keep the command's own timeout from ever being checked.
class ExecWatchdog {
public:
    ExecWatchdog(std::chrono::milliseconds after, std::function<void()> onExpiry);
    ~ExecWatchdog(); // stops it and joins the thread
    ExecWatchdog(const ExecWatchdog &) = delete;
    ExecWatchdog &operator=(const ExecWatchdog &) = delete;

    void stop();
    bool fired() const;

private:
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    bool stopped_ = false;
    bool fired_ = false;
    std::thread thread_;
};

} // namespace sandbox::agent
