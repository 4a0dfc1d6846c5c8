#pragma once

// The fixture of the console's end-to-end UI suites (run history, jobs): a UiFixture with
// a real mTLS sandbox-agent and one stored profile for it, its token in the keychain, and
// the main window on the fixture's store.
#include "main_window.h"
#include "secure_agent.h"
#include "test_pki.h"
#include "ui_test_fixture.h"

#include <memory>

namespace sandbox::test {

class AgentUiFixture : public UiFixture {
protected:
    void SetUp() override {
        UiFixture::SetUp();
        ASSERT_TRUE(pki.ok()) << pki.error();
        ASSERT_TRUE(agent.start());
        profile.name = QStringLiteral("Local agent");
        profile.address = QString::fromStdString(agent.address());
        profile.caFile = pki.ca().certPath;
        profile.image = QString::fromLatin1(SecureAgent::kImage);
        profile.connectTimeoutMs = 5000;
        prepareProfile(profile);
        ASSERT_TRUE(store->add(profile, nullptr, &profile));
        ASSERT_EQ(writeToken(profile.id, QString::fromStdString(agent.token())),
                  SecretStore::Status::Ok);
    }
    void TearDown() override {
        window.reset();
        UiFixture::TearDown();
    }
    // A suite's own additions to the profile before it is stored (env, mode, ...).
    virtual void prepareProfile(Profile &) {}

    TestPki pki;
    SecureAgent agent{pki};
    Profile profile;
    std::unique_ptr<MainWindow> window;
};

} // namespace sandbox::test
