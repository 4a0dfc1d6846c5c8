#include "exec_watchdog.h"

namespace sandbox::agent {

ExecWatchdog::ExecWatchdog(std::chrono::milliseconds after, std::function<void()> onExpiry) {
    thread_ = std::thread([this, after, onExpiry = std::move(onExpiry)] {
        std::unique_lock lock(mutex_);
        if (wake_.wait_for(lock, after, [this] { return stopped_; }))
            return;
        fired_ = true;
        lock.unlock();
        onExpiry();
    });
}

ExecWatchdog::~ExecWatchdog() {
    stop();
    thread_.join();
}

void ExecWatchdog::stop() {
    {
        std::lock_guard lock(mutex_);
        stopped_ = true;
    }
    wake_.notify_all();
}

bool ExecWatchdog::fired() const {
    std::lock_guard lock(mutex_);
    return fired_;
}

} // namespace sandbox::agent
