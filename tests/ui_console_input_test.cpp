// The command input and the tab's overrides against the real agent and the real keychain:
// multi-line commands (Shift+Enter) that run and come back from the history exactly, long
// commands nothing cuts, env overrides that reach the command, a timeout that stops one,
// the header naming everything that was sent, and several tabs per profile.
#include "command_input.h"
#include "console_tab.h"
#include "env_table_widget.h"
#include "event_wait.h"
#include "main_window.h"
#include "process_probe.h"
#include "quick_overrides_bar.h"
#include "secure_agent.h"
#include "test_pki.h"
#include "transcript_model.h"
#include "transcript_view.h"
#include "ui_test_fixture.h"

#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QScreen>
#include <QSpinBox>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

using namespace sandbox;
using sandbox::test::EventWait;
using sandbox::test::SecureAgent;
using sandbox::test::TestPki;
using sandbox::test::UiFixture;

namespace {

class UiConsoleInput : public UiFixture {
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

    Profile addAgentProfile(const QString &name = QStringLiteral("Local agent"),
                            CommandMode mode = CommandMode::Shell) {
        Profile p;
        p.name = name;
        p.address = QString::fromStdString(agent.address());
        p.caFile = pki.ca().certPath;
        p.image = QString::fromLatin1(SecureAgent::kImage);
        p.mode = mode;
        p.askForColour = false;
        p.connectTimeoutMs = 5000;
        EXPECT_TRUE(store->add(p, nullptr, &p));
        EXPECT_EQ(writeToken(p.id, QString::fromStdString(agent.token())), SecretStore::Status::Ok);
        return p;
    }

    ConsoleTab *open(const Profile &p) {
        if (!window) {
            window = std::make_unique<MainWindow>(store.get(), secrets.get(), settings.get());
            window->resize(1200, 760);
            window->show();
        }
        return window->openConsole(p.id);
    }

    // Presses Enter in the input and waits (bounded) for the end banner.
    static bool enter(ConsoleTab *tab, int timeoutMs = 60000) {
        QSignalSpy ended(tab, &ConsoleTab::commandEnded);
        QTest::keyClick(tab->input(), Qt::Key_Return);
        return ended.wait(timeoutMs);
    }
    static bool run(ConsoleTab *tab, const QString &line, int timeoutMs = 60000) {
        tab->input()->setText(line);
        return enter(tab, timeoutMs);
    }
    static QString textOf(ConsoleTab *tab) {
        return tab->view()->model()->exportAll(TranscriptExport::Format::PlainText);
    }
    // The facts line of the newest command header.
    static QString lastFacts(ConsoleTab *tab) {
        const TranscriptModel *model = tab->view()->model();
        const QList<qsizetype> headers = model->headerRows();
        if (headers.isEmpty())
            return {};
        for (qsizetype row = headers.last(); row < model->lineCount(); ++row) {
            const StyledLine line = model->line(row);
            if (line.kind == LineKind::Header && line.text.contains(QStringLiteral(" · ")))
                return line.text;
        }
        return {};
    }

    TestPki pki;
    SecureAgent agent{pki};
    std::unique_ptr<MainWindow> window;
};

} // namespace

TEST_F(UiConsoleInput, MultiLineCommandRunsAndComesBackFromTheHistoryExactly) {
    ConsoleTab *tab = open(addAgentProfile());
    ASSERT_NE(tab, nullptr);
    CommandInput *input = tab->input();
    ASSERT_TRUE(EventWait::until([&] { return input->hasFocus(); }));
    const int oneLineHeight = input->height();
    QTest::keyClicks(input, QStringLiteral("for i in 1 2 3"));
    QTest::keyClick(input, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(input, QStringLiteral("do echo \"n=$i\""));
    QTest::keyClick(input, Qt::Key_Return, Qt::ShiftModifier);
    QTest::keyClicks(input, QStringLiteral("done"));
    const QString loop = QStringLiteral("for i in 1 2 3\ndo echo \"n=$i\"\ndone");
    EXPECT_EQ(input->text(), loop);
    EXPECT_FALSE(tab->isBusy()) << "Shift+Enter ran the command";
    EXPECT_GT(input->height(), oneLineHeight) << "the input did not grow with its lines";

    ASSERT_TRUE(enter(tab));
    QString text = textOf(tab);
    EXPECT_TRUE(text.contains(QStringLiteral("n=1\nn=2\nn=3\n"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("$ /bin/sh -c 'for i in 1 2 3\n> do echo \"n=$i\"\n> "
                                             "done'")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("exit 0")));
    EXPECT_EQ(input->text(), QString());
    EXPECT_EQ(input->height(), oneLineHeight);

    // Recalled with ↑ it is the same three lines, and it runs again (no "do" unexpected).
    QTest::keyClick(input, Qt::Key_Up);
    EXPECT_EQ(input->text(), loop);
    ASSERT_TRUE(enter(tab));
    text = textOf(tab);
    EXPECT_EQ(text.count(QStringLiteral("n=3\n")), 2) << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("unexpected")));
    EXPECT_EQ(tab->history().entries().last(), loop);
}

