// SecretStore against the real Secret Service (gnome-keyring under dbus-run-session).
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
    void SetUp() override {
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            GTEST_SKIP() << "no D-Bus session: run under scripts/test (dbus-run-session with "
                            "an unlocked gnome-keyring)";
    }

    // Waits for one signal; returns its arguments.
    template <typename Signal> QList<QVariant> waitFor(Signal signal, auto &&start) {
        QSignalSpy spy(&store, signal);
        start();
        if (spy.isEmpty() && !spy.wait(20000))
            return {};
        EXPECT_EQ(spy.count(), 1);
        return spy.takeFirst();
    }

    QList<QVariant> read(const QUuid &id) {
        return waitFor(&SecretStore::tokenRead, [&] { store.readToken(id); });
    }
    QList<QVariant> write(const QUuid &id, const QString &token) {
        return waitFor(&SecretStore::tokenWritten, [&] { store.writeToken(id, token); });
    }
    QList<QVariant> remove(const QUuid &id) {
        return waitFor(&SecretStore::tokenDeleted, [&] { store.deleteToken(id); });
    }

    SecretStore store;
};

TEST_F(SecretStoreTest, WriteReadDeleteAgainstTheRealKeychain) {
    const QUuid id = QUuid::createUuid();
    const QString token = QStringLiteral("tok-%1").arg(QUuid::createUuid().toString(QUuid::Id128));

    QList<QVariant> r = write(id, token);
    ASSERT_EQ(r.size(), 3) << "no tokenWritten signal";
    ASSERT_EQ(r.at(1).value<Status>(), Status::Ok) << r.at(2).toString().toStdString();
    EXPECT_FALSE(store.isSessionOnly(id));

    r = read(id);
    ASSERT_EQ(r.size(), 4);
    EXPECT_EQ(r.at(0).toUuid(), id);
    EXPECT_EQ(r.at(1).toString(), token);
    EXPECT_EQ(r.at(2).value<Status>(), Status::Ok);

    // A second store (as after a restart) reads the same entry.
    SecretStore other;
    QSignalSpy spy(&other, &SecretStore::tokenRead);
    other.readToken(id);
    ASSERT_TRUE(spy.wait(20000));
    EXPECT_EQ(spy.first().at(1).toString(), token);

    r = remove(id);
    ASSERT_EQ(r.size(), 3);
    EXPECT_EQ(r.at(1).value<Status>(), Status::Ok) << r.at(2).toString().toStdString();
    r = read(id);
    ASSERT_EQ(r.size(), 4);
    EXPECT_EQ(r.at(2).value<Status>(), Status::NotFound);
    EXPECT_TRUE(r.at(1).toString().isEmpty());
}

TEST_F(SecretStoreTest, MissingEntryMeansNoToken) {
    const QList<QVariant> r = read(QUuid::createUuid());
    ASSERT_EQ(r.size(), 4);
    EXPECT_EQ(r.at(2).value<Status>(), Status::NotFound);
    EXPECT_TRUE(r.at(1).toString().isEmpty());
    EXPECT_TRUE(r.at(3).toString().isEmpty()) << "no error to show for 'no token'";
    // Deleting what is not there is fine too.
    const QList<QVariant> d = remove(QUuid::createUuid());
    ASSERT_EQ(d.size(), 3);
    EXPECT_EQ(d.at(1).value<Status>(), Status::Ok);
}

TEST_F(SecretStoreTest, OverwriteAndEmptyTokenDeletes) {
    const QUuid id = QUuid::createUuid();
    ASSERT_EQ(write(id, QStringLiteral("first")).value(1).value<Status>(), Status::Ok);
    ASSERT_EQ(write(id, QStringLiteral("second")).value(1).value<Status>(), Status::Ok);
    EXPECT_EQ(read(id).value(1).toString(), QStringLiteral("second"));
    ASSERT_EQ(write(id, QString()).value(1).value<Status>(), Status::Ok);
    EXPECT_EQ(read(id).value(2).value<Status>(), Status::NotFound);
}

TEST_F(SecretStoreTest, CallsNeverAnswerSynchronously) {
    QSignalSpy spy(&store, &SecretStore::tokenRead);
    store.readToken(QUuid::createUuid());
    EXPECT_EQ(spy.count(), 0);
    ASSERT_TRUE(spy.wait(20000));
}

TEST_F(SecretStoreTest, TokenNeverLandsInAFileWeWrite) {
    const QUuid id = QUuid::createUuid();
    const QByteArray token = "tok-needle-" + QUuid::createUuid().toByteArray(QUuid::Id128);
    ASSERT_EQ(write(id, QString::fromLatin1(token)).value(1).value<Status>(), Status::Ok);
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
    QSignalSpy written(&store, &SecretStore::tokenWritten);
    store.writeToken(id, QStringLiteral("tok-session-only"));
    ASSERT_TRUE(written.wait(60000) || !written.isEmpty());
    const auto status = written.first().at(1).value<SecretStore::Status>();
    EXPECT_EQ(status, SecretStore::Status::Unavailable);
    const QString message = written.first().at(2).toString();
    EXPECT_EQ(message, QStringLiteral("No Secret Service is running, so the token can't be "
                                      "saved. It is kept in memory for this session only."));
    EXPECT_FALSE(message.contains(QLatin1String("tok-session-only")));
    EXPECT_TRUE(store.isSessionOnly(id));

    QSignalSpy read(&store, &SecretStore::tokenRead);
    store.readToken(id);
    ASSERT_TRUE(read.wait(20000));
    EXPECT_EQ(read.first().at(1).toString(), QStringLiteral("tok-session-only"));
    EXPECT_EQ(read.first().at(2).value<SecretStore::Status>(), SecretStore::Status::Ok);

    QSignalSpy deleted(&store, &SecretStore::tokenDeleted);
    store.deleteToken(id);
    ASSERT_TRUE(deleted.wait(60000) || !deleted.isEmpty());
    EXPECT_FALSE(store.isSessionOnly(id)) << "forget token also forgets the session copy";
    std::printf("status without a Secret Service: %d, message: %s\n", int(status),
                qPrintable(message));
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
