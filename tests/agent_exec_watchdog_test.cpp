// The watchdog that cancels a call whose client stopped reading past the command's timeout.
#include "exec_watchdog.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

using sandbox::agent::ExecWatchdog;
using namespace std::chrono_literals;

TEST(ExecWatchdog, FiresOncePastItsDeadline) {
    std::atomic<int> calls{0};
    ExecWatchdog watchdog(10ms, [&] { ++calls; });
    for (int i = 0; i < 1000 && calls == 0; ++i)
        std::this_thread::sleep_for(10ms);
    EXPECT_EQ(calls, 1);
    EXPECT_TRUE(watchdog.fired());
}

TEST(ExecWatchdog, StoppedBeforeItsDeadlineNeverFiresAndDoesNotWaitItOut) {
    std::atomic<int> calls{0};
    {
        // An hour: the destructor must wake the thread instead of waiting (CTest would time out).
        ExecWatchdog watchdog(1h, [&] { ++calls; });
        watchdog.stop();
        EXPECT_FALSE(watchdog.fired());
    }
    EXPECT_EQ(calls, 0);
}
