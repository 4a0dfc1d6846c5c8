// sandbox-console: the desktop console. Parses the command line, installs translations and
// builds the window; everything else lives in core/ and ui/.
#include "app_icons.h"
#include "console_command_line.h"
#include "console_shell.h"
#include "main_window.h"
#include "translation_loader.h"

#include <QApplication>
#include <QStatusBar>

#include <cstdio>

namespace {

void printError(const QString &message) {
    std::fprintf(stderr, "sandbox-console: %s\n", qUtf8Printable(message));
}

} // namespace

int main(int argc, char **argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("sandbox-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("Sandbox Console"));
    QApplication::setApplicationVersion(QStringLiteral(SANDBOX_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("sandbox-console"));
    QApplication::setWindowIcon(sandbox::AppIcons::application());

    // --lang first, so --help, errors and the whole UI come out in that language.
    sandbox::TranslationLoader translations;
    const QString lang = sandbox::ConsoleCommandLine::peekLanguage(QApplication::arguments());
    bool langKnown = true;
    translations.install(sandbox::TranslationLoader::localeFor(lang, &langKnown));

    sandbox::ConsoleCommandLine options;
    QString error;
    if (!options.parse(QApplication::arguments(), error)) {
        printError(error);
        return 2;
    }
    if (!langKnown)
        printError(
            QCoreApplication::translate("sandbox::ConsoleCommandLine",
                                        "Unknown language code \"%1\"; using the system language.")
                .arg(lang));

    sandbox::ConsoleShell shell(options.configDir);
    shell.window()->show();
    if (!options.profileName.isEmpty() && !shell.openProfile(options.profileName, &error)) {
        printError(error);
        shell.window()->statusBar()->showMessage(error, 20000);
    }
    if (!options.jobFile.isEmpty() && !shell.openJob(options.jobFile, &error)) {
        printError(error);
        shell.window()->statusBar()->showMessage(error, 20000);
    }
    const int status = QApplication::exec();
    shell.finishKeychainJobs();
    return status;
}
