#pragma once

#include <functional>
#include <mutex>

namespace sandbox {

// Lets any thread cancel an exec that runs on another. cancel() may come before, during
// or after the exec; an exec that starts after cancel() returns Cancelled at once.
class ExecCancellation {
public:
    void cancel();
    bool isCancelled() const;

    // Used by the runner: registers what cancel() must do while an exec is in flight.
    // If already cancelled, calls hook immediately. Returns false in that case.
    bool arm(std::function<void()> hook);
    void disarm();

private:
    mutable std::mutex mutex_;
    std::function<void()> hook_;
    bool cancelled_ = false;
};

} // namespace sandbox
