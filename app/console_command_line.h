#pragma once

#include <QCoreApplication>
#include <QString>
#include <QStringList>

namespace sandbox {

// The sandbox-console command line. Parsed twice: once before translations are installed,
// only to find --lang, and once after, so --help and errors come out in the user's language.
class ConsoleCommandLine {
    Q_DECLARE_TR_FUNCTIONS(sandbox::ConsoleCommandLine)
public:
    QString profileName; // --profile NAME: open that profile's console
    QString configDir;   // --config-dir DIR: empty means the default config location
    QString language;    // --lang CODE: empty means the system locale
    QString jobFile;     // JOB.sandbox-job.json: open that job (absolute path)

    // Only --lang, quietly: unknown options are left for parse() to report.
    static QString peekLanguage(const QStringList &arguments);

    // Full parse; handles --help and --version itself (prints and exits like Qt does).
    // On a usage error returns false with a one-line message in `error`.
    bool parse(const QStringList &arguments, QString &error);
};

} // namespace sandbox
