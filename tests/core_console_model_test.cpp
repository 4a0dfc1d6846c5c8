// The small console pieces: line splitting, history, the output buffer, end-banner text
// and application settings.
#include <app_settings.h>
#include <command_history.h>
#include <command_line_splitter.h>
#include <exec_error_text.h>

#include "event_wait.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QLockFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <thread>

using namespace sandbox;

namespace {

QStringList argvOf(const char *line) {
    const SplitResult r = CommandLineSplitter::splitArgv(QString::fromUtf8(line));
    EXPECT_TRUE(r.ok()) << line << ": " << r.error.toStdString();
    return r.argv;
}

QStringList list(std::initializer_list<const char *> items) {
    QStringList out;
    for (const char *i : items)
        out << QString::fromUtf8(i);
    return out;
}

TEST(CommandLineSplitter, QuotingCases) {
    EXPECT_EQ(argvOf("ls -la /tmp"), list({"ls", "-la", "/tmp"}));
    EXPECT_EQ(argvOf("  spaced   out  "), list({"spaced", "out"}));
    EXPECT_EQ(argvOf("echo 'a b' \"c d\""), list({"echo", "a b", "c d"}));
    EXPECT_EQ(argvOf("echo 'it''s'"), list({"echo", "its"}));
    EXPECT_EQ(argvOf("echo \"it's\""), list({"echo", "it's"}));
    EXPECT_EQ(argvOf("echo 'say \"hi\"'"), list({"echo", "say \"hi\""}));
    EXPECT_EQ(argvOf("echo a\\ b"), list({"echo", "a b"}));
    EXPECT_EQ(argvOf("echo \"a\\\"b\" 'c\\d'"), list({"echo", "a\"b", "c\\d"}));
    EXPECT_EQ(argvOf("echo \"\\n stays\""), list({"echo", "\\n stays"}));
    EXPECT_EQ(argvOf("echo '' \"\""), list({"echo", "", ""}));
    EXPECT_EQ(argvOf("pre'fix'\"ed\" tail"), list({"prefixed", "tail"}));
    // No expansion of any kind.
    EXPECT_EQ(argvOf("echo $HOME * ~ `id` $(id)"),
              list({"echo", "$HOME", "*", "~", "`id`", "$(id)"}));
    EXPECT_EQ(argvOf("grüße 'ünï côdé'"), list({"grüße", "ünï côdé"}));
    EXPECT_TRUE(argvOf("   ").isEmpty());
}

TEST(CommandLineSplitter, UnbalancedQuotesReportTheColumn) {
    SplitResult r = CommandLineSplitter::splitArgv(QStringLiteral("echo 'abc"));
    EXPECT_FALSE(r.ok());
    EXPECT_TRUE(r.argv.isEmpty());
    EXPECT_EQ(r.errorColumn, 5);
    EXPECT_TRUE(r.error.contains(QLatin1String("single quote"))) << r.error.toStdString();
    EXPECT_TRUE(r.error.contains(QLatin1String("column 6"))) << r.error.toStdString();

    r = CommandLineSplitter::splitArgv(QStringLiteral("echo \"a\" \"b"));
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.errorColumn, 9);
    EXPECT_TRUE(r.error.contains(QLatin1String("double quote")));

    r = CommandLineSplitter::splitArgv(QStringLiteral("echo trailing\\"));
    EXPECT_FALSE(r.ok());
    EXPECT_EQ(r.errorColumn, 13);
}

TEST(CommandLineSplitter, ShellModeWrapsTheLine) {
    const SplitResult r =
        CommandLineSplitter::split(QStringLiteral("echo 'x' | wc -c"), CommandMode::Shell);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r.argv, list({"/bin/sh", "-c", "echo 'x' | wc -c"}));
    // Shell mode does not validate quoting: the shell reports it, like in a terminal.
    EXPECT_TRUE(CommandLineSplitter::split(QStringLiteral("echo 'x"), CommandMode::Shell).ok());
    EXPECT_TRUE(
        CommandLineSplitter::split(QStringLiteral("  "), CommandMode::Shell).argv.isEmpty());
    EXPECT_EQ(CommandLineSplitter::split(QStringLiteral("a 'b c'"), CommandMode::Argv).argv,
              list({"a", "b c"}));
}

class CommandHistoryTest : public ::testing::Test {
protected:
    QTemporaryDir dir;
    QUuid id = QUuid::createUuid();
};

TEST_F(CommandHistoryTest, PersistsPerProfileAndCollapsesRepeats) {
    {
        CommandHistory h(dir.path(), id);
        ASSERT_TRUE(h.load());
        h.add(QStringLiteral("ls"));
        ASSERT_TRUE(h.flush());
        h.add(QStringLiteral("ls"));
        ASSERT_TRUE(h.flush());
        h.add(QStringLiteral("uname -a"));
        ASSERT_TRUE(h.flush());
        h.add(QStringLiteral("  "));
        ASSERT_TRUE(h.flush());
        EXPECT_EQ(h.entries(), list({"ls", "uname -a"}));
    }
    CommandHistory reopened(dir.path(), id);
    ASSERT_TRUE(reopened.load());
    EXPECT_EQ(reopened.entries(), list({"ls", "uname -a"}));
    EXPECT_TRUE(
        reopened.filePath().endsWith(id.toString(QUuid::WithoutBraces) + QStringLiteral(".txt")));
    CommandHistory other(dir.path(), QUuid::createUuid());
    ASSERT_TRUE(other.load());
    EXPECT_EQ(other.size(), 0);
}

