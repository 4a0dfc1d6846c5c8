// The run history (core): every run of a console session recorded with its result, its
// overrides and its transcript, kept across a restart, bounded, never holding a token; fed
// by a real ConsoleSession against the real agent and the real keychain.
#include "event_wait.h"
#include "keychain_session.h"
#include "qstring_print.h"
#include "secret_answer.h"
#include "secure_agent.h"
#include "test_pki.h"

#include <console_session.h>
#include <profile_store.h>
#include <run_history.h>
#include <run_history_store.h>
#include <run_recorder.h>
#include <secret_store.h>
#include <spool_replay.h>
#include <transcript_spool.h>

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QThreadPool>

#include <gtest/gtest.h>

#include <optional>

using namespace sandbox;
using namespace sandbox::test;

namespace {

QString plainTextOf(const QString &spoolFile) {
    QBuffer out;
    out.open(QIODevice::WriteOnly);
    SpoolReplay replay(out, SpoolReplay::Format::PlainText);
    const bool ok =
        replay.begin() && replay.replayFile(spoolFile, QFileInfo(spoolFile).size()) && replay.end();
    EXPECT_TRUE(ok) << replay.errorString().toStdString();
    return QString::fromUtf8(out.data());
}

// Every byte under dir, to look for a token anywhere the history wrote.
QByteArray allBytesUnder(const QString &dir) {
    QByteArray all;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly))
            all += file.readAll();
    }
    return all;
}

// A spool file of our own for the bound tests (content does not matter there).
QString fakeSpool(const QTemporaryDir &dir, const QString &name, qint64 size) {
    const QString path = dir.filePath(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(size, 'x'));
    return path;
}

RunRecord finishedResult(int exitCode) {
    RunRecord r;
    r.outcome = ExecOutcome::Exited;
    r.exitCode = exitCode;
    return r;
}

class RunHistoryAgentTest : public ::testing::Test {
protected:
    void SetUp() override {
        SANDBOX_SKIP_WITHOUT_KEYCHAIN();
        ASSERT_TRUE(pki.ok()) << pki.error();
        ASSERT_TRUE(agent.start());
        profile.name = QStringLiteral("local agent");
        profile.address = QString::fromStdString(agent.address());
        profile.caFile = pki.ca().certPath;
        profile.image = QString::fromLatin1(SecureAgent::kImage);
        profile.env = {{QStringLiteral("DB_PASSWORD"), QStringLiteral("hunter2-value")}};
        profile.connectTimeoutMs = 5000;
        ASSERT_EQ(awaitSecret(secrets.writeToken(profile.id, QString::fromStdString(agent.token())))
                      .status,
                  SecretStatus::Ok);
    }
    void TearDown() override { awaitSecret(secrets.deleteToken(profile.id)); }

    std::optional<CommandSummary> run(ConsoleSession &session, const QString &line,
                                      const ConsoleSession::Overrides &overrides = {}) {
        std::optional<CommandSummary> summary;
        const auto connection =
            QObject::connect(&session, &ConsoleSession::commandEnded,
                             [&summary](quint64, const CommandSummary &s) { summary = s; });
        EXPECT_TRUE(session.submit(line, overrides).started()) << line.toStdString();
        EventWait::until([&] { return summary.has_value(); }, 60000);
        QObject::disconnect(connection);
        return summary;
    }

    TestPki pki;
    SecureAgent agent{pki};
    QTemporaryDir configDir;
    QTemporaryDir dataDir;
    SecretStore secrets{QStringLiteral("sandbox-console-test-") +
                        QUuid::createUuid().toString(QUuid::WithoutBraces)};
    Profile profile;
};

} // namespace

