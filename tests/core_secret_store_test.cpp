// SecretStore against the real Secret Service (gnome-keyring under dbus-run-session).
#include "keychain_session.h"
#include "secret_answer.h"

#include <secret_store.h>

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <cstdio>

using namespace sandbox;

namespace {

using Status = SecretStore::Status;

class SecretStoreTest : public ::testing::Test {
protected:
    void SetUp() override { SANDBOX_SKIP_WITHOUT_KEYCHAIN(); }

    test::SecretAnswer read(const QUuid &id) { return test::awaitSecret(store.readToken(id)); }
    test::SecretAnswer write(const QUuid &id, const QString &token) {
        return test::awaitSecret(store.writeToken(id, token));
    }
    test::SecretAnswer remove(const QUuid &id) { return test::awaitSecret(store.deleteToken(id)); }

    SecretStore store;
};

TEST_F(SecretStoreTest, WriteReadDeleteAgainstTheRealKeychain) {
    const QUuid id = QUuid::createUuid();
    const QString token = QStringLiteral("tok-%1").arg(QUuid::createUuid().toString(QUuid::Id128));

    test::SecretAnswer r = write(id, token);
    ASSERT_TRUE(r.answered) << "the write job never finished";
    ASSERT_EQ(r.status, Status::Ok) << r.message.toStdString();
    EXPECT_FALSE(store.isSessionOnly(id));

    r = read(id);
    ASSERT_TRUE(r.answered);
    EXPECT_EQ(r.token, token);
    EXPECT_EQ(r.status, Status::Ok);

    // A second store (as after a restart) reads the same entry.
    SecretStore other;
    EXPECT_EQ(test::awaitSecret(other.readToken(id)).token, token);

    r = remove(id);
    ASSERT_TRUE(r.answered);
    EXPECT_EQ(r.status, Status::Ok) << r.message.toStdString();
    r = read(id);
    ASSERT_TRUE(r.answered);
    EXPECT_EQ(r.status, Status::NotFound);
    EXPECT_TRUE(r.token.isEmpty());
}

TEST_F(SecretStoreTest, MissingEntryMeansNoToken) {
    const test::SecretAnswer r = read(QUuid::createUuid());
    ASSERT_TRUE(r.answered);
    EXPECT_EQ(r.status, Status::NotFound);
    EXPECT_TRUE(r.token.isEmpty());
    EXPECT_TRUE(r.message.isEmpty()) << "no error to show for 'no token'";
    // Deleting what is not there is fine too.
    const test::SecretAnswer d = remove(QUuid::createUuid());
    ASSERT_TRUE(d.answered);
    EXPECT_EQ(d.status, Status::Ok);
}

TEST_F(SecretStoreTest, OverwriteAndEmptyTokenDeletes) {
    const QUuid id = QUuid::createUuid();
    ASSERT_EQ(write(id, QStringLiteral("first")).status, Status::Ok);
    ASSERT_EQ(write(id, QStringLiteral("second")).status, Status::Ok);
    EXPECT_EQ(read(id).token, QStringLiteral("second"));
    ASSERT_EQ(write(id, QString()).status, Status::Ok);
    EXPECT_EQ(read(id).status, Status::NotFound);
}

TEST_F(SecretStoreTest, CallsNeverAnswerSynchronously) {
    SecretJob *job = store.readToken(QUuid::createUuid());
    QSignalSpy spy(job, &SecretJob::finished);
    EXPECT_EQ(spy.count(), 0);
    ASSERT_TRUE(spy.wait(20000));
}

// Each request gets its own answer: two tabs reading different profiles at once never see
// each other's token, and a job answers only its own caller.
TEST_F(SecretStoreTest, ConcurrentRequestsAnswerTheirOwnCaller) {
    const QUuid a = QUuid::createUuid();
    const QUuid b = QUuid::createUuid();
    ASSERT_EQ(write(a, QStringLiteral("tok-a")).status, Status::Ok);
    ASSERT_EQ(write(b, QStringLiteral("tok-b")).status, Status::Ok);
    SecretJob *readA = store.readToken(a);
    SecretJob *readB = store.readToken(b);
    EXPECT_EQ(readA->profileId(), a);
    QList<QString> answersA;
    QList<QString> answersB;
    QObject::connect(readA, &SecretJob::finished,
                     [&](SecretJob *job) { answersA << job->token(); });
    QObject::connect(readB, &SecretJob::finished,
                     [&](SecretJob *job) { answersB << job->token(); });
    ASSERT_TRUE(test::EventWait::until([&] { return answersA.size() == 1 && answersB.size() == 1; },
                                       20000));
    EXPECT_EQ(answersA, QList<QString>{QStringLiteral("tok-a")});
    EXPECT_EQ(answersB, QList<QString>{QStringLiteral("tok-b")});
    remove(a);
    remove(b);
}

TEST_F(SecretStoreTest, TokenNeverLandsInAFileWeWrite) {
    const QUuid id = QUuid::createUuid();
    const QByteArray token = "tok-needle-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    ASSERT_EQ(write(id, QString::fromLatin1(token)).status, Status::Ok);
    // XDG_CONFIG_HOME is private to the test run (scripts/test); the keyring lives in
    // XDG_DATA_HOME, encrypted.
    const QString config = qEnvironmentVariable("XDG_CONFIG_HOME");
    if (!config.isEmpty()) {
        QDirIterator it(config, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile f(it.next());
            if (f.open(QIODevice::ReadOnly)) {
                EXPECT_FALSE(f.readAll().contains(token)) << f.fileName().toStdString();
            }
        }
    }
    remove(id);
}

// Without a Secret Service the token is kept for the session only, and the message says so.
// Runs in a child process of this binary pointed at a D-Bus address where nothing listens.
TEST(SecretStoreWithoutService, WriteFailsPlainlyAndKeepsTheTokenForTheSession) {
    if (qEnvironmentVariableIsEmpty("SANDBOX_TEST_NO_SECRET_SERVICE")) {
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("SANDBOX_TEST_NO_SECRET_SERVICE"), QStringLiteral("1"));
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=/nonexistent/sandbox-test-bus"));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::MergedChannels);
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--gtest_filter=SecretStoreWithoutService.*")});
        ASSERT_TRUE(child.waitForFinished(120000));
        EXPECT_EQ(child.exitCode(), 0) << child.readAll().toStdString();
        return;
    }
    SecretStore store;
    const QUuid id = QUuid::createUuid();
    const test::SecretAnswer written =
        test::awaitSecret(store.writeToken(id, QStringLiteral("tok-session-only")), 60000);
    ASSERT_TRUE(written.answered);
    EXPECT_EQ(written.status, SecretStore::Status::Unavailable);
    EXPECT_EQ(written.message, QStringLiteral("No Secret Service is running, so the token can't "
                                              "be saved. It is kept in memory for this session "
                                              "only."));
    EXPECT_FALSE(written.message.contains(QLatin1String("tok-session-only")));
    EXPECT_TRUE(store.isSessionOnly(id));

