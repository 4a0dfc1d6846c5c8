#pragma once

#include "secure_agent.h"
#include "test_pki.h"

#include <gtest/gtest.h>

namespace sandbox::test {

// A test with its own run-time PKI and a TLS + token agent (started by the test itself),
// checking afterwards that the agent never logged its token.
class SecureAgentTest : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(pki.ok()) << pki.error(); }
    void TearDown() override {
        EXPECT_FALSE(contains(agent.stderrText(), agent.token())) << agent.stderrText();
    }

    TestPki pki;
    SecureAgent agent{pki};
};

} // namespace sandbox::test
