#include "console_command_line.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QDir>

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
    if (!parser.parse(arguments)) {
        error = parser.errorText();
        return false;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty()) {
        error = tr("Unexpected argument \"%1\".").arg(parser.positionalArguments().constFirst());
        return false;
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
