// Jobs in the console against the real agent and the real keychain: Save as job… and Copy as
// sandboxctl command from the run history (the copied line run through /bin/sh), and Open
// Job from the File menu, a drop onto the window and the command line, with the offer to
// create an unknown profile. An opened job runs only when the user presses Enter.
#include "command_input.h"
#include "console_command_line.h"
#include "console_shell.h"
#include "console_tab.h"
#include "ctl_command_line.h"
#include "dialog_answers.h"
#include "event_wait.h"
#include "info_bar.h"
#include "job_commands.h"
#include "job_spec_file.h"
#include "main_window.h"
#include "profile_commands.h"
#include "qstring_print.h"
#include "quick_overrides_bar.h"
#include "run_history_model.h"
#include "run_history_panel.h"
#include "secure_agent.h"
#include "shell_quote.h"
#include "test_pki.h"
#include "transcript_model.h"
#include "transcript_view.h"
#include "ui_agent_fixture.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QProcess>
#include <QTabWidget>
#include <QUrl>

using namespace sandbox;
using sandbox::test::AgentUiFixture;
using sandbox::test::EventWait;
using sandbox::test::SecureAgent;
using sandbox::test::TestPki;

namespace {

class UiJobs : public AgentUiFixture {
protected:
    void prepareProfile(Profile &p) override {
        p.env = {{QStringLiteral("PLAIN_VALUE"), QStringLiteral("plain-env-value")}};
    }

    void openWindow() {
        window = std::make_unique<MainWindow>(store.get(), secrets.get(), settings.get());
        window->resize(1200, 760);
        window->show();
    }
    static bool run(ConsoleTab *tab, const QString &line) {
        QSignalSpy ended(tab, &ConsoleTab::commandEnded);
        tab->input()->setText(line);
        QTest::keyClick(tab->input(), Qt::Key_Return);
        return ended.wait(60000);
    }
    static QString textOf(ConsoleTab *tab) {
        return tab->view()->model()->exportAll(TranscriptExport::Format::PlainText);
    }
    // Runs a line in the profile's tab and selects it in the history panel.
    ConsoleTab *runAndSelect(const QString &line, const QString &workdir = {}) {
        ConsoleTab *tab = window->openConsole(profile.id);
        tab->overrides()->workdirEdit()->setText(workdir);
        EXPECT_TRUE(run(tab, line));
        RunHistoryPanel *panel = window->historyPanel();
        EXPECT_TRUE(EventWait::until([&] {
            return panel->model()->rowCount() > 0 &&
                   !panel->model()->record(0).transcriptPath.isEmpty();
        }));
        panel->selectRow(0);
        return tab;
    }
    // A job file written the way Save as job… writes it.
    QString writeJob(const Profile &p, const QString &line, const QString &workdir) {
        RunOverrides overrides;
        overrides.workdir = workdir;
        const std::optional<JobSpec> spec = JobSpec::fromRun(p, overrides, line);
        EXPECT_TRUE(spec.has_value());
        const QString path = jobsDir.filePath(QStringLiteral("x.sandbox-job.json"));
        QString error;
        EXPECT_TRUE(JobSpecFile::write(path, *spec, &error)) << error.toStdString();
        return path;
    }
    // Waits a little for anything that would start on its own, then checks nothing did.
    static void expectNothingRuns(ConsoleTab *tab) {
        QSignalSpy started(tab->session(), &ConsoleSession::commandStarted);
        QTest::qWait(300);
        EXPECT_EQ(started.count(), 0);
        EXPECT_FALSE(tab->isBusy());
    }

    QTemporaryDir jobsDir;
};

} // namespace