TEST_F(RunHistoryAgentTest, RunsAreRecordedWithTranscriptAndSurviveARestart) {
    {
        RunHistoryStore store(dataDir.path());
        // The session's spool folder is its own and goes away with it, as a tab's does.
        auto session = std::make_unique<ConsoleSession>(profile, &secrets, configDir.path(), 100);
        new RunRecorder(session.get(), store.history(profile.id));
        ConsoleSession::Overrides overrides;
        overrides.workdir = QStringLiteral("/tmp");
        // As a tab sends its env editor's entries: over the profile's env.
        overrides.env = ConsoleSession::mergedEnv(
            profile, {{QStringLiteral("STAGE"), QStringLiteral("from the tab")}});
        const auto first = run(
            *session, QStringLiteral("echo \"hi from $(pwd)\"; echo err >&2; exit 3"), overrides);
        ASSERT_TRUE(first.has_value());
        ASSERT_TRUE(run(*session, QStringLiteral("true")).has_value());
        const QString spoolDir = session->spool()->directory();
        ASSERT_TRUE(EventWait::until([&] {
            const QList<RunRecord> runs = store.history(profile.id)->runs();
            return runs.size() == 2 && !runs.at(1).transcriptPath.isEmpty();
        }));
        session.reset();
        QThreadPool::globalInstance()->waitForDone(); // the spool deletes its files there
        EXPECT_FALSE(QFileInfo::exists(spoolDir)) << "the tab's own spool folder is gone";
    }

    RunHistoryStore restarted(dataDir.path()); // what the next start of the console sees
    const QList<RunRecord> runs = restarted.history(profile.id)->runs();
    ASSERT_EQ(runs.size(), 2);
    const RunRecord &first = runs.at(0);
    EXPECT_EQ(first.line, QStringLiteral("echo \"hi from $(pwd)\"; echo err >&2; exit 3"));
    EXPECT_EQ(first.argv.value(0), QStringLiteral("/bin/sh"));
    EXPECT_TRUE(first.finished);
    EXPECT_EQ(first.statusText(), QStringLiteral("exit 3"));
    EXPECT_EQ(first.stdoutBytes, quint64(QByteArray("hi from /tmp\n").size()));
    EXPECT_EQ(first.stderrBytes, 4u);
    EXPECT_EQ(first.overrides.workdir, std::optional<QString>(QStringLiteral("/tmp")));
    EXPECT_FALSE(first.overrides.image.has_value());
    const QList<EnvVar> tabEnv{{QStringLiteral("STAGE"), QStringLiteral("from the tab")}};
    EXPECT_EQ(first.overrides.env, std::optional<QList<EnvVar>>(tabEnv))
        << "the tab's env with its value, for Re-run; not the profile's own entries";
    EXPECT_FALSE(runs.at(1).overrides.env.has_value());
    EXPECT_EQ(first.image, QString::fromLatin1(SecureAgent::kImage));
    EXPECT_TRUE(first.envKeys.contains(QStringLiteral("DB_PASSWORD")));
    EXPECT_TRUE(first.startedAt.isValid());
    EXPECT_EQ(runs.at(1).statusText(), QStringLiteral("exit 0"));

    ASSERT_FALSE(first.transcriptPath.isEmpty());
    EXPECT_TRUE(first.transcriptPath.startsWith(dataDir.path()))
        << first.transcriptPath.toStdString();
    const QString transcript = plainTextOf(first.transcriptPath);
    EXPECT_TRUE(transcript.contains(QStringLiteral("hi from /tmp\n"))) << transcript.toStdString();
    EXPECT_TRUE(transcript.contains(QStringLiteral("err\n"))) << transcript.toStdString();
    EXPECT_TRUE(transcript.contains(QStringLiteral("exit 3"))) << transcript.toStdString();

    const QByteArray everything = allBytesUnder(dataDir.path());
    EXPECT_FALSE(everything.contains(QByteArray::fromStdString(agent.token())))
        << "a token reached the run history";
    EXPECT_FALSE(everything.contains("hunter2-value"))
        << "a value of the profile's env was copied into the history";
    const QFileInfo historyFile(restarted.history(profile.id)->filePath());
    EXPECT_EQ(historyFile.permissions() & (QFile::ReadGroup | QFile::ReadOther), 0)
        << "only the user may read the history: it keeps the tab's env values";
}

