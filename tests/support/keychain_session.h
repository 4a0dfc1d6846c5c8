#pragma once

#include <QtGlobal>

#include <gtest/gtest.h>

// Tests that use the real keychain need the private D-Bus session with an unlocked
// gnome-keyring that scripts/test starts; elsewhere they skip with this reason. A macro
// because GTEST_SKIP must return from the test's own SetUp or body.
#define SANDBOX_SKIP_WITHOUT_KEYCHAIN()                                                            \
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))                                   \
    GTEST_SKIP() << "no D-Bus session: run under scripts/test (dbus-run-session with an "          \
                    "unlocked gnome-keyring)"
