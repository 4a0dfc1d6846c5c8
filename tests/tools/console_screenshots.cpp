// sandbox-console-screenshots: builds the real console window (ConsoleShell, exactly what
// sandbox-console builds), drives it like a user would and saves PNGs of it with
// QWidget::grab(). Run by scripts/screenshots through scripts/demo, which supplies the
// agents, the demo profiles and their keychain tokens; takes the console's arguments
// (--config-dir, --profile, --lang) and writes into $SANDBOX_SCREENSHOT_DIR.
#include "app_icons.h"
#include "command_input.h"
#include "console_command_line.h"
#include "console_shell.h"
#include "console_tab.h"
#include "env_table_widget.h"
#include "find_bar.h"
#include "info_bar.h"
#include "job_commands.h"
#include "job_spec_file.h"
#include "main_window.h"
#include "profile_editor_dialog.h"
#include "profile_form.h"
#include "profile_store.h"
#include "quick_overrides_bar.h"
#include "run_history.h"
#include "run_history_model.h"
#include "run_history_panel.h"
#include "token_field.h"
#include "transcript_view.h"
#include "translation_loader.h"
#include "transport_banner.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QLineEdit>
#include <QPainter>
#include <QScrollArea>
#include <QTemporaryDir>
#include <QTimer>

#include <cstdio>
#include <functional>

using namespace sandbox;

