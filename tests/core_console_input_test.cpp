// What a typed command becomes: history that keeps multi-line commands exactly (and still
// reads the old one-per-line files), the command header with every fact that was sent, and
// the env a tab's overrides produce.
#include <command_history.h>
#include <console_session.h>
#include <transcript_text.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace sandbox;

namespace {

const QString kLoop = QStringLiteral("for i in 1 2 3\ndo\n  echo \"n=$i\" \\\\ done\ndone");

QStringList texts(const QList<StyledLine> &lines) {
    QStringList out;
    for (const StyledLine &l : lines)
        out << l.text;
    return out;
}

} // namespace

TEST(CommandHistoryMultiLine, KeepsNewlinesAndBackslashesAcrossARestart) {
    QTemporaryDir dir;
    const QUuid id = QUuid::createUuid();
    {
        CommandHistory h(dir.path(), id);
        ASSERT_TRUE(h.load());
        h.add(kLoop);
        ASSERT_TRUE(h.flush());
        h.add(QStringLiteral("printf 'a\\nb'"));
        ASSERT_TRUE(h.flush());
    }
    CommandHistory reopened(dir.path(), id);
    ASSERT_TRUE(reopened.load());
    ASSERT_EQ(reopened.size(), 2);
    EXPECT_EQ(reopened.at(0), kLoop);
    EXPECT_EQ(reopened.at(1), QStringLiteral("printf 'a\\nb'"));
    EXPECT_EQ(reopened.previous(), QStringLiteral("printf 'a\\nb'"));
    EXPECT_EQ(reopened.previous(), kLoop);
}

TEST(CommandHistoryMultiLine, ReadsTheOldOneCommandPerLineFormat) {
    QTemporaryDir dir;
    const QUuid id = QUuid::createUuid();
    CommandHistory h(dir.path(), id);
    QFile old(h.filePath());
    ASSERT_TRUE(QDir().mkpath(QFileInfo(old).absolutePath()));
    ASSERT_TRUE(old.open(QIODevice::WriteOnly));
    old.write("ls -l\nprintf 'a\\nb'\n");
    old.close();
    ASSERT_TRUE(h.load());
    EXPECT_EQ(h.entries(),
              QStringList({QStringLiteral("ls -l"), QStringLiteral("printf 'a\\nb'")}));
    // Saving converts the file; the backslash survives the next load.
    h.add(QStringLiteral("uname"));
    ASSERT_TRUE(h.flush());
    CommandHistory reopened(dir.path(), id);
    ASSERT_TRUE(reopened.load());
    EXPECT_EQ(reopened.at(1), QStringLiteral("printf 'a\\nb'"));
    EXPECT_EQ(reopened.size(), 3);
}

// Two tabs of one profile share the file: neither loses the other's commands.
TEST(CommandHistoryMultiLine, TwoTabsOfOneProfileKeepEachOthersEntries) {
    QTemporaryDir dir;
    const QUuid id = QUuid::createUuid();
    CommandHistory a(dir.path(), id);
    CommandHistory b(dir.path(), id);
    ASSERT_TRUE(a.load());
    ASSERT_TRUE(b.load());
    a.add(QStringLiteral("from a"));
    ASSERT_TRUE(a.flush());
    b.add(QStringLiteral("from b"));
    ASSERT_TRUE(b.flush());
    CommandHistory reopened(dir.path(), id);
    ASSERT_TRUE(reopened.load());
    EXPECT_EQ(reopened.entries(),
              QStringList({QStringLiteral("from a"), QStringLiteral("from b")}));
}

TEST(CommandHeader, MultiLineArgvContinuesOnPromptLinesAndFactsNameWhatWasSent) {
    CommandContext c;
    c.startedAt = QDateTime::currentDateTime();
    c.profileName = QStringLiteral("Local demo");
    c.address = QStringLiteral("127.0.0.1:50051");
    c.image = QStringLiteral("busybox:demo");
    c.securityProfileRequested = QStringLiteral("permissive");
    c.securityProfileEffective = QStringLiteral("standard");
    c.workdir = QStringLiteral("/work");
    c.envKeys = QStringList({QStringLiteral("DB_PASSWORD"), QStringLiteral("MODE")});
    c.tabEnvKeys = QStringList({QStringLiteral("MODE")});
    c.timeout = std::chrono::seconds(30);
    c.argv = QStringList({QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                          QStringLiteral("for i in 1 2\ndo echo $i\ndone")});
    const QStringList lines = texts(TranscriptText::headerLines(c, 7));
    ASSERT_EQ(lines.size(), 4) << lines.join(u'|').toStdString();
    EXPECT_EQ(lines.at(0), QStringLiteral("$ /bin/sh -c 'for i in 1 2"));
    EXPECT_EQ(lines.at(1), QStringLiteral("> do echo $i"));
    EXPECT_EQ(lines.at(2), QStringLiteral("> done'"));
    const QString facts = lines.at(3);
    for (const QString &part :
         {QStringLiteral("profile Local demo"), QStringLiteral("127.0.0.1:50051"),
          QStringLiteral("image busybox:demo"),
          QStringLiteral("security standard applied by the agent (requested permissive)"),
          QStringLiteral("workdir /work"), QStringLiteral("DB_PASSWORD=•••"),
          QStringLiteral("MODE=•••"), QStringLiteral("set in this tab: MODE"),
          QStringLiteral("timeout 30")})
        EXPECT_TRUE(facts.contains(part))
            << part.toStdString() << " not in " << facts.toStdString();
}

TEST(TabEnvOverrides, ReplaceTheProfilesValueAndAddNewKeys) {
    Profile p;
    p.askForColour = false;
    p.env = {{QStringLiteral("MODE"), QStringLiteral("prod")},
             {QStringLiteral("DB"), QStringLiteral("secret://db")}};
    const QList<EnvVar> merged = ConsoleSession::mergedEnv(
        p, {{QStringLiteral("MODE"), QStringLiteral("test")}, {QStringLiteral("EXTRA"), {}}});
    const QList<EnvVar> expected = {{QStringLiteral("MODE"), QStringLiteral("test")},
                                    {QStringLiteral("DB"), QStringLiteral("secret://db")},
                                    {QStringLiteral("EXTRA"), QString()}};
    EXPECT_EQ(merged, expected);
}
