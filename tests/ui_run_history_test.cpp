// The Run History dock against the real agent and the real keychain: runs listed newest
// first and kept across a restart, search, Re-run, Edit and run, Open transcript, Delete.
#include "command_input.h"
#include "console_tab.h"
#include "dialog_answers.h"
#include "event_wait.h"
#include "main_window.h"
#include "qstring_print.h"
#include "quick_overrides_bar.h"
#include "run_history.h"
#include "run_history_model.h"
#include "run_history_panel.h"
#include "secure_agent.h"
#include "test_pki.h"
#include "transcript_model.h"
#include "transcript_view.h"
#include "ui_agent_fixture.h"

#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QTreeView>
#include <QUrl>

using namespace sandbox;
using sandbox::test::AgentUiFixture;
using sandbox::test::EventWait;
using sandbox::test::SecureAgent;
using sandbox::test::TestPki;

namespace {

class UiRunHistory : public AgentUiFixture {
protected:
    ConsoleTab *openWindow() {
        window = std::make_unique<MainWindow>(store.get(), secrets.get(), settings.get());
        window->resize(1200, 760);
        window->show();
        return window->openConsole(profile.id);
    }

    // Waits (bounded) for the tab's next end banner after `start` ran.
    static bool awaitEnd(ConsoleTab *tab, const std::function<void()> &start) {
        QSignalSpy ended(tab, &ConsoleTab::commandEnded);
        start();
        return ended.wait(60000);
    }
    static bool run(ConsoleTab *tab, const QString &line) {
        return awaitEnd(tab, [&] {
            tab->input()->setText(line);
            QTest::keyClick(tab->input(), Qt::Key_Return);
        });
    }
    static QString textOf(ConsoleTab *tab) {
        return tab->view()->model()->exportAll(TranscriptExport::Format::PlainText);
    }
    RunHistoryPanel *panel() const { return window->historyPanel(); }
    QString cell(int row, int column) const {
        return panel()->model()->index(row, column).data().toString();
    }
    // Rows shown, and the newest run's transcript kept (it is linked when the run ends).
    bool historyShows(int rows) const {
        return panel()->model()->rowCount() == rows &&
               (rows == 0 || !panel()->model()->record(0).transcriptPath.isEmpty());
    }
};

} // namespace

TEST_F(UiRunHistory, RunsAreListedNewestFirstAndKeptAcrossARestart) {
    ConsoleTab *tab = openWindow();
    ASSERT_NE(tab, nullptr);
    EXPECT_TRUE(window->historyDock()->isVisibleTo(window.get()));
    tab->overrides()->workdirEdit()->setText(QStringLiteral("/tmp"));
    ASSERT_TRUE(run(tab, QStringLiteral("echo first; exit 4")));
    ASSERT_TRUE(run(tab, QStringLiteral("echo second")));
    ASSERT_TRUE(EventWait::until([&] { return historyShows(2); }));
    EXPECT_EQ(cell(0, RunHistoryModel::Command), QStringLiteral("echo second"));
    EXPECT_EQ(cell(0, RunHistoryModel::Status), QStringLiteral("exit 0"));
    EXPECT_EQ(cell(1, RunHistoryModel::Command), QStringLiteral("echo first; exit 4"));
    EXPECT_EQ(cell(1, RunHistoryModel::Status), QStringLiteral("exit 4"));
    EXPECT_EQ(cell(1, RunHistoryModel::Bytes), QStringLiteral("6 B"));
    EXPECT_FALSE(cell(1, RunHistoryModel::Started).isEmpty());
    EXPECT_TRUE(panel()->titleLabel()->text().contains(profile.name));

    window.reset();
    makeStores(); // a restart: new stores on the same directories
    ASSERT_NE(openWindow(), nullptr);
    ASSERT_EQ(panel()->model()->rowCount(), 2);
    EXPECT_EQ(cell(0, RunHistoryModel::Command), QStringLiteral("echo second"));
    EXPECT_EQ(cell(1, RunHistoryModel::Status), QStringLiteral("exit 4"));
    const RunRecord first = panel()->model()->record(1);
    EXPECT_EQ(first.overrides.workdir, std::optional<QString>(QStringLiteral("/tmp")));
    EXPECT_TRUE(QFileInfo::exists(first.transcriptPath)) << first.transcriptPath.toStdString();
}