TEST_F(UiJobs, SaveAsJobWritesWhatRanWithoutPlainEnvValuesUnlessAsked) {
    // A reference the agent cannot resolve: the run fails, its job is still what was sent.
    profile.env.append({QStringLiteral("DB"), QStringLiteral("secret://db.password")});
    ASSERT_TRUE(store->update(profile));
    openWindow();
    runAndSelect(QStringLiteral("echo saved"), QStringLiteral("/tmp"));
    const QString path = jobsDir.filePath(QStringLiteral("saved"));
    DialogAnswers::pushMessageBoxAnswer(QMessageBox::No); // include plain values? No
    DialogAnswers::pushFileName(path);
    window->historyPanel()->action(QStringLiteral("saveJob"))->trigger();
    EXPECT_TRUE(DialogAnswers::shownMessages().last().contains(QStringLiteral("PLAIN_VALUE")))
        << "the question names the keys whose values would leave";
    const QString written = path + QStringLiteral(".sandbox-job.json");
    QString error;
    const std::optional<JobSpec> job = JobSpecFile::read(written, &error);
    ASSERT_TRUE(job.has_value()) << error.toStdString();
    EXPECT_EQ(job->shellLine, QStringLiteral("echo saved"));
    EXPECT_EQ(job->workdir, QStringLiteral("/tmp"));
    EXPECT_EQ(job->image, profile.image);
    EXPECT_EQ(job->profile.id, profile.id);
    EXPECT_EQ(job->profile.address, profile.address);
    EXPECT_EQ(job->keysWithoutValue(), QStringList{QStringLiteral("PLAIN_VALUE")});
    QFile file(written);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    EXPECT_TRUE(bytes.contains("secret://db.password")) << "references are kept verbatim";
    EXPECT_FALSE(bytes.contains("plain-env-value"));
    EXPECT_FALSE(bytes.contains(QByteArray::fromStdString(agent.token())));

    // Asked to include them, the values are in.
    DialogAnswers::pushMessageBoxAnswer(QMessageBox::Yes);
    DialogAnswers::pushFileName(jobsDir.filePath(QStringLiteral("with-values.sandbox-job.json")));
    window->historyPanel()->action(QStringLiteral("saveJob"))->trigger();
    const auto withValues =
        JobSpecFile::read(jobsDir.filePath(QStringLiteral("with-values.sandbox-job.json")));
    ASSERT_TRUE(withValues.has_value());
    EXPECT_TRUE(withValues->keysWithoutValue().isEmpty());
}

// A run with an env value set in the tab: its job carries that value when the user includes
// values, and the job opened again sends the same (the history keeps the tab's values).
TEST_F(UiJobs, SaveAsJobKeepsTheTabsEnvValueWhenAsked) {
    openWindow();
    ConsoleTab *tab = window->openConsole(profile.id);
    tab->overrides()->setEnv({{QStringLiteral("STAGE"), QStringLiteral("from the tab")}});
    runAndSelect(QStringLiteral("echo \"$STAGE/$PLAIN_VALUE\""));
    ASSERT_TRUE(textOf(tab).contains(QStringLiteral("from the tab/plain-env-value\n")));
    const QString path = jobsDir.filePath(QStringLiteral("tab-env.sandbox-job.json"));
    DialogAnswers::pushMessageBoxAnswer(QMessageBox::Yes); // include plain values
    DialogAnswers::pushFileName(path);
    window->historyPanel()->action(QStringLiteral("saveJob"))->trigger();
    EXPECT_TRUE(DialogAnswers::shownMessages().last().contains(QStringLiteral("STAGE")));
    const std::optional<JobSpec> job = JobSpecFile::read(path);
    ASSERT_TRUE(job.has_value());
    const QList<JobEnvEntry> expected{
        {QStringLiteral("PLAIN_VALUE"), QStringLiteral("plain-env-value"), true},
        {QStringLiteral("STAGE"), QStringLiteral("from the tab"), true}};
    EXPECT_EQ(job->env, expected);

    tab->overrides()->setEnv({});
    ConsoleTab *opened = window->jobCommands()->openJob(path);
    ASSERT_EQ(opened, tab);
    ASSERT_TRUE(run(opened, opened->input()->text()));
    EXPECT_EQ(textOf(tab).count(QStringLiteral("from the tab/plain-env-value\n")), 2)
        << textOf(tab).toStdString();
}

