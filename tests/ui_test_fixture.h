#pragma once

// Shared set-up of the desktop console tests: a private config dir, the real stores, a
// keychain service name of its own, and helpers that wait (bounded) on async keychain jobs.
#include "app_settings.h"
#include "dialog_answers.h"
#include "event_wait.h"
#include "profile_store.h"
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
        QSignalSpy spy(secrets.get(), &SecretStore::tokenWritten);
        secrets->writeToken(id, token);
        if (!spy.wait(20000))
            return SecretStore::Status::Failed;
        return spy.at(0).at(1).value<SecretStore::Status>();
    }

    // Reads a token; empty when there is none or the keychain failed. Only the answer for
    // this id counts: the application may be reading other entries at the same time.
    QString readToken(const QUuid &id, SecretStore::Status *status = nullptr) {
        std::optional<std::pair<QString, SecretStore::Status>> answer;
        const auto connection = QObject::connect(
            secrets.get(), &SecretStore::tokenRead,
            [&](const QUuid &readId, const QString &token, SecretStore::Status readStatus) {
                if (readId == id && !answer)
                    answer = std::make_pair(token, readStatus);
            });
        secrets->readToken(id);
        EventWait::until([&] { return answer.has_value(); }, 20000);
        QObject::disconnect(connection);
        if (!answer)
            return {};
        if (status)
            *status = answer->second;
        return answer->first;
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
