#include "interrupt_watcher.h"

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace sandbox {

namespace {

constexpr int kSignals[3] = {SIGINT, SIGTERM, SIGHUP};
// Written by the handler, which may only touch async-signal-safe state.
volatile std::sig_atomic_t gWriteFd = -1;

} // namespace

void InterruptWatcher::handler(int signo) {
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(signo);
    if (gWriteFd >= 0) [[maybe_unused]]
        auto n = ::write(gWriteFd, &byte, 1);
    errno = saved;
}

InterruptWatcher::InterruptWatcher(ExecCancellation &cancellation)
    : cancellation_(cancellation) {
    if (::pipe2(pipe_, O_CLOEXEC) != 0)
        return; // no Ctrl+C cancel, but the exec still runs
    gWriteFd = pipe_[1];
    struct sigaction action = {};
    action.sa_handler = &InterruptWatcher::handler;
    action.sa_flags = SA_RESETHAND | SA_RESTART;
    sigemptyset(&action.sa_mask);
    for (int i = 0; i < 3; ++i)
        sigaction(kSignals[i], &action, &previous_[i]);
    thread_ = std::thread(&InterruptWatcher::watch, this);
}

InterruptWatcher::~InterruptWatcher() {
    if (pipe_[1] < 0)
        return;
    for (int i = 0; i < 3; ++i)
        sigaction(kSignals[i], &previous_[i], nullptr);
    gWriteFd = -1;
    const unsigned char quit = 0;
    while (::write(pipe_[1], &quit, 1) < 0 && errno == EINTR) {
    }
    thread_.join();
    ::close(pipe_[0]);
    ::close(pipe_[1]);
}

void InterruptWatcher::watch() {
    for (;;) {
        unsigned char byte = 0;
        const ssize_t n = ::read(pipe_[0], &byte, 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0 || byte == 0)
            return;
        int expected = 0;
        signal_.compare_exchange_strong(expected, byte);
        cancellation_.cancel();
    }
}

} // namespace sandbox
