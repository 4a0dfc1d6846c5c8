// The console against the real agent and the real keychain: output with stderr in its own
// colour and the end banner, cancel that kills the remote process, a flood that stays
// within the scrollback, and the refusal of a token over cleartext.
#include "command_input.h"
#include "connection_status.h"
#include "console_tab.h"
#include "dialog_answers.h"
#include "event_wait.h"
#include "info_bar.h"
#include "main_window.h"
#include "process_probe.h"
#include "profile_commands.h"
#include "profile_editor_dialog.h"
#include "quick_overrides_bar.h"
#include "secure_agent.h"
#include "terminal_palette.h"
#include "test_pki.h"
#include "transcript_model.h"
#include "transcript_view.h"
#include "ui_test_fixture.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>

#include <cerrno>
#include <signal.h>

using namespace sandbox;
using sandbox::test::SecureAgent;
using sandbox::test::TestPki;
using sandbox::test::UiFixture;

namespace {

using sandbox::test::EventWait;

class UiConsole : public UiFixture {
protected:
    void SetUp() override {
        UiFixture::SetUp();
        ASSERT_TRUE(pki.ok()) << pki.error();
        ASSERT_TRUE(agent.start());
    }
    void TearDown() override {
        window.reset();
        EXPECT_FALSE(test::contains(agent.stderrText(), agent.token()));
        UiFixture::TearDown();
    }

    // A TLS profile for the test agent with its token in the keychain.
    Profile addAgentProfile() {
        Profile p;
        p.name = QStringLiteral("Local agent");
        p.address = QString::fromStdString(agent.address());
        p.caFile = pki.ca().certPath;
        p.image = QString::fromLatin1(SecureAgent::kImage);
        p.connectTimeoutMs = 5000;
        EXPECT_TRUE(store->add(p, nullptr, &p));
        EXPECT_EQ(writeToken(p.id, QString::fromStdString(agent.token())), SecretStore::Status::Ok);
        return p;
    }

    ConsoleTab *open(const Profile &p) {
        window = std::make_unique<MainWindow>(store.get(), secrets.get(), settings.get());
        window->resize(1200, 760);
        window->show();
        return window->openConsole(p.id);
    }

    // Types a line, presses Enter and waits (bounded) for the end banner or refusal.
    static bool run(ConsoleTab *tab, const QString &line, int timeoutMs = 60000) {
        QSignalSpy ended(tab, &ConsoleTab::commandEnded);
        tab->input()->setText(line);
        QTest::keyClick(tab->input(), Qt::Key_Return);
        return ended.wait(timeoutMs);
    }

    // Everything the tab's transcript shows, as plain text.
    static QString textOf(ConsoleTab *tab) {
        return tab->view()->model()->exportAll(TranscriptExport::Format::PlainText);
    }

    // The foreground the view paints a whole output line with (0 when there is no such line).
    static quint32 colourOf(ConsoleTab *tab, const QString &line) {
        const TranscriptModel *model = tab->view()->model();
        for (qsizetype row = model->lineCount() - 1; row >= 0; --row) {
            const StyledLine l = model->line(row);
            if (l.text != line)
                continue;
            quint32 fg = 0;
            quint32 bg = 0;
            TerminalPalette::colours(l.styleAt(0), l.kind, fg, bg);
            return fg;
        }
        return 0;
    }

    TestPki pki;
    SecureAgent agent{pki};
    std::unique_ptr<MainWindow> window;
};

} // namespace

