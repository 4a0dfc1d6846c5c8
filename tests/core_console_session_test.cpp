// ConsoleSession, the controller a console tab drives, against the real agent over TLS and
// the real keychain: a typed line in, the transcript (header, styled output, banner) out.
#include "event_wait.h"
#include "keychain_session.h"
#include "process_probe.h"
#include "secret_answer.h"
#include "secure_agent.h"
#include "shared_dir.h"
#include "test_pki.h"

#include <console_session.h>
#include <secret_store.h>
#include <transcript_model.h>
#include <transcript_spool.h>

#include <QBuffer>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <optional>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace sandbox;
using namespace sandbox::test;

namespace {

class ConsoleSessionTest : public ::testing::Test {
protected:
    void SetUp() override {
        SANDBOX_SKIP_WITHOUT_KEYCHAIN();
        ASSERT_TRUE(pki.ok()) << pki.error();
        ASSERT_TRUE(agent.start());
        profile.name = QStringLiteral("local agent");
        profile.address = QString::fromStdString(agent.address());
        profile.caFile = pki.ca().certPath;
        profile.image = QString::fromLatin1(SecureAgent::kImage);
        profile.connectTimeoutMs = 5000;
        ASSERT_EQ(awaitSecret(secrets.writeToken(profile.id, QString::fromStdString(agent.token())))
                      .status,
                  SecretStatus::Ok);
    }

    void TearDown() override {
        if (!agent.token().empty()) {
            EXPECT_FALSE(contains(agent.stderrText(), agent.token())) << "agent log has the token";
        }
        awaitSecret(secrets.deleteToken(profile.id));
    }

    std::unique_ptr<ConsoleSession> makeSession(const Profile &p) {
        return std::make_unique<ConsoleSession>(p, &secrets, configDir.path(), 100, nullptr,
                                                spoolDir.path());
    }

    // Submits a line and waits (bounded) for its end banner.
    std::optional<CommandSummary> run(ConsoleSession &session, const QString &line,
                                      int timeoutMs = 60000) {
        std::optional<CommandSummary> summary;
        const auto connection =
            QObject::connect(&session, &ConsoleSession::commandEnded,
                             [&summary](quint64, const CommandSummary &s) { summary = s; });
        EXPECT_TRUE(session.submit(line).started()) << line.toStdString();
        EventWait::until([&] { return summary.has_value(); }, timeoutMs);
        QObject::disconnect(connection);
        return summary;
    }

    static QStringList rows(const TranscriptModel &model) {
        QStringList result;
        for (qsizetype row = 0; row < model.lineCount(); ++row)
            result << model.line(row).text;
        return result;
    }
    static std::optional<StyledLine> firstLine(const TranscriptModel &model, const QString &text) {
        for (qsizetype row = 0; row < model.lineCount(); ++row) {
            if (model.line(row).text == text)
                return model.line(row);
        }
        return std::nullopt;
    }

