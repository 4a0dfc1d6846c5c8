// ExecSession on its worker thread against the real sandbox-agent over TLS with a token.
#include "secure_agent.h"
#include "test_pki.h"

#include <exec_error_text.h>
#include <exec_session.h>
#include <exec_session_thread.h>

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QThread>

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <thread>

using namespace sandbox;
using namespace sandbox::test;

namespace {

// What the GUI would see: chunks drained on outputReady, then the result.
struct Collected {
    QByteArray out;
    QByteArray err;
    QList<bool> streams; // isStderr of every drained chunk
    std::optional<ExecResult> result;
    QList<ConnectionState> states;
};

class ExecSessionTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(pki.ok()) << pki.error();
        ASSERT_TRUE(agent.start());
        profile.name = QStringLiteral("local agent");
        profile.address = QString::fromStdString(agent.address());
        profile.caFile = pki.ca().certPath;
        profile.image = QString::fromLatin1(SecureAgent::kImage);
        profile.connectTimeoutMs = 5000;
        token = QString::fromStdString(agent.token());
    }

    void TearDown() override {
        EXPECT_FALSE(contains(agent.stderrText(), agent.token())) << "agent log has the token";
    }

    void attach(ExecSessionThread &owner, Collected &c) {
        ExecSession *s = owner.session();
        QObject::disconnect(s, nullptr, &context, nullptr); // one collector at a time
        auto drain = [s, &c] {
            for (const OutputChunk &chunk : s->takeOutput()) {
                (chunk.isStderr ? c.err : c.out).append(chunk.data);
                c.streams.append(chunk.isStderr);
            }
        };
        QObject::connect(s, &ExecSession::outputReady, &context, drain);
        QObject::connect(s, &ExecSession::commandFinished, &context,
                         [drain, &c](quint64, const ExecResult &r) {
                             drain();
                             c.result = r;
                         });
        QObject::connect(s, &ExecSession::stateChanged, &context,
                         [&c](ConnectionState st) { c.states.append(st); });
    }

    static SessionCommand shell(const QString &line) {
        SessionCommand cmd;
        cmd.argv = {QStringLiteral("/bin/sh"), QStringLiteral("-c"), line};
        cmd.displayText = line;
        return cmd;
    }

    // Processes events until pred holds or timeout passes (bounded; not a timing assertion).
    static bool waitUntil(const std::function<bool()> &pred, int timeoutMs) {
        QDeadlineTimer deadline(timeoutMs);
        while (!pred() && !deadline.hasExpired())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        return pred();
    }

    // Runs and waits (bounded) until the GUI side has seen commandFinished.
    bool runAndWait(ExecSessionThread &owner, const SessionCommand &cmd, Collected &c,
                    const QString &withToken, int timeoutMs = 60000) {
        owner.run(++nextId, cmd, withToken);
        return waitUntil([&c] { return c.result.has_value(); }, timeoutMs);
    }

    TestPki pki;
    SecureAgent agent{pki};
    Profile profile;
    QString token;
    QObject context;
    quint64 nextId = 0;
};

TEST_F(ExecSessionTest, OutputArrivesStderrIsFlaggedAndExitCodeReported) {
    ExecSessionThread owner(profile);
    EXPECT_EQ(owner.workerThread()->objectName(), QStringLiteral("exec-local agent"));
    EXPECT_NE(owner.session()->thread(), QThread::currentThread());
    Collected c;
    attach(owner, c);
    QSignalSpy started(owner.session(), &ExecSession::commandStarted);
    ASSERT_TRUE(
        runAndWait(owner, shell(QStringLiteral("echo out; echo err >&2; exit 3")), c, token));
    ASSERT_TRUE(c.result);
    EXPECT_EQ(c.result->outcome, ExecOutcome::Exited) << describe(*c.result);
    EXPECT_EQ(c.result->exitCode, 3);
    EXPECT_EQ(c.out, QByteArray("out\n"));
    EXPECT_EQ(c.err, QByteArray("err\n"));
    EXPECT_TRUE(c.streams.contains(true));
    EXPECT_TRUE(c.streams.contains(false));
    EXPECT_EQ(started.count(), 1);
    EXPECT_EQ(owner.session()->state(), ConnectionState::Ready);
    EXPECT_TRUE(c.states.contains(ConnectionState::Connecting));
    EXPECT_TRUE(ExecErrorText::banner(*c.result).startsWith(QLatin1String("exit 3")));

    // The runner is reused for the next command.
    Collected second;
    attach(owner, second);
    ASSERT_TRUE(runAndWait(owner, shell(QStringLiteral("printf again")), second, token));
    EXPECT_EQ(second.out, QByteArray("again"));
    EXPECT_FALSE(owner.session()->isRunning());
}