TEST_F(CommandHistoryTest, IsBounded) {
    CommandHistory h(dir.path(), id, 5);
    h.load();
    for (int i = 0; i < 12; ++i)
        h.add(QStringLiteral("cmd %1").arg(i));
    EXPECT_EQ(h.size(), 5);
    EXPECT_EQ(h.entries().first(), QStringLiteral("cmd 7"));
    EXPECT_EQ(h.entries().last(), QStringLiteral("cmd 11"));
    ASSERT_TRUE(h.flush());
    CommandHistory reopened(dir.path(), id, 3);
    reopened.load();
    EXPECT_EQ(reopened.entries(), list({"cmd 9", "cmd 10", "cmd 11"}));
    EXPECT_EQ(CommandHistory(dir.path(), id).maxEntries(), 1000);
}

TEST_F(CommandHistoryTest, CursorWalksAndRestoresTheDraft) {
    CommandHistory h(dir.path(), id);
    h.add(QStringLiteral("one"));
    h.add(QStringLiteral("two"));
    EXPECT_EQ(h.next(), std::nullopt);
    EXPECT_EQ(h.previous(QStringLiteral("dra")), QStringLiteral("two"));
    EXPECT_EQ(h.previous(), QStringLiteral("one"));
    EXPECT_EQ(h.previous(), std::nullopt);
    EXPECT_EQ(h.next(), QStringLiteral("two"));
    EXPECT_EQ(h.next(), QStringLiteral("dra"));
    EXPECT_EQ(h.next(), std::nullopt);
}

TEST_F(CommandHistoryTest, SearchFindsNewestMatchFirst) {
    CommandHistory h(dir.path(), id);
    for (const char *c : {"git status", "ls", "git log", "make"})
        h.add(QString::fromUtf8(c));
    int i = h.search(QStringLiteral("GIT"));
    EXPECT_EQ(h.at(i), QStringLiteral("git log"));
    i = h.search(QStringLiteral("git"), i);
    EXPECT_EQ(h.at(i), QStringLiteral("git status"));
    EXPECT_EQ(h.search(QStringLiteral("git"), i), -1);
    EXPECT_EQ(h.search(QStringLiteral("nothing")), -1);
}

// Issue 8 item 3: two windows on one profile's history keep each other's commands, and a
// window sees the other's new commands without reopening.
TEST_F(CommandHistoryTest, TwoWindowsKeepEachOthersCommands) {
    CommandHistory a(dir.path(), id);
    CommandHistory b(dir.path(), id);
    ASSERT_TRUE(a.load());
    ASSERT_TRUE(b.load());
    a.add(QStringLiteral("from a 1"));
    ASSERT_TRUE(a.flush());
    b.add(QStringLiteral("from b"));
    ASSERT_TRUE(b.flush());
    a.add(QStringLiteral("from a 2"));
    ASSERT_TRUE(a.flush());
    CommandHistory reopened(dir.path(), id);
    ASSERT_TRUE(reopened.load());
    EXPECT_EQ(reopened.entries(), list({"from a 1", "from b", "from a 2"}));
    EXPECT_EQ(a.entries(), list({"from a 1", "from b", "from a 2"}));
    EXPECT_TRUE(sandbox::test::EventWait::until(
        [&] {
            return b.entries() == list({"from a 1", "from b", "from a 2"});
        },
        10000))
        << b.entries().join(u',').toStdString();
    EXPECT_EQ(b.previous(), QStringLiteral("from a 2"));
}

// Enter must not wait for the history file: another window holding its lock (up to
// kLockTimeoutMs) or a slow disk would freeze the console. The command is in the list at
// once and reaches the file when the lock is free.
TEST_F(CommandHistoryTest, AddDoesNotWaitForAnotherWindowsLock) {
    CommandHistory h(dir.path(), id);
    ASSERT_TRUE(h.load());
    ASSERT_TRUE(QDir().mkpath(QFileInfo(h.filePath()).absolutePath()));
    auto otherWindow = std::make_unique<QLockFile>(h.filePath() + QStringLiteral(".lock"));
    ASSERT_TRUE(otherWindow->tryLock(0));
    h.add(QStringLiteral("uname -a"));
    EXPECT_EQ(h.entries(), list({"uname -a"}));
    EXPECT_EQ(h.previous(), QStringLiteral("uname -a"));
    EXPECT_FALSE(QFileInfo::exists(h.filePath())) << "saved while another window held the lock";
    otherWindow.reset();
    ASSERT_TRUE(h.flush());
    CommandHistory reopened(dir.path(), id);
    ASSERT_TRUE(reopened.load());
    EXPECT_EQ(reopened.entries(), list({"uname -a"}));
}