TEST_F(UiJobs, CopiedSandboxctlCommandReproducesTheRunThroughTheShell) {
    openWindow();
    const QString line = QStringLiteral("echo \"it's $((6 * 7)) in $(pwd)\"; echo 'to stderr' >&2; "
                                        "exit 5");
    ConsoleTab *tab = runAndSelect(line, QStringLiteral("/tmp"));
    window->historyPanel()->action(QStringLiteral("copyFullCommand"))->trigger();
    const QString copied = QGuiApplication::clipboard()->text();
    ASSERT_TRUE(copied.startsWith(QStringLiteral("sandboxctl exec"))) << copied.toStdString();
    EXPECT_TRUE(copied.contains(QStringLiteral("--token-file PATH_TO_YOUR_TOKEN")))
        << copied.toStdString();
    EXPECT_FALSE(copied.contains(QString::fromStdString(agent.token())));
    EXPECT_FALSE(copied.contains(QStringLiteral("plain-env-value")));

    // What a colleague does: put in their token file and the program, paste into a shell.
    QString pasted = copied;
    pasted.replace(QStringLiteral("PATH_TO_YOUR_TOKEN"), agent.tokenFile());
    pasted.replace(0, int(qstrlen("sandboxctl")), QStringLiteral(SANDBOXCTL_PATH));
    QProcess shell;
    shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), pasted});
    ASSERT_TRUE(shell.waitForFinished(60000));
    const QString out = QString::fromUtf8(shell.readAllStandardOutput());
    const QString err = QString::fromUtf8(shell.readAllStandardError());
    EXPECT_EQ(shell.exitCode(), 5) << err.toStdString();
    EXPECT_EQ(out, QStringLiteral("it's 42 in /tmp\n")) << err.toStdString();
    EXPECT_TRUE(err.contains(QStringLiteral("to stderr\n"))) << err.toStdString();
    // The console showed the same.
    EXPECT_TRUE(textOf(tab).contains(out)) << textOf(tab).toStdString();
    EXPECT_TRUE(textOf(tab).contains(QStringLiteral("to stderr\n")));

    window->historyPanel()->action(QStringLiteral("copyCommand"))->trigger();
    const QString byName = QGuiApplication::clipboard()->text();
    EXPECT_TRUE(byName.startsWith(QStringLiteral("sandboxctl exec --profile-name 'Local agent'")))
        << byName.toStdString();
}

// The --profile-name form takes the profile's own env from the profile, but what the tab set
// must be on the line: pasted into a shell, it prints what the console printed.
TEST_F(UiJobs, CopiedProfileNameCommandCarriesTheTabsEnv) {
    openWindow();
    ConsoleTab *tab = window->openConsole(profile.id);
    tab->overrides()->setEnv({{QStringLiteral("STAGE"), QStringLiteral("from the tab")}});
    runAndSelect(QStringLiteral("echo \"$STAGE/$PLAIN_VALUE\""));
    ASSERT_TRUE(textOf(tab).contains(QStringLiteral("from the tab/plain-env-value\n")));
    window->historyPanel()->action(QStringLiteral("copyCommand"))->trigger();
    const QString copied = QGuiApplication::clipboard()->text();
    EXPECT_TRUE(copied.contains(QStringLiteral("--env 'STAGE=from the tab'")))
        << copied.toStdString();
    EXPECT_FALSE(copied.contains(QStringLiteral("plain-env-value"))) << "the profile supplies it";

    // The test keeps its token under its own keychain service: a token file stands in.
    QString pasted = copied;
    pasted.replace(QStringLiteral("sandboxctl exec"),
                   QStringLiteral(SANDBOXCTL_PATH " exec --config-dir ") +
                       ShellQuote::quote(store->configDir()) + QStringLiteral(" --token-file ") +
                       ShellQuote::quote(agent.tokenFile()));
    QProcess shell;
    shell.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), pasted});
    ASSERT_TRUE(shell.waitForFinished(60000));
    EXPECT_EQ(shell.exitCode(), 0) << shell.readAllStandardError().toStdString();
    EXPECT_EQ(QString::fromUtf8(shell.readAllStandardOutput()),
              QStringLiteral("from the tab/plain-env-value\n"));
}