TEST_F(UiConsoleInput, LongCommandsAreSentWhole) {
    ConsoleTab *tab = open(addAgentProfile());
    ASSERT_NE(tab, nullptr);
    // 120,000 characters in shell mode: past the old 32,767 cut, within the agent's limit.
    const QString shellLine = QStringLiteral("printf %s ") + QString(119990, QLatin1Char('x')) +
                              QStringLiteral(" | wc -c");
    tab->input()->insertPlainText(shellLine); // what a paste does
    EXPECT_EQ(tab->input()->text().size(), shellLine.size());
    ASSERT_TRUE(enter(tab));
    QString text = textOf(tab);
    EXPECT_TRUE(text.contains(QStringLiteral("\n119990\n"))) << text.right(300).toStdString();

    // 200,000 characters as one shell argument: the agent refuses it and says how long it
    // was, so it was sent whole and nothing shorter ran.
    const QString tooLong = QStringLiteral("echo ") + QString(199995, QLatin1Char('y'));
    ASSERT_EQ(tooLong.size(), 200000);
    tab->input()->insertPlainText(tooLong);
    ASSERT_TRUE(enter(tab));
    text = textOf(tab);
    EXPECT_TRUE(text.contains(QStringLiteral("200001 bytes"))) << text.right(400).toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("\n") + QString(1000, QLatin1Char('y'))))
        << "a cut command ran";
}

TEST_F(UiConsoleInput, ArgvModeRunsA200000CharacterCommand) {
    ConsoleTab *tab = open(addAgentProfile(QStringLiteral("Argv agent"), CommandMode::Argv));
    ASSERT_NE(tab, nullptr);
    const QString a(99995, QLatin1Char('a'));
    const QString b(99995, QLatin1Char('b'));
    const QString line = QStringLiteral("printf %s ") + a + QLatin1Char(' ') + b;
    ASSERT_EQ(line.size(), 200001);
    tab->input()->insertPlainText(line);
    ASSERT_TRUE(enter(tab));
    // The output between the header and the banner, joined (the view breaks long lines).
    const QStringList lines = textOf(tab).split(QLatin1Char('\n'));
    QString output;
    bool inOutput = false;
    for (const QString &line : lines) {
        if (line.startsWith(QStringLiteral("──")))
            break;
        if (inOutput)
            output += line;
        inOutput = inOutput || line.contains(QStringLiteral(" · "));
    }
    EXPECT_EQ(output.size(), a.size() + b.size());
    EXPECT_TRUE(output == a + b) << output.left(100).toStdString();
    EXPECT_TRUE(textOf(tab).contains(QStringLiteral("exit 0")));
}

// The Env button sits at the right end of the bar: its popup must stay on the screen, or its
// "Add variable" button is out of reach (seen in the demo under Xvfb).
TEST_F(UiConsoleInput, EnvPopupStaysOnTheScreen) {
    ConsoleTab *tab = open(addAgentProfile());
    ASSERT_NE(tab, nullptr);
    QuickOverridesBar *bar = tab->overrides();
    const QRect screen = bar->envButton()->screen()->availableGeometry();
    window->move(screen.right() + 1 - window->frameGeometry().width(), screen.top());
    QTest::mouseClick(bar->envButton(), Qt::LeftButton);
    ASSERT_TRUE(bar->envPopup()->isVisible());
    EXPECT_TRUE(screen.contains(bar->envPopup()->frameGeometry()))
        << "popup at " << bar->envPopup()->frameGeometry().x() << ","
        << bar->envPopup()->frameGeometry().y() << " on a screen " << screen.width() << "x"
        << screen.height();
    bar->envPopup()->hide();
}

