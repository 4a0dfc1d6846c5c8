#pragma once

#include "job_spec.h"

#include <QString>
#include <QStringList>

namespace sandbox {

// "Copy as sandboxctl command": a /bin/sh command line that runs a job again. Never holds a
// token: the full form names the token file as a placeholder to replace.
class CtlCommandLine {
public:
    enum class Form {
        ProfileName, // the colleague has the profile: `--profile-name NAME` + the job's values
        FullFlags,   // they do not: `--addr --ca --cert --key --server-name …` from the job
    };
    static constexpr const char *kTokenFilePlaceholder = "PATH_TO_YOUR_TOKEN";
    // Stands for a plain env value the job does not include (FullFlags only; with the
    // profile form the colleague's profile supplies it).
    static constexpr const char *kEnvValuePlaceholder = "VALUE_NOT_IN_JOB";

    static Form formFor(bool colleagueHasProfile) {
        return colleagueHasProfile ? Form::ProfileName : Form::FullFlags;
    }
    // The arguments after the program name, unquoted.
    static QStringList arguments(const JobSpec &spec, Form form);
    // program, then arguments(), each quoted for /bin/sh, on one line (a shell line with
    // newlines keeps them inside its quotes).
    static QString build(const JobSpec &spec, Form form,
                         const QString &program = QStringLiteral("sandboxctl"));
    // "30", "1.5": what --timeout takes.
    static QString secondsText(std::chrono::milliseconds duration);
};

} // namespace sandbox