TEST(RunHistoryTest, BoundedByRunCountAndByTranscriptBytes) {
    QTemporaryDir dataDir;
    QTemporaryDir spools;
    const QUuid profileId = QUuid::createUuid();
    RunHistory history(dataDir.path(), profileId);
    history.setMaxRuns(3);
    history.setMaxTranscriptBytes(2500);
    QList<QUuid> ids;
    for (int i = 0; i < 5; ++i) {
        RunRecord record;
        record.line = QStringLiteral("echo %1").arg(i);
        history.begin(record);
        history.finish(record.id, finishedResult(0),
                       fakeSpool(spools, QStringLiteral("s%1").arg(i), 1000));
        ids << record.id;
    }
    const QList<RunRecord> runs = history.runs();
    ASSERT_EQ(runs.size(), 3) << "only the newest three runs stay";
    EXPECT_EQ(runs.at(0).line, QStringLiteral("echo 2"));
    EXPECT_EQ(runs.at(2).line, QStringLiteral("echo 4"));
    // 2500 bytes hold two transcripts of 1000: the oldest kept run lost its file, not its record.
    EXPECT_TRUE(runs.at(0).transcriptPath.isEmpty());
    EXPECT_TRUE(runs.at(0).transcriptDropped);
    EXPECT_FALSE(runs.at(1).transcriptPath.isEmpty());
    EXPECT_FALSE(runs.at(2).transcriptPath.isEmpty());
    EXPECT_LE(history.transcriptBytes(), 2500);
    const QStringList files =
        QDir(history.transcriptDirectory()).entryList(QDir::Files, QDir::Name);
    EXPECT_EQ(files.size(), 2) << files.join(QLatin1Char(' ')).toStdString();
}

TEST(RunHistoryTest, DeleteRemovesTheRecordAndItsTranscript) {
    QTemporaryDir dataDir;
    QTemporaryDir spools;
    RunHistory history(dataDir.path(), QUuid::createUuid());
    RunRecord record;
    record.line = QStringLiteral("ls");
    history.begin(record);
    history.finish(record.id, finishedResult(0), fakeSpool(spools, QStringLiteral("a"), 10));
    const QString kept = history.find(record.id)->transcriptPath;
    ASSERT_TRUE(QFileInfo::exists(kept));
    QString error;
    ASSERT_TRUE(history.remove(record.id, &error)) << error.toStdString();
    EXPECT_FALSE(QFileInfo::exists(kept));
    EXPECT_TRUE(history.runs().isEmpty());
    RunHistory reloaded(dataDir.path(), history.profileId());
    ASSERT_TRUE(reloaded.load());
    EXPECT_TRUE(reloaded.runs().isEmpty());
    EXPECT_FALSE(history.remove(record.id, &error));
    EXPECT_TRUE(error.contains(record.id.toString(QUuid::WithoutBraces))) << error.toStdString();
}

TEST(RunHistoryTest, ARunTheConsoleDidNotSeeEndIsListedAsNotFinished) {
    QTemporaryDir dataDir;
    const QUuid profileId = QUuid::createUuid();
    {
        RunHistory history(dataDir.path(), profileId);
        RunRecord record;
        record.line = QStringLiteral("sleep 1000");
        history.begin(record); // the console quits here
    }
    RunHistory history(dataDir.path(), profileId);
    ASSERT_TRUE(history.load());
    ASSERT_EQ(history.runs().size(), 1);
    EXPECT_FALSE(history.runs().first().finished);
    EXPECT_EQ(history.runs().first().statusText(), QStringLiteral("did not finish"));
}

TEST(RunHistoryTest, NewerOrBrokenFileIsNamedAndLeftUntouched) {
    QTemporaryDir dataDir;
    RunHistory history(dataDir.path(), QUuid::createUuid());
    QDir().mkpath(QFileInfo(history.filePath()).absolutePath());
    const QByteArray newer = R"({"schema": 7, "runs": []})";
    QFile file(history.filePath());
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(newer);
    file.close();
    QString error;
    EXPECT_FALSE(history.load(&error));
    EXPECT_TRUE(error.contains(QStringLiteral("schema 7"))) << error.toStdString();
    EXPECT_TRUE(error.contains(history.filePath())) << error.toStdString();
    RunRecord record;
    record.line = QStringLiteral("true");
    history.begin(record);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), newer) << "a newer file is never overwritten";
}