TEST_F(UiRunHistory, SearchFiltersTheRuns) {
    ConsoleTab *tab = openWindow();
    ASSERT_TRUE(run(tab, QStringLiteral("echo alpha")));
    ASSERT_TRUE(run(tab, QStringLiteral("echo beta; exit 2")));
    ASSERT_TRUE(EventWait::until([&] { return historyShows(2); }));
    panel()->searchField()->setText(QStringLiteral("ALPHA"));
    ASSERT_EQ(panel()->model()->rowCount(), 1);
    EXPECT_EQ(cell(0, RunHistoryModel::Command), QStringLiteral("echo alpha"));
    panel()->searchField()->setText(QStringLiteral("exit 2"));
    ASSERT_EQ(panel()->model()->rowCount(), 1);
    EXPECT_EQ(cell(0, RunHistoryModel::Command), QStringLiteral("echo beta; exit 2"));
    panel()->searchField()->clear();
    EXPECT_EQ(panel()->model()->rowCount(), 2);
}

TEST_F(UiRunHistory, RerunRunsTheCommandAgainWithItsOverrides) {
    ConsoleTab *tab = openWindow();
    tab->overrides()->workdirEdit()->setText(QStringLiteral("/tmp"));
    ASSERT_TRUE(run(tab, QStringLiteral("echo \"cwd=$(pwd)\"")));
    ASSERT_TRUE(EventWait::until([&] { return historyShows(1); }));
    tab->overrides()->workdirEdit()->clear(); // the user changed the tab since
    panel()->selectRow(0);
    ASSERT_TRUE(panel()->action(QStringLiteral("rerun"))->isEnabled());
    const QUuid original = panel()->selectedRun()->id;
    ASSERT_TRUE(awaitEnd(tab, [&] { panel()->action(QStringLiteral("rerun"))->trigger(); }));
    EXPECT_EQ(textOf(tab).count(QStringLiteral("cwd=/tmp\n")), 2) << textOf(tab).toStdString();
    ASSERT_TRUE(EventWait::until([&] { return historyShows(2); }));
    EXPECT_EQ(cell(0, RunHistoryModel::Command), QStringLiteral("echo \"cwd=$(pwd)\""));
    EXPECT_EQ(tab->overrides()->workdirEdit()->text(), QStringLiteral("/tmp"))
        << "the bar shows what ran";
    ASSERT_TRUE(panel()->selectedRun().has_value());
    EXPECT_EQ(panel()->selectedRun()->id, original) << "the selection stays on its run";
}

TEST_F(UiRunHistory, EditAndRunFillsInputAndOverridesWithoutRunning) {
    ConsoleTab *tab = openWindow();
    tab->overrides()->imageEdit()->setText(QStringLiteral("busybox:demo"));
    tab->overrides()->securityProfileCombo()->setCurrentText(QStringLiteral("strict"));
    ASSERT_TRUE(run(tab, QStringLiteral("echo edit me")));
    ASSERT_TRUE(EventWait::until([&] { return historyShows(1); }));
    tab->overrides()->imageEdit()->clear();
    tab->overrides()->securityProfileCombo()->setCurrentText(QString());
    tab->overrides()->workdirEdit()->setText(QStringLiteral("/somewhere"));
    panel()->selectRow(0);
    QSignalSpy started(tab->session(), &ConsoleSession::commandStarted);
    panel()->action(QStringLiteral("editAndRun"))->trigger();
    EXPECT_EQ(tab->input()->text(), QStringLiteral("echo edit me"));
    EXPECT_EQ(tab->overrides()->imageEdit()->text(), QStringLiteral("busybox:demo"));
    EXPECT_EQ(tab->overrides()->securityProfileCombo()->currentText(), QStringLiteral("strict"));
    EXPECT_TRUE(tab->overrides()->workdirEdit()->text().isEmpty());
    EXPECT_TRUE(tab->input()->hasFocus());
    QTest::qWait(200); // nothing may start on its own
    EXPECT_EQ(started.count(), 0);
    EXPECT_FALSE(tab->isBusy());
    ASSERT_TRUE(awaitEnd(tab, [&] { QTest::keyClick(tab->input(), Qt::Key_Return); }));
    EXPECT_EQ(started.count(), 1);
    EXPECT_EQ(textOf(tab).count(QStringLiteral("edit me\n")), 2);
}

