#include "exec_cancellation.h"

namespace sandbox {

void ExecCancellation::cancel() {
    std::function<void()> hook;
    {
        std::lock_guard lock(mutex_);
        if (cancelled_)
            return;
        cancelled_ = true;
        hook = hook_;
    }
    if (hook)
        hook();
}

bool ExecCancellation::isCancelled() const {
    std::lock_guard lock(mutex_);
    return cancelled_;
}

bool ExecCancellation::arm(std::function<void()> hook) {
    {
        std::lock_guard lock(mutex_);
        if (!cancelled_) {
            hook_ = std::move(hook);
            return true;
        }
    }
    hook();
    return false;
}

void ExecCancellation::disarm() {
    std::lock_guard lock(mutex_);
    hook_ = nullptr;
}

} // namespace sandbox
