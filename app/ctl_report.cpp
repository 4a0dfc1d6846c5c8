#include "ctl_report.h"

#include "ctl_command_line.h"
#include "ctl_profile_source.h"
#include "job_spec_file.h"
#include "profile_badges.h"
#include "shell_quote.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace sandbox {

namespace {

constexpr int kUsageError = 2;

// The profile list's badges, as the console shows them (in English).
QString badges(const Profile &p) {
    QStringList words;
    const auto list = ProfileBadges::of(p);
    for (const ProfileBadges::Badge badge : list)
        words << ProfileBadges::englishName(badge);
    return words.join(u' ');
}

// Rows of cells as columns two spaces apart (the last column unpadded).
std::string table(const QList<QStringList> &rows) {
    QList<qsizetype> widths;
    for (const QStringList &row : rows)
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.append(0);
            widths[i] = std::max(widths[i], row.at(i).size());
        }
    QString text;
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i)
            text += i + 1 < row.size() ? row.at(i).leftJustified(widths.at(i) + 2) : row.at(i);
        text += u'\n';
    }
    return text.toStdString();
}

QString envLine(const JobEnvEntry &entry) {
    if (!entry.valueIncluded)
        return entry.key + QStringLiteral("  (value not in the job: from the profile or --env)");
    return entry.key + u'=' + entry.value;
}

} // namespace

int CtlReport::profilesList(const CtlOptions &o, std::string &out, std::string &error) {
    CtlProfileSource source(o.configDir);
    if (!source.load(error))
        return kUsageError;
    const QList<Profile> profiles = source.profiles();
    if (profiles.isEmpty()) {
        // On stderr: stdout is the list (scripts and shell completion read it).
        error = "no profiles in " +
                QDir::toNativeSeparators(
                    QDir(source.configDir()).filePath(QStringLiteral("profiles.json")))
                    .toStdString();
        return 0;
    }
    QList<QStringList> rows{{QStringLiteral("NAME"), QStringLiteral("ID"),
                             QStringLiteral("ADDRESS"), QStringLiteral("TRANSPORT"),
                             QStringLiteral("BADGES")}};
    for (const Profile &p : profiles)
        rows.append({p.name, p.id.toString(QUuid::WithoutBraces), p.address,
                     transportKey(p.transport()), badges(p)});
    out = table(rows);
    return 0;
}

int CtlReport::jobShow(const CtlOptions &o, std::string &out, std::string &error) {
    QString problem;
    const QString path = QString::fromStdString(o.jobFile);
    const auto job = JobSpecFile::read(path, &problem);
    if (!job) {
        error = problem.toStdString();
        return kUsageError;
    }
    CtlProfileSource source(o.configDir);
    std::string ignored;
    const bool known = source.load(ignored) && source.findById(job->profile.id).has_value();
    const JobProfileRef &p = job->profile;
    QList<QStringList> rows;
    rows.append(
        {QStringLiteral("Job:"), QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath())});
    rows.append({QStringLiteral("Profile:"),
                 QStringLiteral("%1 (%2)%3")
                     .arg(p.name, p.id.toString(QUuid::WithoutBraces),
                          known ? QString() : QStringLiteral(", not known here"))});
    rows.append({QStringLiteral("Address:"),
                 p.address + QStringLiteral(" (") + transportKey(p.transport) + u')'});
    rows.append({QStringLiteral("Image:"), job->image});
    rows.append({QStringLiteral("Security:"), job->securityProfile});
    rows.append({QStringLiteral("Workdir:"),
                 job->workdir.isEmpty() ? QStringLiteral("(the image's default)") : job->workdir});
    if (job->env.isEmpty())
        rows.append({QStringLiteral("Env:"), QStringLiteral("(none)")});
    for (qsizetype i = 0; i < job->env.size(); ++i)
        rows.append({i == 0 ? QStringLiteral("Env:") : QString(), envLine(job->env.at(i))});
    if (job->askForColour)
        rows.append({QString(), QStringLiteral("(+ colour variables: TERM, CLICOLOR_FORCE, "
                                               "FORCE_COLOR unless set)")});
    rows.append({QStringLiteral("Command:"),
                 job->mode == CommandMode::Shell
                     ? QStringLiteral("shell: ") + job->shellLine
                     : QStringLiteral("argv: ") + ShellQuote::join(job->argvList)});
    rows.append({QStringLiteral("Timeout:"),
                 job->timeout ? CtlCommandLine::secondsText(*job->timeout) + QStringLiteral(" s")
                              : QStringLiteral("none")});
    if (!job->note.isEmpty())
        rows.append({QStringLiteral("Note:"), job->note});
    QString runLine = QStringLiteral("sandboxctl run ") + ShellQuote::quote(path);
    if (!o.configDir.empty())
        runLine += QStringLiteral(" --config-dir ") + ShellQuote::quote(source.configDir());
    rows.append({QStringLiteral("Run it:"), runLine});
    rows.append(
        {QStringLiteral("As exec:"), CtlCommandLine::build(*job, CtlCommandLine::formFor(known))});
    out = table(rows);
    return 0;
}

} // namespace sandbox