    TestPki pki;
    SecureAgent agent{pki};
    QTemporaryDir configDir;
    QTemporaryDir spoolDir;
    SecretStore secrets{QStringLiteral("sandbox-console-test-") +
                        QUuid::createUuid().toString(QUuid::WithoutBraces)};
    Profile profile;
};

TEST_F(ConsoleSessionTest, TypedLineGivesHeaderStyledOutputAndEndBanner) {
    profile.env = {{QStringLiteral("DB_PASSWORD"), QStringLiteral("hunter2-value")}};
    auto session = makeSession(profile);
    QList<CommandContext> started;
    QObject::connect(session.get(), &ConsoleSession::commandStarted,
                     [&](quint64, const CommandContext &c) { started << c; });
    const auto summary = run(
        *session, QStringLiteral("echo out; echo err >&2; printf '\\033[31mred\\033[0m plain\\n'; "
                                 "exit 3"));
    ASSERT_TRUE(summary.has_value()) << "no end banner";
    EXPECT_EQ(summary->exitCode, 3);
    EXPECT_FALSE(summary->succeeded());
    ASSERT_EQ(started.size(), 1);
    EXPECT_EQ(started[0].argv.first(), QStringLiteral("/bin/sh"));
    EXPECT_EQ(started[0].address, profile.address);
    EXPECT_TRUE(started[0].envKeys.contains(QStringLiteral("DB_PASSWORD")));
    EXPECT_TRUE(started[0].envKeys.contains(QStringLiteral("TERM"))) << "colour asked by default";

    const TranscriptModel &model = *session->transcript();
    const QString all = rows(model).join(QLatin1Char('\n'));
    EXPECT_TRUE(all.contains(QStringLiteral("$ /bin/sh -c"))) << all.toStdString();
    EXPECT_TRUE(all.contains(QStringLiteral("DB_PASSWORD=•••"))) << all.toStdString();
    EXPECT_FALSE(all.contains(QStringLiteral("hunter2-value"))) << "env values are masked";
    EXPECT_TRUE(all.contains(QStringLiteral("exit 3"))) << all.toStdString();
    const auto out = firstLine(model, QStringLiteral("out"));
    const auto err = firstLine(model, QStringLiteral("err"));
    const auto red = firstLine(model, QStringLiteral("red plain"));
    ASSERT_TRUE(out && err && red) << all.toStdString();
    EXPECT_EQ(out->kind, LineKind::Stdout);
    EXPECT_EQ(err->kind, LineKind::Stderr);
    ASSERT_FALSE(red->runs.isEmpty()) << "the SGR colour was lost";
    EXPECT_EQ(red->runs[0].start, 0);
    EXPECT_EQ(red->runs[0].length, 3);
    EXPECT_EQ(red->runs[0].style.foreground, TerminalColor::indexed16(1));
    EXPECT_FALSE(all.contains(QLatin1Char('\x1b'))) << "raw escape codes on screen";
    EXPECT_EQ(model.line(model.lineCount() - 1).kind, LineKind::BannerFailed);
}

TEST_F(ConsoleSessionTest, ProgressWithCarriageReturnsEndsAsOneLine) {
    auto session = makeSession(profile);
    const auto summary = run(*session, QStringLiteral("for i in 10 50 100; do printf '%s%%\\r' $i; "
                                                      "done; printf 'done\\n'"));
    ASSERT_TRUE(summary && summary->succeeded());
    const QStringList all = rows(*session->transcript());
    EXPECT_TRUE(all.contains(QStringLiteral("done"))) << all.join(QLatin1Char('|')).toStdString();
    EXPECT_FALSE(all.join(QLatin1Char('\n')).contains(QStringLiteral("50%")))
        << all.join(QLatin1Char('|')).toStdString();
}

// The token is read from the keychain for each call; a changed token is used at once.
TEST_F(ConsoleSessionTest, TokenIsReadForEachCommand) {
    auto session = makeSession(profile);
    ASSERT_TRUE(run(*session, QStringLiteral("true"))->succeeded());
    ASSERT_EQ(awaitSecret(secrets.writeToken(profile.id, QStringLiteral("tok-wrong"))).status,
              SecretStatus::Ok);
    const auto refused = run(*session, QStringLiteral("true"));
    ASSERT_TRUE(refused.has_value());
    EXPECT_EQ(refused->outcome, ExecOutcome::Failed);
    EXPECT_TRUE(refused->detail.contains(QStringLiteral("token"), Qt::CaseInsensitive))
        << refused->detail.toStdString();
}

TEST_F(ConsoleSessionTest, TokenOverCleartextIsRefusedAndNothingIsSent) {
    Profile plain = profile;
    plain.caFile.clear(); // the agent speaks TLS; nothing may even try
    auto session = makeSession(plain);
    QSignalSpy refused(session.get(), &ConsoleSession::refused);
    QSignalSpy started(session.get(), &ConsoleSession::commandStarted);
    ASSERT_TRUE(session->submit(QStringLiteral("echo never")).started());
    ASSERT_TRUE(EventWait::until([&] { return !refused.isEmpty(); }, 20000));
    EXPECT_TRUE(refused.first().at(0).toString().contains(QStringLiteral("cleartext")));
    EXPECT_TRUE(started.isEmpty());
    EXPECT_FALSE(session->isBusy());
    const QString all = rows(*session->transcript()).join(QLatin1Char('\n'));
    EXPECT_TRUE(all.contains(QStringLiteral("Refused:"))) << all.toStdString();
    EXPECT_FALSE(all.contains(QString::fromStdString(agent.token())));
}

TEST_F(ConsoleSessionTest, CancelEndsTheCommandWithABanner) {
    auto session = makeSession(profile);
    std::optional<CommandSummary> summary;
    QObject::connect(session.get(), &ConsoleSession::commandEnded,
                     [&](quint64, const CommandSummary &s) { summary = s; });
    ASSERT_TRUE(session->submit(QStringLiteral("echo started; exec sleep 300.5317")).started());
    ASSERT_TRUE(EventWait::until(
        [&] { return rows(*session->transcript()).contains(QStringLiteral("started")); }, 30000));
    EXPECT_EQ(session->submit(QStringLiteral("echo second")).status,
              ConsoleSession::SubmitResult::Status::Busy);
    session->cancel();
    ASSERT_TRUE(EventWait::until([&] { return summary.has_value(); }, 30000));
    EXPECT_EQ(summary->outcome, ExecOutcome::Cancelled);
    EXPECT_FALSE(session->isBusy());
    EXPECT_TRUE(run(*session, QStringLiteral("echo fine"))->succeeded()) << "usable again";
}

// The ring keeps fewer lines than arrived; the marker says where the rest is, and the
// spool still has every line.
TEST_F(ConsoleSessionTest, RingDropsButTheSpoolKeepsEveryLine) {
    auto session = makeSession(profile);
    session->setScrollbackLines(1000);
    const auto summary = run(*session, QStringLiteral("seq 1 20000"));
    ASSERT_TRUE(summary && summary->succeeded());
    const TranscriptModel &model = *session->transcript();
    ASSERT_TRUE(model.hasDropMarker());
    EXPECT_TRUE(model.line(0).text.contains(QStringLiteral("saved in the transcript file")))
        << model.line(0).text.toStdString();
    EXPECT_LE(model.lineCount(), 1001);
    QBuffer saved;
    saved.open(QIODevice::WriteOnly);
    QString error;
    ASSERT_TRUE(
        session->spool()->save(saved, TranscriptSpool::SaveFormat::RawBytes, std::nullopt, &error))
        << error.toStdString();
    QByteArray expected;
    for (int i = 1; i <= 20000; ++i)
        expected += QByteArray::number(i) + '\n';
    EXPECT_EQ(saved.data(), expected);
    EXPECT_TRUE(QDir(spoolDir.path()).entryList(QDir::Files).size() >= 1);
}

// Issue 8, item 9: with presenter mode on, `env` shows the profile's env values masked; a
// secret:// reference's resolved value cannot be known and is not; the spool (what a save
// writes) keeps everything as the agent sent it.
TEST_F(ConsoleSessionTest, PresenterModeMasksEnvValuesInOutputButNotInTheSpool) {
    profile.env = {{QStringLiteral("DB_PASSWORD"), QStringLiteral("hunter2-value")},
                   {QStringLiteral("REGION"), QStringLiteral("eu-west-9")}};
    auto session = makeSession(profile);
    // Shown before presenter mode was turned on: masked once it is.
    ASSERT_TRUE(run(*session, QStringLiteral("echo before=$REGION")));
    session->setPresenterMode(true);
    const auto summary =
        run(*session, QStringLiteral("env; printf 'DB_PASSWORD=%s' \"$DB_PASSWORD\""));
    ASSERT_TRUE(summary && summary->succeeded());
    const QString shown = rows(*session->transcript()).join(QLatin1Char('\n'));
    EXPECT_FALSE(shown.contains(QStringLiteral("hunter2-value"))) << shown.toStdString();
    EXPECT_FALSE(shown.contains(QStringLiteral("eu-west-9"))) << shown.toStdString();
    EXPECT_TRUE(shown.contains(QStringLiteral("DB_PASSWORD=•••••••••••••"))) << shown.toStdString();
    EXPECT_TRUE(shown.contains(QStringLiteral("before=•••••••••"))) << shown.toStdString();

    QBuffer saved;
    saved.open(QIODevice::WriteOnly);
    QString error;
    ASSERT_TRUE(
        session->spool()->save(saved, TranscriptSpool::SaveFormat::PlainText, std::nullopt, &error))
        << error.toStdString();
    EXPECT_TRUE(saved.data().contains("DB_PASSWORD=hunter2-value")) << "saves are the record";
    EXPECT_TRUE(saved.data().contains("before=eu-west-9"));

    session->setPresenterMode(false);
    ASSERT_TRUE(run(*session, QStringLiteral("echo after=$REGION")));
    EXPECT_TRUE(rows(*session->transcript()).contains(QStringLiteral("after=eu-west-9")));
}

// Issue 8, item 12: against a port that accepts and never answers TLS, the session stays
// "connecting" until the command ends, and the end says what happened.
TEST_F(ConsoleSessionTest, SilentPortStaysConnectingAndNamesTheStalledHandshake) {
    const int listener = ::socket(AF_INET, SOCK_STREAM, 0);
    ASSERT_GE(listener, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    ASSERT_EQ(::bind(listener, reinterpret_cast<sockaddr *>(&addr), len), 0);
    ASSERT_EQ(::listen(listener, 16), 0);
    ASSERT_EQ(::getsockname(listener, reinterpret_cast<sockaddr *>(&addr), &len), 0);
    profile.address = QStringLiteral("127.0.0.1:%1").arg(ntohs(addr.sin_port));
    profile.connectTimeoutMs = 1000;
    auto session = makeSession(profile);
    QList<ConnectionState> states;
    QObject::connect(session.get(), &ConsoleSession::connectionStateChanged,
                     [&](ConnectionState s) { states << s; });
    const auto summary = run(*session, QStringLiteral("true"));
    ::close(listener);
    ASSERT_TRUE(summary.has_value());
    EXPECT_TRUE(states.contains(ConnectionState::Connecting));
    EXPECT_FALSE(states.contains(ConnectionState::Ready)) << "the handshake never finished";
    EXPECT_TRUE(summary->detail.contains(
        profile.address + QStringLiteral(" accepted the connection but never completed the TLS "
                                         "handshake (is it a TLS port?)")))
        << summary->detail.toStdString();
}

// Issue 8, item 12: "connecting" lasts until the handshake is done, not until output: a
// command that prints nothing for a while is "ready" (running) meanwhile.
TEST_F(ConsoleSessionTest, ConnectionIsReadyOnceTheHandshakeIsDoneBeforeAnyOutput) {
    SharedDir shared;
    ASSERT_TRUE(shared.ok());
    auto session = makeSession(profile);
    const QString gate = QString::fromStdString(shared.path("go"));
    std::optional<CommandSummary> summary;
    QObject::connect(session.get(), &ConsoleSession::commandEnded,
                     [&summary](quint64, const CommandSummary &s) { summary = s; });
    ASSERT_TRUE(session->submit(QStringLiteral("while [ ! -e %1 ]; do sleep 0.1; done").arg(gate))
                    .started());
    EXPECT_TRUE(EventWait::until(
        [&] { return session->connectionState() == ConnectionState::Ready; }, 30000))
        << "still " << connectionStateText(session->connectionState()).toStdString();
    EXPECT_TRUE(session->isBusy()) << "ready while the silent command still runs";
    ASSERT_TRUE(shared.write("go", "go"));
    EXPECT_TRUE(EventWait::until([&] { return summary.has_value(); }, 60000));
}

// The tab's quick overrides reach the agent for this command only.
TEST_F(ConsoleSessionTest, OverridesApplyToTheCommandAndItsHeader) {
    auto session = makeSession(profile);
    std::optional<CommandContext> context;
    QObject::connect(session.get(), &ConsoleSession::commandStarted,
                     [&](quint64, const CommandContext &c) { context = c; });
    ConsoleSession::Overrides overrides;
    overrides.workdir = QStringLiteral("/tmp");
    overrides.securityProfile = QStringLiteral("permissive");
    std::optional<CommandSummary> summary;
    QObject::connect(session.get(), &ConsoleSession::commandEnded,
                     [&](quint64, const CommandSummary &s) { summary = s; });
    ASSERT_TRUE(session->submit(QStringLiteral("pwd"), overrides).started());
    ASSERT_TRUE(EventWait::until([&] { return summary.has_value(); }, 60000));
    EXPECT_TRUE(summary->succeeded()) << summary->detail.toStdString();
    ASSERT_TRUE(context.has_value());
    EXPECT_EQ(context->workdir, QStringLiteral("/tmp"));
    EXPECT_EQ(context->securityProfileRequested, QStringLiteral("permissive"));
    EXPECT_EQ(context->securityProfileEffective, QStringLiteral("standard")) << "the clamp";
    EXPECT_TRUE(rows(*session->transcript()).contains(QStringLiteral("/tmp")));
    // The next command without overrides runs in the profile's defaults again.
    ASSERT_TRUE(run(*session, QStringLiteral("pwd"))->succeeded());
}

// Closing the tab mid-command: the session cancels it, joins its threads and goes away.
TEST_F(ConsoleSessionTest, DestroyedDuringARunningCommandIsOrderly) {
    auto session = makeSession(profile);
    ASSERT_TRUE(session->submit(QStringLiteral("echo go; exec sleep 300.7219")).started());
    ASSERT_TRUE(EventWait::until(
        [&] { return rows(*session->transcript()).contains(QStringLiteral("go")); }, 30000));
    session.reset(); // returns only after the worker and the feed's builder have stopped
    using namespace std::string_literals;
    EXPECT_TRUE(ProcessProbe::waitUntilNoneRuns("sleep\0"s
                                                "300.7219\0"s,
                                                std::chrono::seconds(20)))
        << "the remote command outlived the session";
}

// Two consoles asking the keychain at once each get their own profile's token.
TEST_F(ConsoleSessionTest, ConcurrentSessionsGetTheirOwnTokens) {
    Profile other = profile;
    other.id = QUuid::createUuid();
    ASSERT_EQ(awaitSecret(secrets.writeToken(other.id, QStringLiteral("tok-other"))).status,
              SecretStatus::Ok);
    auto a = makeSession(profile);
    auto b = makeSession(other);
    std::optional<CommandSummary> endA;
    std::optional<CommandSummary> endB;
    QObject::connect(a.get(), &ConsoleSession::commandEnded,
                     [&](quint64, const CommandSummary &s) { endA = s; });
    QObject::connect(b.get(), &ConsoleSession::commandEnded,
                     [&](quint64, const CommandSummary &s) { endB = s; });
    ASSERT_TRUE(a->submit(QStringLiteral("true")).started());
    ASSERT_TRUE(b->submit(QStringLiteral("true")).started());
    ASSERT_TRUE(EventWait::until([&] { return endA && endB; }, 60000));
    EXPECT_TRUE(endA->succeeded()) << endA->detail.toStdString();
    EXPECT_EQ(endB->outcome, ExecOutcome::Failed) << "b used its own (wrong) token";
    awaitSecret(secrets.deleteToken(other.id));
}

} // namespace