TEST_F(ExecSessionTest, QuickOverridesApplyToTheCommand) {
    ExecSessionThread owner(profile);
    Collected c;
    attach(owner, c);
    const QString dir = QDir::tempPath();
    SessionCommand cmd = shell(QStringLiteral("pwd"));
    cmd.workdir = dir;
    ASSERT_TRUE(runAndWait(owner, cmd, c, token));
    ASSERT_TRUE(c.result);
    EXPECT_EQ(c.result->exitCode, 0) << describe(*c.result);
    EXPECT_EQ(QString::fromUtf8(c.out).trimmed(), dir);
}

// True while some process runs argv exactly.
bool processRunning(const QByteArray &cmdline) {
    const QStringList pids = QDir(QStringLiteral("/proc")).entryList(QDir::Dirs);
    for (const QString &pid : pids) {
        QFile f(QStringLiteral("/proc/%1/cmdline").arg(pid));
        if (f.open(QIODevice::ReadOnly) && f.readAll() == cmdline)
            return true;
    }
    return false;
}

TEST_F(ExecSessionTest, CancelStopsASleepAndTheRemoteProcessIsGone) {
    ExecSessionThread owner(profile);
    Collected c;
    attach(owner, c);
    // A duration no other test uses, so /proc tells us about this very process.
    const QByteArray sleepCmdline("sleep\0"
                                  "300.4217\0",
                                  15);
    QSignalSpy ready(owner.session(), &ExecSession::outputReady);
    owner.run(1, shell(QStringLiteral("echo started; exec sleep 300.4217")), token);
    ASSERT_TRUE(ready.wait(30000)) << "no output from the command";
    EXPECT_TRUE(owner.session()->isRunning());
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!processRunning(sleepCmdline) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_TRUE(processRunning(sleepCmdline)) << "the remote sleep never started";

    owner.cancel();
    ASSERT_TRUE(waitUntil([&c] { return c.result.has_value(); }, 30000))
        << "cancel did not end the command";
    EXPECT_EQ(c.result->outcome, ExecOutcome::Cancelled) << describe(*c.result);
    EXPECT_TRUE(c.out.startsWith("started"));
    const auto gone = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (processRunning(sleepCmdline) && std::chrono::steady_clock::now() < gone)
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_FALSE(processRunning(sleepCmdline)) << "the agent left the remote process running";

    // The session is usable again afterwards.
    Collected after;
    attach(owner, after);
    ASSERT_TRUE(runAndWait(owner, shell(QStringLiteral("echo fine")), after, token));
    EXPECT_EQ(after.out, QByteArray("fine\n"));
}

TEST_F(ExecSessionTest, FloodNeverExceedsTheBufferCap) {
    ExecSessionThread owner(profile);
    Collected c;
    attach(owner, c);
    constexpr qint64 kBytes = 50'000'000;
    const QString line = QStringLiteral("head -c %1 /dev/zero | tr '\\0' x; "
                                        "head -c 1000000 /dev/zero | tr '\\0' y >&2")
                             .arg(kBytes);
    ASSERT_TRUE(runAndWait(owner, shell(line), c, token, 240000));
    ASSERT_TRUE(c.result);
    EXPECT_EQ(c.result->exitCode, 0) << describe(*c.result);
    EXPECT_EQ(c.out.size(), kBytes);
    EXPECT_EQ(c.err.size(), 1'000'000);
    EXPECT_EQ(c.out.count('x'), kBytes);
    EXPECT_EQ(qint64(c.result->stdoutBytes), kBytes);
    const OutputBuffer &buffer = owner.session()->outputBuffer();
    EXPECT_LE(buffer.highWaterMark(), buffer.capacity());
    EXPECT_GT(buffer.highWaterMark(), 0);
}