TEST_F(UiJobs, OpenJobFromTheMenuFillsTheTabAndRunsOnlyOnEnter) {
    // Saved while the agent listened elsewhere (the demo's agents get new ports each start):
    // it runs on the profile here, and the preview says where that is.
    Profile whenSaved = profile;
    whenSaved.address = QStringLiteral("127.0.0.1:9");
    const QString path =
        writeJob(whenSaved, QStringLiteral("echo \"job ran in $(pwd)\""), QStringLiteral("/tmp"));
    openWindow();
    ASSERT_NE(window->action(QStringLiteral("openJob")), nullptr);
    DialogAnswers::pushFileName(path);
    window->action(QStringLiteral("openJob"))->trigger();
    ConsoleTab *tab = window->currentConsole();
    ASSERT_NE(tab, nullptr);
    EXPECT_EQ(tab->profileId(), profile.id);
    EXPECT_EQ(tab->input()->text(), QStringLiteral("echo \"job ran in $(pwd)\""));
    EXPECT_EQ(tab->overrides()->workdirEdit()->text(), QStringLiteral("/tmp"));
    ASSERT_TRUE(tab->jobPreviewBar()->isVisible());
    const QString preview = tab->jobPreviewBar()->text();
    EXPECT_TRUE(preview.contains(QStringLiteral("x.sandbox-job.json"))) << preview.toStdString();
    EXPECT_TRUE(preview.contains(QStringLiteral("workdir /tmp"))) << preview.toStdString();
    EXPECT_TRUE(preview.contains(profile.address)) << preview.toStdString();
    EXPECT_FALSE(preview.contains(QStringLiteral("127.0.0.1:9,"))) << preview.toStdString();
    EXPECT_TRUE(preview.contains(QStringLiteral("PLAIN_VALUE=•••"))) << preview.toStdString();
    EXPECT_FALSE(preview.contains(QStringLiteral("plain-env-value")));
    EXPECT_TRUE(preview.contains(QStringLiteral("argv: /bin/sh -c"))) << preview.toStdString();
    expectNothingRuns(tab);

    QSignalSpy ended(tab, &ConsoleTab::commandEnded);
    QTest::keyClick(tab->input(), Qt::Key_Return);
    ASSERT_TRUE(ended.wait(60000));
    EXPECT_TRUE(textOf(tab).contains(QStringLiteral("job ran in /tmp\n")))
        << textOf(tab).toStdString();
    EXPECT_FALSE(tab->jobPreviewBar()->isVisible());
}

// A job's env is the whole list it ran with: opened in a tab, only what differs from the
// profile's own env (and its colour variables) lands in the tab's env editor, and Enter
// sends the job's env.
TEST_F(UiJobs, OpenedJobPutsOnlyItsOwnEnvIntoTheTabAndSendsIt) {
    RunOverrides overrides;
    overrides.env = ConsoleSession::mergedEnv(
        profile, {{QStringLiteral("JOB_ONLY"), QStringLiteral("from-the-job")}});
    const auto spec =
        JobSpec::fromRun(profile, overrides, QStringLiteral("echo \"$JOB_ONLY $PLAIN_VALUE\""));
    ASSERT_TRUE(spec.has_value());
    const QString path = jobsDir.filePath(QStringLiteral("env.sandbox-job.json"));
    ASSERT_TRUE(JobSpecFile::write(path, *spec));
    openWindow();
    ConsoleTab *tab = window->jobCommands()->openJob(path);
    ASSERT_NE(tab, nullptr);
    const QList<EnvVar> tabEnv = tab->overrides()->env();
    ASSERT_EQ(tabEnv.size(), 1);
    EXPECT_EQ(tabEnv.at(0).key, QStringLiteral("JOB_ONLY"));

    QSignalSpy ended(tab, &ConsoleTab::commandEnded);
    QTest::keyClick(tab->input(), Qt::Key_Return);
    ASSERT_TRUE(ended.wait(60000));
    EXPECT_TRUE(textOf(tab).contains(QStringLiteral("from-the-job plain-env-value\n")))
        << textOf(tab).toStdString();
}

