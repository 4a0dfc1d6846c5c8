// The sandbox-console shell: command line (--profile, --config-dir, --lang) and opening a
// profile's console by name or id, with a clear error naming the file when there is none.
#include "console_command_line.h"
#include "console_shell.h"
#include "console_tab.h"
#include "event_wait.h"
#include "main_window.h"
#include "profile_store.h"
#include "secret_answer.h"
#include "secret_store.h"

#include <QDir>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QUuid>

#include <gtest/gtest.h>

using namespace sandbox;

namespace {

QStringList argv(std::initializer_list<const char *> args) {
    QStringList list{QStringLiteral("sandbox-console")};
    for (const char *a : args)
        list << QString::fromUtf8(a);
    return list;
}

Profile demoProfile(const QString &name) {
    Profile p;
    p.name = name;
    p.address = QStringLiteral("127.0.0.1:7443");
    p.image = QStringLiteral("debian:bookworm-slim");
    return p;
}

} // namespace

TEST(ConsoleCommandLine, ParsesProfileConfigDirAndLang) {
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString dir = tmp.filePath(QStringLiteral("new/config"));
    ConsoleCommandLine options;
    QString error;
    ASSERT_TRUE(options.parse(argv({"--profile", "Local demo (mTLS)", "--config-dir",
                                    dir.toUtf8().constData(), "--lang", "de"}),
                              error))
        << error.toStdString();
    EXPECT_EQ(options.profileName, QStringLiteral("Local demo (mTLS)"));
    EXPECT_EQ(options.configDir, dir);
    EXPECT_TRUE(QDir(dir).exists()) << "--config-dir creates the directory";
    EXPECT_EQ(options.language, QStringLiteral("de"));
    EXPECT_EQ(ConsoleCommandLine::peekLanguage(argv({"--bogus", "--lang", "fr"})),
              QStringLiteral("fr"));
}

TEST(ConsoleCommandLine, RejectsWhatItCannotUseWithAReason) {
    ConsoleCommandLine options;
    QString error;
    EXPECT_FALSE(options.parse(argv({"--bogus"}), error));
    EXPECT_TRUE(error.contains(QStringLiteral("bogus"))) << error.toStdString();
    EXPECT_FALSE(options.parse(argv({"stray"}), error));
    EXPECT_TRUE(error.contains(QStringLiteral("stray"))) << error.toStdString();
    EXPECT_FALSE(options.parse(argv({"--config-dir", ""}), error));
    EXPECT_TRUE(error.contains(QStringLiteral("--config-dir"))) << error.toStdString();
}

TEST(ConsoleShell, OpensAProfileByNameOrIdAndNamesTheFileWhenThereIsNone) {
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    QUuid secondId;
    {
        ProfileStore store(tmp.path());
        ASSERT_TRUE(store.add(demoProfile(QStringLiteral("First"))));
        Profile stored;
        ASSERT_TRUE(store.add(demoProfile(QStringLiteral("Second")), nullptr, &stored));
        secondId = stored.id;
    }

    ConsoleShell shell(tmp.path());
    EXPECT_EQ(shell.configDir(), tmp.path());
    QString error;
    ASSERT_TRUE(shell.openProfile(QStringLiteral("Second"), &error)) << error.toStdString();
    ASSERT_NE(shell.window()->currentConsole(), nullptr);
    EXPECT_EQ(shell.window()->currentConsole()->profileId(), secondId);

    ASSERT_TRUE(shell.openProfile(secondId.toString(QUuid::WithoutBraces), &error));
    EXPECT_EQ(shell.window()->tabs()->count(), 1) << "the same profile is not opened twice";

    EXPECT_FALSE(shell.openProfile(QStringLiteral("Nope"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("\"Nope\""))) << error.toStdString();
    EXPECT_TRUE(error.contains(QDir(tmp.path()).filePath(QStringLiteral("profiles.json"))))
        << error.toStdString();
}

// Quitting right after saving a token must not lose it: main() lets the keychain finish.
TEST(ConsoleShell, TokenSavedJustBeforeQuitReachesTheKeychain) {
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QUuid id = QUuid::createUuid();
    const QString token = QStringLiteral("tok-") + QUuid::createUuid().toString(QUuid::Id128);
    {
        ConsoleShell shell(tmp.path());
        shell.secrets()->writeToken(id, token);
        EXPECT_EQ(shell.secrets()->pendingJobs(), 1);
        shell.finishKeychainJobs(20000);
        EXPECT_EQ(shell.secrets()->pendingJobs(), 0);
        EXPECT_FALSE(shell.secrets()->isSessionOnly(id)) << "the keychain write failed";
    }
    SecretStore reader;
    const sandbox::test::SecretAnswer answer = sandbox::test::awaitSecret(reader.readToken(id));
    ASSERT_TRUE(answer.answered);
    EXPECT_EQ(answer.token, token);
    reader.deleteToken(id);
    sandbox::test::EventWait::until([&] { return reader.pendingJobs() == 0; }, 20000);
}
