#include "signal_watcher.h"

#include <csignal>
#include <pthread.h>

namespace sandbox::agent {

namespace {

sigset_t watchedSignals() {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGUSR1); // internal: wakes the thread when the watcher is destroyed
    return set;
}

} // namespace

SignalWatcher::SignalWatcher(std::function<void(int)> onSignal) {
    const sigset_t set = watchedSignals();
    pthread_sigmask(SIG_BLOCK, &set, nullptr);
    thread_ = std::thread([set, onSignal = std::move(onSignal)] {
        int sig = 0;
        while (sigwait(&set, &sig) == 0) {
            if (sig == SIGUSR1)
                return;
            onSignal(sig);
        }
    });
}

SignalWatcher::~SignalWatcher() {
    pthread_kill(thread_.native_handle(), SIGUSR1);
    thread_.join();
}

} // namespace sandbox::agent