TEST_F(UiConsole, CommandShowsOutputStderrInColourAndExitBanner) {
    ConsoleTab *tab = open(addAgentProfile());
    ASSERT_NE(tab, nullptr);
    ASSERT_TRUE(EventWait::until([&] { return tab->input()->hasFocus(); }));
    ASSERT_TRUE(
        run(tab, QStringLiteral("echo hello from stdout; echo oops on stderr >&2; exit 3")));
    const QString text = textOf(tab);
    EXPECT_TRUE(text.contains(QStringLiteral("Local agent"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("echo hello from stdout"))); // header
    EXPECT_TRUE(text.contains(QStringLiteral("hello from stdout\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("oops on stderr\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("exit 3"))) << text.toStdString();
    const quint32 errColour = colourOf(tab, QStringLiteral("oops on stderr"));
    EXPECT_EQ(errColour, TerminalPalette::foregroundFor(LineKind::Stderr));
    EXPECT_NE(colourOf(tab, QStringLiteral("hello from stdout")), errColour);
    EXPECT_NE(colourOf(tab, QStringLiteral("hello from stdout")), 0u);
    EXPECT_TRUE(tab->input()->hasFocus());
    EXPECT_FALSE(text.contains(QString::fromStdString(agent.token())));

    EXPECT_EQ(window->connectionStatus()->stateText(), connectionStateText(ConnectionState::Ready));
    EXPECT_EQ(window->connectionStatus()->transportText(), QStringLiteral("TLS"));
    EXPECT_EQ(window->connectionStatus()->addressText(), QString::fromStdString(agent.address()));

    // A quick override of the workdir applies to the next command of this tab.
    tab->overrides()->workdirEdit()->setText(QStringLiteral("/tmp"));
    ASSERT_TRUE(run(tab, QStringLiteral("echo \"cwd=$(pwd)\"")));
    EXPECT_TRUE(textOf(tab).contains(QStringLiteral("cwd=/tmp\n"))) << textOf(tab).toStdString();
    EXPECT_TRUE(textOf(tab).contains(QStringLiteral("exit 0")));

    const QByteArray shot = qgetenv("UI_SCREENSHOT_PATH");
    if (!shot.isEmpty()) {
        EXPECT_TRUE(window->grab().save(QString::fromLocal8Bit(shot))) << shot.constData();
    }
}

TEST_F(UiConsole, ArgvModeReportsAnUnbalancedQuoteAndRunsNothing) {
    Profile p = addAgentProfile();
    p.mode = CommandMode::Argv;
    ASSERT_TRUE(store->update(p));
    ConsoleTab *tab = open(p);
    tab->input()->setText(QStringLiteral("echo 'unbalanced"));
    QTest::keyClick(tab->input(), Qt::Key_Return);
    EXPECT_TRUE(tab->inputErrorLabel()->isVisible());
    EXPECT_FALSE(tab->inputErrorLabel()->text().isEmpty());
    EXPECT_FALSE(tab->isBusy());
    EXPECT_EQ(tab->input()->text(), QStringLiteral("echo 'unbalanced"));
    EXPECT_EQ(tab->view()->model()->lineCount(), 0);
}

TEST_F(UiConsole, StopCancelsAndTheRemoteProcessIsGone) {
    ConsoleTab *tab = open(addAgentProfile());
    QSignalSpy ended(tab, &ConsoleTab::commandEnded);
    tab->input()->setText(QStringLiteral("sleep 300 & echo $!; wait"));
    QTest::keyClick(tab->input(), Qt::Key_Return);
    static const QRegularExpression pidLine(QStringLiteral("^(\\d+)$"),
                                            QRegularExpression::MultilineOption);
    ASSERT_TRUE(EventWait::until([&] { return pidLine.match(textOf(tab)).hasMatch(); }, 30000));
    // The sandbox printed its own pid; the host knows the process by another one.
    const pid_t pid = test::ProcessProbe::hostPid(agent.process().pid(),
                                                  pidLine.match(textOf(tab)).captured(1).toInt());
    ASSERT_GT(pid, 1);
    ASSERT_EQ(::kill(pid, 0), 0) << "the remote sleep is not running";
    EXPECT_TRUE(tab->stopButton()->isVisible());
    tab->stopButton()->click();
    ASSERT_TRUE(ended.count() > 0 || ended.wait(30000));
    EXPECT_TRUE(textOf(tab).contains(QStringLiteral("cancelled"))) << textOf(tab).toStdString();
    ASSERT_TRUE(EventWait::until([&] { return ::kill(pid, 0) == -1 && errno == ESRCH; }, 20000));
    EXPECT_FALSE(tab->stopButton()->isVisible());
}

TEST_F(UiConsole, EscCancelsFromTheInput) {
    ConsoleTab *tab = open(addAgentProfile());
    QSignalSpy ended(tab, &ConsoleTab::commandEnded);
    tab->input()->setText(QStringLiteral("echo started; exec sleep 300"));
    QTest::keyClick(tab->input(), Qt::Key_Return);
    ASSERT_TRUE(
        EventWait::until([&] { return textOf(tab).contains(QStringLiteral("started\n")); }, 30000));
    QTest::keyClick(tab->input(), Qt::Key_Escape);
    ASSERT_TRUE(ended.count() > 0 || ended.wait(30000));
    EXPECT_TRUE(textOf(tab).contains(QStringLiteral("cancelled")));
}

TEST_F(UiConsole, FloodStaysWithinTheScrollback) {
    settings->setScrollbackLines(2000);
    ConsoleTab *tab = open(addAgentProfile());
    // 50 MB: 500,000 lines of 99 characters. The marker goes to stdout too: stderr is read
    // concurrently by the agent, so on stderr it could arrive early and scroll away.
    ASSERT_TRUE(run(tab,
                    QStringLiteral("head -c 50000000 /dev/zero | tr '\\0' x | fold -w 99; "
                                   "echo flood-done"),
                    240000));
    const TranscriptModel *model = tab->view()->model();
    EXPECT_LE(model->lineCount(), 2001); // the ring plus the drop marker
    EXPECT_TRUE(model->hasDropMarker());
    EXPECT_TRUE(model->line(0).text.contains(QStringLiteral("saved in the transcript file")));
    const QString text = textOf(tab);
    EXPECT_TRUE(text.contains(QStringLiteral("flood-done")));
    EXPECT_TRUE(text.contains(QStringLiteral("exit 0"))) << text.right(300).toStdString();
    EXPECT_TRUE(text.contains(QString(99, QLatin1Char('x')) + QLatin1Char('\n')));
}

TEST_F(UiConsole, TokenOverCleartextIsRefusedWithEditProfileAction) {
    Profile p;
    p.name = QStringLiteral("Plaintext with token");
    p.address = QString::fromStdString(agent.address());
    p.image = QString::fromLatin1(SecureAgent::kImage);
    ASSERT_TRUE(store->add(p, nullptr, &p));
    ASSERT_EQ(writeToken(p.id, QStringLiteral("tok-cleartext")), SecretStore::Status::Ok);
    ConsoleTab *tab = open(p);
    ASSERT_TRUE(run(tab, QStringLiteral("echo must not run")));
    const QString text = textOf(tab);
    EXPECT_TRUE(text.contains(QStringLiteral("cleartext"))) << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("must not run\n")));
    EXPECT_TRUE(tab->refusalBar()->isVisible());
    EXPECT_EQ(tab->refusalBar()->level(), InfoBar::Level::Error);
    EXPECT_TRUE(tab->refusalBar()->text().contains(QStringLiteral("refused")));
    EXPECT_FALSE(text.contains(QStringLiteral("tok-cleartext")));

    ASSERT_TRUE(tab->editProfileButton()->isVisible());
    tab->editProfileButton()->click();
    ProfileEditorDialog *editor = window->profileCommands()->editor();
    ASSERT_NE(editor, nullptr);
    EXPECT_EQ(editor->profileId(), p.id);
}