TEST_F(UiJobs, BadJobFileIsNamedAndOpensNothing) {
    const QString path = jobsDir.filePath(QStringLiteral("newer.sandbox-job.json"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(R"({"schema": 9})");
    file.close();
    openWindow();
    EXPECT_EQ(window->jobCommands()->openJob(path), nullptr);
    EXPECT_EQ(window->tabs()->count(), 0);
    const QString shown = DialogAnswers::shownMessages().value(0);
    EXPECT_TRUE(shown.contains(QStringLiteral("schema 9"))) << shown.toStdString();
    EXPECT_TRUE(shown.contains(QStringLiteral("newer.sandbox-job.json"))) << shown.toStdString();
}

TEST_F(UiJobs, UnknownProfileIsOfferedToBeCreatedFromTheJob) {
    Profile elsewhere = profile;
    elsewhere.id = QUuid::createUuid();
    elsewhere.name = QStringLiteral("Colleague's agent");
    elsewhere.caFile = QStringLiteral("/nowhere/ca.pem");
    const QString path = writeJob(elsewhere, QStringLiteral("echo hello"), QString());
    openWindow();

    // Declined: nothing opens, and the reason names the profile.
    DialogAnswers::pushMessageBoxAnswer(QMessageBox::No);
    EXPECT_EQ(window->jobCommands()->openJob(path), nullptr);
    EXPECT_TRUE(DialogAnswers::shownMessages().last().contains(elsewhere.name));
    EXPECT_TRUE(DialogAnswers::shownMessages().last().contains(elsewhere.address));
    EXPECT_TRUE(window->jobCommands()->lastError().contains(elsewhere.name));
    EXPECT_FALSE(store->find(elsewhere.id).has_value());
    EXPECT_EQ(window->tabs()->count(), 0);

    DialogAnswers::pushMessageBoxAnswer(QMessageBox::Yes);
    ConsoleTab *tab = window->jobCommands()->openJob(path);
    ASSERT_NE(tab, nullptr);
    const std::optional<Profile> created = store->find(elsewhere.id);
    ASSERT_TRUE(created.has_value()) << "created with the job's profile id";
    EXPECT_EQ(created->name, elsewhere.name);
    EXPECT_EQ(created->address, elsewhere.address);
    EXPECT_EQ(created->transport(), Transport::Tls);
    EXPECT_TRUE(created->caFile.isEmpty()) << "a path that does not exist here is not kept";
    EXPECT_NE(window->profileCommands()->editor(), nullptr) << "the editor opens for certs";
    EXPECT_EQ(tab->profileId(), elsewhere.id);
    EXPECT_EQ(tab->input()->text(), QStringLiteral("echo hello"));
}

TEST_F(UiJobs, DroppingAJobFileOnTheWindowOpensIt) {
    const QString path = writeJob(profile, QStringLiteral("echo dropped"), QString());
    openWindow();
    QMimeData data;
    data.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(100, 100), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window.get(), &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(100, 100), Qt::CopyAction, &data, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(window.get(), &drop);
    ConsoleTab *tab = window->currentConsole();
    ASSERT_NE(tab, nullptr);
    EXPECT_EQ(tab->input()->text(), QStringLiteral("echo dropped"));
    expectNothingRuns(tab);

    QMimeData other;
    other.setUrls({QUrl::fromLocalFile(jobsDir.filePath(QStringLiteral("notes.txt")))});
    QDragEnterEvent refused(QPoint(100, 100), Qt::CopyAction, &other, Qt::LeftButton,
                            Qt::NoModifier);
    refused.setAccepted(false);
    QApplication::sendEvent(window.get(), &refused);
    EXPECT_FALSE(refused.isAccepted()) << "only job files are taken";
}

TEST_F(UiJobs, JobFileOnTheCommandLineOpensItsProfilesTab) {
    const QString path =
        writeJob(profile, QStringLiteral("echo from the command line"), QStringLiteral("/tmp"));
    ConsoleCommandLine options;
    QString error;
    ASSERT_TRUE(options.parse(
        {QStringLiteral("sandbox-console"), QStringLiteral("--config-dir"), configDir.path(), path},
        error))
        << error.toStdString();
    EXPECT_EQ(options.jobFile, path);
    settleKeychain();
    ConsoleShell shell(options.configDir);
    shell.window()->show();
    ASSERT_TRUE(shell.openJob(options.jobFile, &error)) << error.toStdString();
    ConsoleTab *tab = shell.window()->currentConsole();
    ASSERT_NE(tab, nullptr);
    EXPECT_EQ(tab->profileId(), profile.id);
    EXPECT_EQ(tab->input()->text(), QStringLiteral("echo from the command line"));
    EXPECT_EQ(tab->overrides()->workdirEdit()->text(), QStringLiteral("/tmp"));
    EXPECT_TRUE(tab->jobPreviewBar()->isVisible());
    expectNothingRuns(tab);

    EXPECT_FALSE(options.parse({QStringLiteral("sandbox-console"),
                                jobsDir.filePath(QStringLiteral("missing.sandbox-job.json"))},
                               error));
    EXPECT_TRUE(error.contains(QStringLiteral("missing.sandbox-job.json"))) << error.toStdString();
}