// A GUI that does not drain (busy, or a frozen tab) holds the producer at the cap.
TEST_F(ExecSessionTest, SlowConsumerHoldsTheProducerAtTheCap) {
    ExecSessionThread owner(profile);
    ExecSession *session = owner.session();
    const OutputBuffer &buffer = session->outputBuffer();
    std::optional<ExecResult> result;
    QObject::connect(session, &ExecSession::commandFinished, &context,
                     [&result](quint64, const ExecResult &r) { result = r; });
    owner.run(1, shell(QStringLiteral("head -c 30000000 /dev/zero")), token);
    ASSERT_TRUE(waitUntil([&] { return buffer.size() > buffer.capacity() - 64 * 1024; }, 60000))
        << "the buffer never filled up";
    EXPECT_LE(buffer.size(), buffer.capacity());
    EXPECT_TRUE(session->isRunning()) << "the producer waits instead of growing memory";
    EXPECT_FALSE(result);

    qint64 total = 0;
    ASSERT_TRUE(waitUntil(
        [&] {
            for (const OutputChunk &chunk : session->takeOutput())
                total += chunk.data.size();
            return result.has_value() && buffer.isEmpty();
        },
        120000));
    EXPECT_EQ(total, 30000000);
    EXPECT_EQ(result->exitCode, 0) << describe(*result);
    EXPECT_LE(buffer.highWaterMark(), buffer.capacity());
}

TEST_F(ExecSessionTest, TokenOverCleartextIsRefusedBeforeAnythingIsSent) {
    Profile plain = profile;
    plain.caFile.clear();
    plain.allowInsecure = false;
    ExecSessionThread owner(plain);
    Collected c;
    attach(owner, c);
    ASSERT_TRUE(runAndWait(owner, shell(QStringLiteral("echo should-not-run")), c, token));
    ASSERT_TRUE(c.result);
    EXPECT_EQ(c.result->outcome, ExecOutcome::Failed);
    EXPECT_EQ(c.result->error.kind, ExecErrorKind::InvalidConfig);
    EXPECT_TRUE(contains(c.result->error.message, "cleartext")) << describe(*c.result);
    EXPECT_TRUE(c.out.isEmpty());
    EXPECT_FALSE(contains(agent.stderrText(), "should-not-run"));
}

TEST_F(ExecSessionTest, WrongTokenAndUnreachableAgentAreExplained) {
    ExecSessionThread owner(profile);
    Collected c;
    attach(owner, c);
    ASSERT_TRUE(runAndWait(owner, shell(QStringLiteral("true")), c, QStringLiteral("wrong")));
    ASSERT_TRUE(c.result);
    EXPECT_EQ(c.result->error.kind, ExecErrorKind::Unauthenticated) << describe(*c.result);
    EXPECT_EQ(owner.session()->state(), ConnectionState::Error);
    EXPECT_TRUE(ExecErrorText::describe(*c.result, profile.address)
                    .contains(QLatin1String("refused the token")));

    Profile gone = profile;
    gone.address = QStringLiteral("127.0.0.1:1");
    gone.connectTimeoutMs = 2000;
    owner.setProfile(gone);
    Collected u;
    attach(owner, u);
    ASSERT_TRUE(runAndWait(owner, shell(QStringLiteral("true")), u, token));
    ASSERT_TRUE(u.result);
    EXPECT_EQ(u.result->outcome, ExecOutcome::Failed);
    const QString text = ExecErrorText::describe(*u.result, gone.address);
    EXPECT_TRUE(text.contains(gone.address)) << text.toStdString();
}

TEST_F(ExecSessionTest, ShutdownDuringARunningCommandIsOrderly) {
    auto owner = std::make_unique<ExecSessionThread>(profile);
    QSignalSpy ready(owner->session(), &ExecSession::outputReady);
    owner->run(1, shell(QStringLiteral("echo go; sleep 300")), token);
    ASSERT_TRUE(ready.wait(30000));
    QThread *worker = owner->workerThread();
    owner->shutdown();
    EXPECT_TRUE(worker->isFinished());
    EXPECT_EQ(owner->session(), nullptr) << "the session is deleted with its thread";
    owner.reset();
}

} // namespace