// Closing a tab or quitting while a command runs asks first; Cancel keeps it running.
TEST_F(UiConsole, CloseWhileRunningAsksFirst) {
    ConsoleTab *tab = open(addAgentProfile());
    tab->input()->setText(QStringLiteral("echo started; exec sleep 300.6113"));
    QTest::keyClick(tab->input(), Qt::Key_Return);
    ASSERT_TRUE(
        EventWait::until([&] { return textOf(tab).contains(QStringLiteral("started\n")); }, 30000));
    auto *tabs = window->findChild<QTabWidget *>();
    ASSERT_NE(tabs, nullptr);

    DialogAnswers::pushMessageBoxAnswer(QMessageBox::Cancel);
    Q_EMIT tabs->tabCloseRequested(tabs->indexOf(tab));
    EXPECT_TRUE(DialogAnswers::shownMessages().last().contains(QStringLiteral("still running")));
    ASSERT_EQ(tabs->count(), 1) << "Cancel closed the tab anyway";
    EXPECT_TRUE(tab->isBusy());

    DialogAnswers::pushMessageBoxAnswer(QMessageBox::Cancel);
    EXPECT_FALSE(window->close()) << "quitting did not ask";
    EXPECT_TRUE(tab->isBusy());

    DialogAnswers::pushMessageBoxAnswer(QMessageBox::Yes);
    Q_EMIT tabs->tabCloseRequested(tabs->indexOf(tab));
    EXPECT_EQ(tabs->count(), 0);
    using namespace std::string_literals;
    EXPECT_TRUE(test::ProcessProbe::waitUntilNoneRuns("sleep\0"s
                                                      "300.6113\0"s,
                                                      std::chrono::seconds(20)))
        << "closing the tab left the remote command running";
}