TEST(RunHistoryTest, DataDirIsTheDataLocationOrInsideAnExplicitConfigDir) {
    EXPECT_EQ(RunHistoryStore::dataDirFor(QString()),
              QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    EXPECT_EQ(RunHistoryStore::dataDirFor(
                  QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)),
              QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
    EXPECT_EQ(RunHistoryStore::dataDirFor(QStringLiteral("/tmp/demo-config")),
              QStringLiteral("/tmp/demo-config/data"));
}

// scripts/demo --shell points the console and sandboxctl at the demo's profiles this way.
TEST(RunHistoryTest, ConfigDirFromTheEnvironmentIsTheDefaultAndKeepsItsOwnData) {
    qputenv("SANDBOX_CONSOLE_CONFIG_DIR", "/tmp/demo-config");
    const ProfileStore store;
    const QString dataDir = RunHistoryStore::dataDirFor(store.configDir());
    qunsetenv("SANDBOX_CONSOLE_CONFIG_DIR");
    EXPECT_EQ(store.configDir(), QStringLiteral("/tmp/demo-config"));
    EXPECT_EQ(dataDir, QStringLiteral("/tmp/demo-config/data"));
    EXPECT_EQ(ProfileStore().configDir(),
              QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation));
}

TEST(RunHistoryTest, SearchMatchesCommandImageAndStatus) {
    RunRecord r;
    r.line = QStringLiteral("cat /etc/os-release");
    r.image = QStringLiteral("busybox:demo");
    r.finished = true;
    r.outcome = ExecOutcome::Exited;
    r.exitCode = 2;
    EXPECT_TRUE(r.matches(QStringLiteral("OS-RELEASE")));
    EXPECT_TRUE(r.matches(QStringLiteral("busybox")));
    EXPECT_TRUE(r.matches(QStringLiteral("exit 2")));
    EXPECT_FALSE(r.matches(QStringLiteral("uname")));
}

// Re-run and Edit and run restore a run's overrides, the per-command timeout and the env the
// tab set included, also after a restart (the record goes through its JSON).
TEST(RunHistoryTest, OverridesIncludingTimeoutAndTabEnvComeBackFromTheFile) {
    RunRecord run;
    run.line = QStringLiteral("sleep 5");
    run.startedAt = QDateTime::currentDateTime();
    run.overrides.image = QStringLiteral("busybox:demo");
    run.overrides.workdir = QStringLiteral("/tmp");
    run.overrides.timeout = std::chrono::milliseconds(3000);
    run.overrides.env = QList<EnvVar>{{QStringLiteral("STAGE"), QStringLiteral("two words")},
                                      {QStringLiteral("DB"), QStringLiteral("secret://db.pw")}};
    QString error;
    const auto back = RunRecord::fromJson(run.toJson(), error);
    ASSERT_TRUE(back.has_value()) << error.toStdString();
    EXPECT_EQ(back->overrides, run.overrides);

    run.overrides.timeout.reset();
    run.overrides.env.reset();
    const auto none = RunRecord::fromJson(run.toJson(), error);
    ASSERT_TRUE(none.has_value());
    EXPECT_FALSE(none->overrides.timeout.has_value());
    EXPECT_FALSE(none->overrides.env.has_value()) << "no env override: the profile's env";
}

// What runs again is the tab's env over the profile's env of today: a key the tab set wins,
// the profile's other keys (and a value changed in the profile since) come from the profile.
TEST(RunHistoryTest, TabEnvIsSetOverTheProfilesEnv) {
    Profile profile;
    profile.env = {{QStringLiteral("A"), QStringLiteral("profile-a")},
                   {QStringLiteral("B"), QStringLiteral("profile-b")}};
    RunRecord run;
    run.overrides.env = QList<EnvVar>{{QStringLiteral("B"), QStringLiteral("tab-b")},
                                      {QStringLiteral("C"), QStringLiteral("tab-c")}};
    const QList<EnvVar> expected{{QStringLiteral("A"), QStringLiteral("profile-a")},
                                 {QStringLiteral("B"), QStringLiteral("tab-b")},
                                 {QStringLiteral("C"), QStringLiteral("tab-c")}};
    EXPECT_EQ(run.overridesOn(profile).env, std::optional<QList<EnvVar>>(expected));
    run.overrides.env.reset();
    EXPECT_FALSE(run.overridesOn(profile).env.has_value());
}