    const test::SecretAnswer read = test::awaitSecret(store.readToken(id));
    EXPECT_EQ(read.token, QStringLiteral("tok-session-only"));
    EXPECT_EQ(read.status, SecretStore::Status::Ok);

    ASSERT_TRUE(test::awaitSecret(store.deleteToken(id), 60000).answered);
    EXPECT_FALSE(store.isSessionOnly(id)) << "forget token also forgets the session copy";
    std::printf("status without a Secret Service: %d, message: %s\n", int(written.status),
                qPrintable(written.message));
}

TEST(SecretStoreMessages, SayWhatItMeans) {
    const QString unavailable =
        SecretStore::statusMessage(SecretStore::Status::Unavailable, SecretStore::Operation::Write);
    EXPECT_EQ(unavailable, QStringLiteral("No Secret Service is running, so the token can't be "
                                          "saved. It is kept in memory for this session only."));
    EXPECT_TRUE(
        SecretStore::statusMessage(SecretStore::Status::AccessDenied, SecretStore::Operation::Read)
            .contains(QLatin1String("locked")));
    EXPECT_TRUE(SecretStore::statusMessage(SecretStore::Status::Failed,
                                           SecretStore::Operation::Write, QStringLiteral("boom"))
                    .contains(QLatin1String("boom")));
    EXPECT_TRUE(
        SecretStore::statusMessage(SecretStore::Status::NotFound, SecretStore::Operation::Read)
            .isEmpty());
}

} // namespace