namespace {

int fail(const QString &message) {
    std::fprintf(stderr, "screenshots: %s\n", qUtf8Printable(message));
    return 1;
}

// Lets the event loop run until done() or the timeout; true when done() became true.
bool waitUntil(const std::function<bool()> &done, int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    return true;
}

// A moment for layouts and the console view to repaint after the last change.
void settle(int ms = 400) {
    waitUntil([] { return false; }, ms);
}

bool save(const QPixmap &pixmap, const QString &dir, const QString &name) {
    const QString path = QDir(dir).filePath(name);
    if (!pixmap.save(path))
        return false;
    std::printf("screenshots: wrote %s (%dx%d)\n", qUtf8Printable(path), pixmap.width(),
                pixmap.height());
    return true;
}

// The main window with a dialog drawn over it, as a user sees both on screen.
QPixmap withDialog(QWidget *window, QWidget *dialog) {
    QPixmap shot = window->grab();
    const QPixmap top = dialog->grab();
    QPainter painter(&shot);
    const QPoint at((shot.width() - top.width()) / 2, (shot.height() - top.height()) / 2);
    painter.fillRect(QRect(at + QPoint(6, 6), top.size()), QColor(0, 0, 0, 70));
    painter.drawPixmap(at, top);
    painter.setPen(QColor(0x80, 0x80, 0x80));
    painter.drawRect(QRect(at, top.size()).adjusted(0, 0, -1, -1));
    return shot;
}

bool runCommand(ConsoleTab *tab, const QString &command) {
    bool ended = false;
    const auto connection =
        QObject::connect(tab, &ConsoleTab::commandEnded, tab, [&ended] { ended = true; });
    tab->input()->setText(command);
    tab->runInput();
    const bool ok = waitUntil([&ended] { return ended; }, 60000);
    QObject::disconnect(connection);
    settle();
    return ok;
}

// Opens the editor on a profile and waits until its token came from the keychain.
ProfileEditorDialog *openEditor(ConsoleShell &shell, const QString &name) {
    const std::optional<Profile> profile = shell.profiles()->findByName(name);
    if (!profile)
        return nullptr;
    auto *dialog =
        new ProfileEditorDialog(shell.profiles(), shell.secrets(), profile, shell.window());
    dialog->setPresenterMode(shell.window()->presenterMode());
    dialog->resize(800, 780);
    dialog->show();
    waitUntil([dialog] { return !dialog->tokenField()->isLoading(); }, 15000);
    settle();
    return dialog;
}

} // namespace

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("sandbox-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("Sandbox Console"));
    QApplication::setWindowIcon(AppIcons::application());

    TranslationLoader translations;
    translations.install(
        TranslationLoader::localeFor(ConsoleCommandLine::peekLanguage(QApplication::arguments())));
    ConsoleCommandLine options;
    QString error;
    if (!options.parse(QApplication::arguments(), error))
        return fail(error);
    const QString outDir = qEnvironmentVariable("SANDBOX_SCREENSHOT_DIR");
    if (outDir.isEmpty() || !QDir().mkpath(outDir))
        return fail(QStringLiteral("set SANDBOX_SCREENSHOT_DIR to a writable directory"));

    ConsoleShell shell(options.configDir);
    MainWindow *window = shell.window();
    window->setPresenterMode(false);
    window->resize(1280, 860);
    window->show();
    if (!shell.openProfile(options.profileName, &error))
        return fail(error);
    ConsoleTab *tab = window->currentConsole();
    if (!tab)
        return fail(QStringLiteral("no console tab after opening the profile"));
    settle();

    // 1. A command with stdout, then one with stdout, stderr and a failing exit code.
    if (!runCommand(tab, QStringLiteral("echo \"Hello from the sandbox\"; uname -sr; id -un")) ||
        !runCommand(tab, QStringLiteral("ls -d /etc /no-such-dir")))
        return fail(QStringLiteral("the commands did not finish within a minute"));
    if (!save(window->grab(), outDir, QStringLiteral("main-window.png")))
        return fail(QStringLiteral("cannot write main-window.png"));

    // 2. Coloured output (ls, grep, printf SGR, a \r progress loop) with the find bar open.
    if (!runCommand(tab, QStringLiteral("ls --color=always / | head -12; "
                                        "printf 'build \\033[1;32mOK\\033[0m  "
                                        "warnings \\033[33m2\\033[0m  "
                                        "errors \\033[1;31m0\\033[0m\\n'; "
                                        "for i in 10 40 70 100; do printf 'progress %s%%\\r' $i; "
                                        "sleep 0.1; done; echo; "
                                        "grep --color=always -n root /etc/passwd")))
        return fail(QStringLiteral("the coloured command did not finish"));
    tab->findBar()->openBar();
    tab->findBar()->patternField()->setText(QStringLiteral("root"));
    tab->findBar()->search();
    settle();
    if (!save(window->grab(), outDir, QStringLiteral("coloured-output-find.png")))
        return fail(QStringLiteral("cannot write coloured-output-find.png"));
    tab->findBar()->closeBar();

    // 2b. The run history of the profile (a run with a workdir override among them), a run
    // selected; then that run saved as a job and opened again: the job preview, not run yet.
    tab->overrides()->workdirEdit()->setText(QStringLiteral("/tmp/work"));
    if (!runCommand(tab, QStringLiteral("echo \"in $(pwd)\"; ls /etc | head -3")))
        return fail(QStringLiteral("the workdir command did not finish"));
    tab->overrides()->workdirEdit()->clear();
    RunHistoryPanel *history = window->historyPanel();
    waitUntil([history] { return !history->model()->record(0).transcriptPath.isEmpty(); }, 10000);
    history->selectRow(0);
    settle();
    if (!save(window->grab(), outDir, QStringLiteral("run-history.png")))
        return fail(QStringLiteral("cannot write run-history.png"));
    QTemporaryDir jobs;
    const QString jobPath = jobs.filePath(QStringLiteral("workdir-check.sandbox-job.json"));
    const std::optional<JobSpec> job =
        window->jobCommands()->jobFor(tab->profileId(), history->model()->record(0), false, &error);
    if (!job || !JobSpecFile::write(jobPath, *job, &error))
        return fail(error);
    tab->view()->clearAction()->trigger();
    if (!window->jobCommands()->openJob(jobPath))
        return fail(window->jobCommands()->lastError());
    settle();
    if (!save(window->grab(), outDir, QStringLiteral("job-preview.png")))
        return fail(QStringLiteral("cannot write job-preview.png"));
    tab->jobPreviewBar()->hide();
    tab->input()->clear();
    tab->overrides()->workdirEdit()->clear();

    // 3. The plaintext profile has a token, no TLS and Allow insecure unticked: red banner.
    ProfileEditorDialog *editor = openEditor(shell, QStringLiteral("Local demo (plaintext)"));
    if (!editor)
        return fail(QStringLiteral("no \"Local demo (plaintext)\" profile"));
    if (editor->transportBanner()->assessment() !=
        TokenTransportPolicy::Assessment::BlockedCleartextToken)
        std::fprintf(stderr, "screenshots: warning: the editor does not show the red banner\n");
    if (!save(withDialog(window, editor), outDir, QStringLiteral("profile-editor-insecure.png")))
        return fail(QStringLiteral("cannot write profile-editor-insecure.png"));
    editor->close();
    editor->deleteLater();

    // 4. Presenter mode: banner on, token and env values masked (editor on the mTLS profile).
    window->setPresenterMode(true);
    settle();
    ProfileEditorDialog *masked = openEditor(shell, options.profileName);
    if (!masked)
        return fail(QStringLiteral("no profile \"%1\"").arg(options.profileName));
    // Scrolled down to the env table: plain values masked, the secret:// reference visible.
    if (auto *area = masked->findChild<QScrollArea *>())
        area->ensureWidgetVisible(masked->form()->envTable(), 0, 0);
    settle();
    if (!save(withDialog(window, masked), outDir, QStringLiteral("presenter-mode.png")))
        return fail(QStringLiteral("cannot write presenter-mode.png"));
    masked->close();
    masked->deleteLater();
    window->setPresenterMode(false);

    // 5. The German profile editor at its default size (no resize): every label whole.
    translations.install(TranslationLoader::localeFor(QStringLiteral("de")));
    auto *german =
        new ProfileEditorDialog(shell.profiles(), shell.secrets(),
                                shell.profiles()->findByName(options.profileName), window);
    german->show();
    waitUntil([german] { return !german->tokenField()->isLoading(); }, 15000);
    settle();
    if (!save(german->grab(), outDir, QStringLiteral("profile-editor-de.png")))
        return fail(QStringLiteral("cannot write profile-editor-de.png"));
    german->close();
    german->deleteLater();
    window->close();
    return 0;
}
