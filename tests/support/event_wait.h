#pragma once

#include <functional>

namespace sandbox::test {

// Runs the Qt event loop until a condition holds, bounded. Unlike QTRY_VERIFY, whose failure
// only reaches QTest, the result goes to a googletest assertion:
//   ASSERT_TRUE(EventWait::until([&] { return view.isReady(); }));
class EventWait {
public:
    static bool until(const std::function<bool()> &condition, int timeoutMs = 5000);
};

} // namespace sandbox::test
