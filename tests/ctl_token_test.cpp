// `sandboxctl token set|delete` (the demo's way to seed keychain tokens) against the real
// Secret Service: what it stores is what the console's SecretStore reads back; the token
// only ever travels on stdin.
#include "keychain_session.h"
#include "secret_answer.h"

#include <secret_store.h>

#include <QProcess>
#include <QSignalSpy>
#include <QUuid>

#include <gtest/gtest.h>

using namespace sandbox;

namespace {

using Status = SecretStore::Status;
using test::awaitSecret;
using test::SecretAnswer;

struct CtlRun {
    int exitCode = -1;
    QString out;
    QString err;
};

CtlRun runCtl(const QStringList &args, const QByteArray &stdinData = {}) {
    QProcess process;
    process.start(QStringLiteral(SANDBOXCTL_PATH), args);
    CtlRun run;
    if (!process.waitForStarted(10000))
        return run;
    process.write(stdinData);
    process.closeWriteChannel();
    if (!process.waitForFinished(60000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = QString::fromUtf8(process.readAllStandardOutput());
    run.err = QString::fromUtf8(process.readAllStandardError());
    return run;
}

class CtlTokenTest : public ::testing::Test {
protected:
    void SetUp() override { SANDBOX_SKIP_WITHOUT_KEYCHAIN(); }

    // What the desktop console would read for this profile: {status, token}.
    std::pair<Status, QString> readBack(const QUuid &id) {
        SecretStore store;
        const SecretAnswer answer = awaitSecret(store.readToken(id));
        if (!answer.answered)
            return {Status::Failed, QStringLiteral("the keychain did not answer")};
        return {answer.status, answer.token};
    }

    const QUuid id = QUuid::createUuid();
    const QString idText = id.toString(QUuid::WithoutBraces);
};

TEST_F(CtlTokenTest, SetStoresTheStdinTokenWhereTheConsoleReadsIt) {
    const QString token = QStringLiteral("tok-%1").arg(QUuid::createUuid().toString(QUuid::Id128));
    const CtlRun set = runCtl(
        {QStringLiteral("token"), QStringLiteral("set"), QStringLiteral("--profile-id"), idText},
        token.toUtf8() + "\n");
    ASSERT_EQ(set.exitCode, 0) << set.err.toStdString();
    EXPECT_FALSE(set.out.contains(token));
    EXPECT_FALSE(set.err.contains(token));

    auto [status, read] = readBack(id);
    ASSERT_EQ(status, Status::Ok);
    EXPECT_EQ(read, token) << "the trailing newline from stdin is not part of the token";

    const CtlRun del = runCtl({QStringLiteral("token"), QStringLiteral("delete"),
                               QStringLiteral("--profile-id"), idText});
    ASSERT_EQ(del.exitCode, 0) << del.err.toStdString();
    EXPECT_EQ(readBack(id).first, Status::NotFound);

    // Deleting what is not there is not an error for a script.
    EXPECT_EQ(runCtl({QStringLiteral("token"), QStringLiteral("delete"),
                      QStringLiteral("--profile-id"), idText})
                  .exitCode,
              0);
}

TEST_F(CtlTokenTest, UsageErrorsExitTwoAndStoreNothing) {
    const CtlRun asArgument =
        runCtl({QStringLiteral("token"), QStringLiteral("set"), QStringLiteral("--profile-id"),
                idText, QStringLiteral("--token"), QStringLiteral("tok-visible")});
    EXPECT_EQ(asArgument.exitCode, 2);
    EXPECT_TRUE(asArgument.err.contains(QStringLiteral("never accepted as an argument")))
        << asArgument.err.toStdString();

    const CtlRun emptyStdin = runCtl(
        {QStringLiteral("token"), QStringLiteral("set"), QStringLiteral("--profile-id"), idText});
    EXPECT_EQ(emptyStdin.exitCode, 2);
    EXPECT_TRUE(emptyStdin.err.contains(QStringLiteral("no token on stdin")))
        << emptyStdin.err.toStdString();

    const CtlRun badId = runCtl({QStringLiteral("token"), QStringLiteral("set"),
                                 QStringLiteral("--profile-id"), QStringLiteral("not-a-uuid")},
                                "tok\n");
    EXPECT_EQ(badId.exitCode, 2);
    EXPECT_TRUE(badId.err.contains(QStringLiteral("\"not-a-uuid\" is not a UUID")))
        << badId.err.toStdString();

    const CtlRun noAction = runCtl({QStringLiteral("token")});
    EXPECT_EQ(noAction.exitCode, 2);

    EXPECT_EQ(readBack(id).first, Status::NotFound);
}

} // namespace