class ExecErrorTextTest : public ::testing::Test {
protected:
    void SetUp() override { QLocale::setDefault(QLocale::c()); }
    static ExecResult failure(ExecErrorKind kind, std::string agentMessage = {}) {
        ExecResult r;
        r.outcome = ExecOutcome::Failed;
        r.error.kind = kind;
        r.error.message = "runner says";
        r.error.agentMessage = std::move(agentMessage);
        return r;
    }
    const QString address = QStringLiteral("10.1.2.3:50051");
};

TEST_F(ExecErrorTextTest, BannerShowsExitDurationAndBytes) {
    ExecResult r;
    r.outcome = ExecOutcome::Exited;
    r.exitCode = 0;
    r.duration = std::chrono::milliseconds(1234);
    r.stdoutBytes = 3000;
    r.stderrBytes = 482;
    EXPECT_EQ(ExecErrorText::banner(r), QStringLiteral("exit 0 \u00b7 1.2 s \u00b7 3.4 KiB"));
    r.exitCode = 3;
    r.duration = std::chrono::milliseconds(340);
    r.stdoutBytes = 12;
    r.stderrBytes = 0;
    EXPECT_EQ(ExecErrorText::banner(r), QStringLiteral("exit 3 \u00b7 340 ms \u00b7 12 B"));
    EXPECT_TRUE(ExecErrorText::describe(r, address).isEmpty());
    r.outcome = ExecOutcome::Cancelled;
    EXPECT_TRUE(ExecErrorText::banner(r).startsWith(QLatin1String("cancelled")));
    EXPECT_TRUE(ExecErrorText::describe(r, address).contains(QLatin1String("Cancelled")));
    EXPECT_EQ(ExecErrorText::formatBytes(5ull * 1024 * 1024), QStringLiteral("5.0 MiB"));
    EXPECT_EQ(ExecErrorText::formatDuration(std::chrono::seconds(125)),
              QStringLiteral("2 min 5 s"));
}

TEST_F(ExecErrorTextTest, FailuresSayWhatHappenedAndWhere) {
    const QString unreachable =
        ExecErrorText::describe(failure(ExecErrorKind::Unavailable), address);
    EXPECT_TRUE(unreachable.contains(QLatin1String("unreachable")));
    EXPECT_TRUE(unreachable.contains(address));

    const QString token = ExecErrorText::describe(
        failure(ExecErrorKind::Unauthenticated, "invalid bearer token"), address);
    EXPECT_TRUE(token.contains(QLatin1String("refused the token")));
    EXPECT_TRUE(token.contains(QLatin1String("invalid bearer token")));

    const QString tls = ExecErrorText::describe(failure(ExecErrorKind::TlsFailure), address);
    EXPECT_TRUE(tls.contains(QLatin1String("TLS")));
    EXPECT_TRUE(tls.contains(QLatin1String("CA file")));

    const QString cut = ExecErrorText::describe(failure(ExecErrorKind::StreamCut), address);
    EXPECT_TRUE(cut.contains(QLatin1String("before an exit code")));

    const QString image =
        ExecErrorText::describe(failure(ExecErrorKind::InvalidArgument, "empty image"), address);
    EXPECT_TRUE(image.contains(QLatin1String("empty image")));
    EXPECT_TRUE(ExecErrorText::banner(failure(ExecErrorKind::Internal))
                    .startsWith(QLatin1String("failed")));
}

TEST(AppSettings, DefaultsAndPersistence) {
    QTemporaryDir dir;
    const QUuid a = QUuid::createUuid(), b = QUuid::createUuid();
    {
        AppSettings s(dir.path());
        EXPECT_EQ(s.scrollbackLines(), 100000);
        EXPECT_EQ(s.spoolCapMiB(), 2048);
        EXPECT_EQ(s.historySize(), 1000);
        EXPECT_FALSE(s.presenterMode());
        EXPECT_TRUE(s.openTabs().isEmpty());
        s.setScrollbackLines(500);
        s.setHistorySize(20);
        s.setPresenterMode(true);
        s.setOpenTabs({b, a});
        s.setCurrentTab(a);
        s.setWindowGeometry(QByteArray("\x01\x02geom", 6));
        EXPECT_TRUE(s.sync());
        EXPECT_EQ(s.filePath(), dir.filePath(QStringLiteral("settings.ini")));
    }
    EXPECT_TRUE(QFile::exists(dir.filePath(QStringLiteral("settings.ini"))));
    AppSettings s(dir.path());
    EXPECT_EQ(s.scrollbackLines(), 500);
    EXPECT_EQ(s.historySize(), 20);
    EXPECT_TRUE(s.presenterMode());
    EXPECT_EQ(s.openTabs(), (QList<QUuid>{b, a}));
    EXPECT_EQ(s.currentTab(), a);
    EXPECT_EQ(s.windowGeometry(), QByteArray("\x01\x02geom", 6));
}

} // namespace