// The env the tab set is part of what ran: Re-run sends it again after the tab's editor
// changed, also after a restart, and Edit and run puts it back into the editor.
TEST_F(UiRunHistory, RerunAndEditBringBackTheTabsEnvValues) {
    ConsoleTab *tab = openWindow();
    tab->overrides()->setEnv({{QStringLiteral("STAGE"), QStringLiteral("from the tab")}});
    ASSERT_TRUE(run(tab, QStringLiteral("echo \"stage=$STAGE\"")));
    ASSERT_TRUE(EventWait::until([&] { return historyShows(1); }));
    ASSERT_TRUE(textOf(tab).contains(QStringLiteral("stage=from the tab\n")));

    window.reset();
    makeStores(); // a restart
    tab = openWindow();
    ASSERT_NE(tab, nullptr);
    EXPECT_TRUE(tab->overrides()->env().isEmpty());
    panel()->selectRow(0);
    ASSERT_TRUE(awaitEnd(tab, [&] { panel()->action(QStringLiteral("rerun"))->trigger(); }));
    EXPECT_TRUE(textOf(tab).contains(QStringLiteral("stage=from the tab\n")))
        << textOf(tab).toStdString();

    tab->overrides()->setEnv({});
    panel()->action(QStringLiteral("editAndRun"))->trigger();
    const QList<EnvVar> expected{{QStringLiteral("STAGE"), QStringLiteral("from the tab")}};
    EXPECT_EQ(tab->overrides()->env(), expected);
}

TEST_F(UiRunHistory, OpenTranscriptShowsTheRunsWholeOutput) {
    ConsoleTab *tab = openWindow();
    ASSERT_TRUE(run(tab, QStringLiteral("echo transcript line; echo on stderr >&2")));
    ASSERT_TRUE(EventWait::until([&] { return historyShows(1); }));
    panel()->selectRow(0);
    ASSERT_TRUE(panel()->action(QStringLiteral("openTranscript"))->isEnabled());
    panel()->action(QStringLiteral("openTranscript"))->trigger();
    ASSERT_EQ(DialogAnswers::openedUrls().size(), 1);
    QFile file(QUrl(DialogAnswers::openedUrls().first()).toLocalFile());
    ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << file.fileName().toStdString();
    const QString text = QString::fromUtf8(file.readAll());
    EXPECT_TRUE(text.contains(QStringLiteral("echo transcript line"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("transcript line\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("on stderr\n")));
    EXPECT_TRUE(text.contains(QStringLiteral("exit 0")));
    EXPECT_FALSE(text.contains(QString::fromStdString(agent.token())));
}

TEST_F(UiRunHistory, DeleteAsksThenRemovesTheRunAndItsTranscript) {
    ConsoleTab *tab = openWindow();
    ASSERT_TRUE(run(tab, QStringLiteral("echo keep")));
    ASSERT_TRUE(run(tab, QStringLiteral("echo drop")));
    ASSERT_TRUE(EventWait::until([&] { return historyShows(2); }));
    panel()->selectRow(0);
    const RunRecord drop = *panel()->selectedRun();
    ASSERT_EQ(drop.line, QStringLiteral("echo drop"));
    panel()->action(QStringLiteral("deleteRun"))->trigger(); // test mode answers Cancel
    EXPECT_EQ(panel()->model()->rowCount(), 2);
    EXPECT_TRUE(DialogAnswers::shownMessages().last().contains(QStringLiteral("echo drop")));
    DialogAnswers::pushMessageBoxAnswer(QMessageBox::Yes);
    panel()->selectRow(0);
    panel()->action(QStringLiteral("deleteRun"))->trigger();
    ASSERT_EQ(panel()->model()->rowCount(), 1);
    EXPECT_EQ(cell(0, RunHistoryModel::Command), QStringLiteral("echo keep"));
    EXPECT_FALSE(QFileInfo::exists(drop.transcriptPath));

    window.reset();
    makeStores();
    openWindow();
    ASSERT_EQ(panel()->model()->rowCount(), 1) << "the deletion was saved";
}