TEST_F(UiConsoleInput, OverridesReachTheCommandAndTheHeaderNamesEverythingSent) {
    Profile p = addAgentProfile();
    p.env = {{QStringLiteral("MODE"), QStringLiteral("prod")},
             {QStringLiteral("KEEP"), QStringLiteral("kept")}};
    ASSERT_TRUE(store->update(p));
    ConsoleTab *tab = open(p);
    ASSERT_NE(tab, nullptr);
    QuickOverridesBar *bar = tab->overrides();
    EXPECT_TRUE(bar->envButton()->toolTip().contains(QStringLiteral("MODE=•••")));
    bar->setEnv({{QStringLiteral("MODE"), QStringLiteral("test-value")},
                 {QStringLiteral("EXTRA"), QStringLiteral("extra-value")}});
    EXPECT_TRUE(bar->envButton()->text().contains(QStringLiteral("MODE, EXTRA")))
        << bar->envButton()->text().toStdString();
    bar->workdirEdit()->setText(QStringLiteral("/tmp"));
    bar->securityProfileCombo()->setCurrentText(QStringLiteral("strict"));

    ASSERT_TRUE(run(tab, QStringLiteral("echo \"$MODE $KEEP $EXTRA $(pwd)\"")));
    const QString text = textOf(tab);
    EXPECT_TRUE(text.contains(QStringLiteral("test-value kept extra-value /tmp\n")))
        << text.toStdString();
    const QString facts = lastFacts(tab);
    for (const QString &part :
         QStringList{QStringLiteral("profile Local agent"), QString::fromStdString(agent.address()),
                     QStringLiteral("image ") + QString::fromLatin1(SecureAgent::kImage),
                     QStringLiteral("security strict"), QStringLiteral("workdir /tmp"),
                     QStringLiteral("env MODE=••• KEEP=••• EXTRA=•••"),
                     QStringLiteral("set in this tab: MODE, EXTRA")})
        EXPECT_TRUE(facts.contains(part))
            << part.toStdString() << " not in " << facts.toStdString();
    EXPECT_FALSE(facts.contains(QStringLiteral("test-value")));
    EXPECT_TRUE(text.contains(QStringLiteral("$ /bin/sh -c 'echo \"$MODE $KEEP $EXTRA $(pwd)\"'")))
        << text.toStdString();

    // A bad name is caught before anything is sent.
    bar->setEnv({{QStringLiteral("1BAD"), QStringLiteral("x")}});
    tab->input()->setText(QStringLiteral("echo never"));
    QTest::keyClick(tab->input(), Qt::Key_Return);
    EXPECT_FALSE(tab->isBusy());
    EXPECT_TRUE(tab->inputErrorLabel()->isVisible());
    EXPECT_TRUE(tab->inputErrorLabel()->text().contains(QStringLiteral("1BAD")));
}

TEST_F(UiConsoleInput, TimeoutStopsACommandAndSaysSo) {
    ConsoleTab *tab = open(addAgentProfile());
    ASSERT_NE(tab, nullptr);
    tab->overrides()->timeoutSpin()->setValue(2);
    ASSERT_TRUE(run(tab, QStringLiteral("echo started; sleep 120.4242; echo never")));
    const QString text = textOf(tab);
    EXPECT_TRUE(text.contains(QStringLiteral("started\n")));
    EXPECT_FALSE(text.contains(QStringLiteral("never\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("did not finish in time"))) << text.toStdString();
    EXPECT_TRUE(lastFacts(tab).contains(QStringLiteral("timeout 2")))
        << lastFacts(tab).toStdString();
    using namespace std::string_literals;
    EXPECT_TRUE(test::ProcessProbe::waitUntilNoneRuns("sleep\0"s
                                                      "120.4242\0"s,
                                                      std::chrono::seconds(20)))
        << "the timeout left the remote command running";
}

TEST_F(UiConsoleInput, SeveralTabsPerProfileWithElidedTitles) {
    const Profile p = addAgentProfile();
    const QString longName = QString(500, QLatin1Char('L'));
    const Profile other = addAgentProfile(longName);
    ConsoleTab *first = open(p);
    ASSERT_NE(first, nullptr);
    window->action(QStringLiteral("newTab"))->trigger();
    ConsoleTab *second = window->currentConsole();
    ASSERT_NE(second, first);
    EXPECT_EQ(second->profileId(), p.id);
    EXPECT_EQ(window->consoleTabs(p.id).size(), 2);
    // Each tab runs its own commands.
    ASSERT_TRUE(run(second, QStringLiteral("echo in-second")));
    EXPECT_TRUE(textOf(second).contains(QStringLiteral("in-second\n")));
    EXPECT_FALSE(textOf(first).contains(QStringLiteral("in-second")));

    ConsoleTab *longTab = open(other);
    QTabWidget *tabs = window->tabs();
    const int index = tabs->indexOf(longTab);
    EXPECT_EQ(tabs->tabToolTip(index), longName);
    EXPECT_LT(tabs->tabText(index).size(), 100);
    EXPECT_LT(tabs->tabBar()->tabRect(index).width(), tabs->width() / 2);
    EXPECT_TRUE(tabs->tabBar()->rect().contains(tabs->tabBar()->tabRect(0)))
        << "the long name pushed the first tab out of view";

    // Both tabs of the profile come back after a restart.
    window->close();
    window.reset();
    makeStores();
    window = std::make_unique<MainWindow>(store.get(), secrets.get(), settings.get());
    EXPECT_EQ(window->consoleTabs(p.id).size(), 2);
}
