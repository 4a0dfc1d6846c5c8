#pragma once

// Shared set-up of the desktop console tests: a private config dir, the real stores, a
// keychain service name of its own, and helpers that wait (bounded) on async keychain jobs.
#include "app_settings.h"
#include "dialog_answers.h"
#include "event_wait.h"
#include "profile_store.h"
#include "secret_answer.h"
#include "secret_store.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <utility>

namespace sandbox::test {

class UiFixture : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(configDir.isValid());
        DialogAnswers::setTestMode(true);
        DialogAnswers::clear();
        makeStores();
    }
    void TearDown() override {
        settleKeychain();
        DialogAnswers::clear();
    }

    // Before a SecretStore goes away (a "restart"), let its keychain jobs finish, so one
    // test's pending write or delete cannot land in the next one.
    void settleKeychain() {
        if (!secrets)
            return;
        ASSERT_TRUE(EventWait::until([&] { return secrets->pendingJobs() == 0; }, 30000));
    }

    // Fresh objects on the same directory: what a restart of the application sees.
    void makeStores() {
        settleKeychain();
        settings.reset();
        secrets.reset();
        store.reset();
        store = std::make_unique<ProfileStore>(configDir.path());
        secrets = std::make_unique<SecretStore>(service);
        settings = std::make_unique<AppSettings>(configDir.path());
    }

    // Writes a token and waits for the keychain's answer.
    SecretStore::Status writeToken(const QUuid &id, const QString &token) {
        const SecretAnswer answer = awaitSecret(secrets->writeToken(id, token));
        return answer.answered ? answer.status : SecretStore::Status::Failed;
    }

    // Reads a token; empty when there is none or the keychain failed.
    QString readToken(const QUuid &id, SecretStore::Status *status = nullptr) {
        const SecretAnswer answer = awaitSecret(secrets->readToken(id));
        if (status)
            *status = answer.answered ? answer.status : SecretStore::Status::Failed;
        return answer.token;
    }

    QTemporaryDir configDir;
    // Keeps test entries apart from real ones and from other tests.
    const QString service = QStringLiteral("sandbox-console-test-") +
                            QUuid::createUuid().toString(QUuid::WithoutBraces);
    std::unique_ptr<ProfileStore> store;
    std::unique_ptr<SecretStore> secrets;
    std::unique_ptr<AppSettings> settings;
};

} // namespace sandbox::test
