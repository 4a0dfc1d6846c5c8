#include "console_command_line.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>

namespace sandbox {

namespace {

const QString kProfile = QStringLiteral("profile");
const QString kConfigDir = QStringLiteral("config-dir");
const QString kLang = QStringLiteral("lang");

} // namespace

QString ConsoleCommandLine::peekLanguage(const QStringList &arguments) {
    QCommandLineParser parser;
    parser.addOption(QCommandLineOption(kProfile, QString(), QStringLiteral("name")));
    parser.addOption(QCommandLineOption(kConfigDir, QString(), QStringLiteral("dir")));
    parser.addOption(QCommandLineOption(kLang, QString(), QStringLiteral("code")));
    parser.parse(arguments);
    return parser.value(kLang);
}

bool ConsoleCommandLine::parse(const QStringList &arguments, QString &error) {
    QCommandLineParser parser;
    parser.setApplicationDescription(
        tr("Desktop console for running commands in remote sandboxes through a sandbox agent."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(
        QCommandLineOption(kProfile, tr("Open the console of the profile <name>."), tr("name")));
    parser.addOption(QCommandLineOption(
        kConfigDir, tr("Keep profiles, history and settings in <dir> instead of the default."),
        tr("dir")));
    parser.addOption(QCommandLineOption(
        kLang, tr("User interface language, e.g. \"de\" or \"en\" (default: the system's)."),
        tr("code")));
    parser.addPositionalArgument(
        tr("job"),
        tr("A job file (*.sandbox-job.json) to open: its profile's console with the "
           "command filled in, run when you press Enter."),
        tr("[job]"));
    if (!parser.parse(arguments)) {
        error = parser.errorText();
        return false;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    const QStringList positional = parser.positionalArguments();
    if (positional.size() > 1) {
        error = tr("Unexpected argument \"%1\": only one job file can be opened.")
                    .arg(positional.at(1));
        return false;
    }
    if (!positional.isEmpty()) {
        const QFileInfo job(positional.constFirst());
        if (!job.isFile()) {
            error = tr("The job file \"%1\" does not exist.").arg(positional.constFirst());
            return false;
        }
        jobFile = job.absoluteFilePath();
    }
    profileName = parser.value(kProfile);
    language = parser.value(kLang);
    configDir = parser.value(kConfigDir);
    if (parser.isSet(kConfigDir)) {
        if (configDir.isEmpty()) {
            error = tr("--config-dir needs a directory.");
            return false;
        }
        configDir = QDir(configDir).absolutePath();
        if (!QDir().mkpath(configDir)) {
            error = tr("Cannot create the config directory \"%1\".").arg(configDir);
            return false;
        }
    }
    return true;
}

} // namespace sandbox
