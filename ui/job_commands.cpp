#include "job_commands.h"

#include "console_session.h"
#include "console_tab.h"
#include "dialog_answers.h"
#include "job_spec_file.h"
#include "main_window.h"
#include "profile_commands.h"
#include "profile_store.h"
#include "run_record.h"
#include "shell_quote.h"

#include <QClipboard>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>
#include <QStatusBar>

namespace sandbox {

namespace {

QString transportText(Transport transport) {
    switch (transport) {
    case Transport::MutualTls:
        return QStringLiteral("mTLS");
    case Transport::Tls:
        return QStringLiteral("TLS");
    case Transport::Plaintext:
        break;
    }
    return QStringLiteral("plaintext");
}

// A path from another machine is kept only when it names a file here too.
QString existingOrEmpty(const QString &path) {
    return !path.isEmpty() && QFileInfo(path).isFile() ? path : QString();
}

} // namespace

JobCommands::JobCommands(ProfileStore *store, ProfileCommands *profiles, MainWindow *window)
    : QObject(window)
    , store_(store)
    , profiles_(profiles)
    , window_(window) {}

bool JobCommands::isJobFile(const QString &path) {
    return path.endsWith(JobSpec::fileSuffix(), Qt::CaseInsensitive);
}

std::optional<JobSpec> JobCommands::jobFor(const QUuid &profileId, const RunRecord &record,
                                           bool includeEnvValues, QString *error) const {
    std::optional<Profile> profile = store_->find(profileId);
    if (!profile) {
        if (error)
            *error = tr("The profile of this run no longer exists.");
        return std::nullopt;
    }
    profile->mode = record.mode; // split as it was when it ran
    // What the run was sent with, not the profile's values of today: its env and timeout
    // overrides as they were, and the image, security profile and workdir it ran with.
    RunOverrides overrides = record.overridesOn(*profile);
    overrides.image = record.image;
    overrides.securityProfile = record.securityProfile;
    overrides.workdir = record.workdir;
    std::optional<JobSpec> spec = JobSpec::fromRun(*profile, overrides, record.line, error);
    if (spec && !includeEnvValues)
        spec->dropPlainEnvValues();
    return spec;
}

QString JobCommands::saveAsJob(const QUuid &profileId, const RunRecord &record) {
    QString error;
    const std::optional<JobSpec> full = jobFor(profileId, record, true, &error);
    if (!full) {
        fail(tr("Save as Job"), error);
        return {};
    }
    JobSpec spec = *full;
    spec.dropPlainEnvValues();
    const QStringList plainKeys = spec.keysWithoutValue();
    if (!plainKeys.isEmpty() &&
        DialogAnswers::question(
            window_, tr("Save as Job"),
            tr("Include the plain environment values of %1 in the job? Keys are always kept "
               "and secret:// references are kept as they are; without values, whoever runs "
               "the job supplies them from their profile.")
                .arg(plainKeys.join(QStringLiteral(", "))),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No) == QMessageBox::Yes)
        spec = *full;
    const QString suggested = QDir::home().filePath(QStringLiteral("job") + JobSpec::fileSuffix());
    QString path = DialogAnswers::saveFileName(window_, tr("Save as Job"), suggested,
                                               tr("Sandbox jobs (*%1)").arg(JobSpec::fileSuffix()));
    if (path.isEmpty())
        return {};
    if (!isJobFile(path))
        path += JobSpec::fileSuffix();
    if (!JobSpecFile::write(path, spec, &error)) {
        fail(tr("Save as Job"), error);
        return {};
    }
    window_->statusBar()->showMessage(tr("Saved the job to %1").arg(QDir::toNativeSeparators(path)),
                                      10000);
    return path;
}

QString JobCommands::copyAsCommand(const QUuid &profileId, const RunRecord &record,
                                   CtlCommandLine::Form form) {
    QString error;
    std::optional<JobSpec> spec = jobFor(profileId, record, true, &error);
    if (!spec) {
        fail(tr("Copy as sandboxctl Command"), error);
        return {};
    }
    // --profile-name runs on this profile, which supplies its own values: the line carries
    // the values the tab set, or the run would not be reproduced. The full flag set is for
    // someone without the profile: plain values become placeholders.
    QStringList tabKeys;
    if (form == CtlCommandLine::Form::ProfileName)
        for (const EnvVar &var : record.overrides.env.value_or(QList<EnvVar>()))
            tabKeys << var.key;
    spec->dropPlainEnvValues(tabKeys);
    const QString line = CtlCommandLine::build(*spec, form);
    QGuiApplication::clipboard()->setText(line);
    window_->statusBar()->showMessage(
        form == CtlCommandLine::Form::FullFlags
            ? tr("Copied the sandboxctl command; replace %1 with your token file.")
                  .arg(QLatin1String(CtlCommandLine::kTokenFilePlaceholder))
            : tr("Copied the sandboxctl command."),
        10000);
    return line;
}

ConsoleTab *JobCommands::openJobDialog() {
    const QString path = DialogAnswers::openFileName(
        window_, tr("Open Job"), QDir::homePath(),
        tr("Sandbox jobs (*%1);;JSON files (*.json)").arg(JobSpec::fileSuffix()));
    return path.isEmpty() ? nullptr : openJob(path);
}

ConsoleTab *JobCommands::openJob(const QString &path) {
    lastError_.clear();
    QString error;
    const std::optional<JobSpec> spec = JobSpecFile::read(path, &error);
    if (!spec)
        return fail(tr("Open Job"), error);
    const std::optional<QUuid> id = profileForJob(*spec);
    if (!id)
        return nullptr;
    const std::optional<Profile> profile = store_->find(*id);
    ConsoleTab *tab = profile ? window_->openConsole(*id) : nullptr;
    if (!tab)
        return fail(tr("Open Job"), tr("Could not open a console for the job's profile."));
    QStringList missing;
    RunOverrides overrides = spec->toOverrides(profile->env, &missing);
    overrides.image = spec->image;
    overrides.securityProfile = spec->securityProfile;
    overrides.workdir = spec->workdir;
    tab->fillCommand(spec->commandText(), overrides);
    // It runs on the profile here: its address, not the one the job was saved with (a
    // restarted agent, a colleague's host).
    JobSpec shown = *spec;
    shown.profile = JobProfileRef::fromProfile(*profile);
    tab->showJobPreview(previewText(path, shown, missing));
    return tab;
}

std::optional<QUuid> JobCommands::profileForJob(const JobSpec &spec) {
    if (const auto byId = store_->find(spec.profile.id))
        return byId->id;
    if (const auto byName = store_->findByName(spec.profile.name))
        return byName->id;
    const QString where =
        QStringLiteral("%1, %2").arg(spec.profile.address, transportText(spec.profile.transport));
    if (DialogAnswers::question(
            window_, tr("Open Job"),
            tr("The job's profile \"%1\" (%2) is not known here. Create a profile from the "
               "job's address and transport? The profile editor then opens for the "
               "certificates and the token.")
                .arg(spec.profile.name, where),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) != QMessageBox::Yes) {
        lastError_ = tr("The job's profile \"%1\" (%2) is not known here; nothing was opened.")
                         .arg(spec.profile.name, where);
        return std::nullopt;
    }
    Profile p;
    if (!spec.profile.id.isNull())
        p.id = spec.profile.id; // the same id: the job and its copies find it again
    p.name = spec.profile.name;
    p.address = spec.profile.address;
    p.serverName = spec.profile.serverName;
    p.useTls = spec.profile.transport != Transport::Plaintext;
    p.caFile = existingOrEmpty(spec.profile.caFile);
    p.certFile = existingOrEmpty(spec.profile.certFile);
    p.keyFile = existingOrEmpty(spec.profile.keyFile);
    p.image = spec.image;
    p.securityProfile = spec.securityProfile;
    p.workdir = spec.workdir;
    p.mode = spec.mode;
    p.askForColour = spec.askForColour;
    QString error;
    if (!store_->add(p, &error, &p)) {
        fail(tr("Open Job"), error);
        return std::nullopt;
    }
    profiles_->openEditor(p.id);
    return p.id;
}

QString JobCommands::previewText(const QString &path, const JobSpec &spec,
                                 const QStringList &missingEnv) const {
    QStringList keys;
    for (const JobEnvEntry &e : spec.env)
        keys << e.key + QStringLiteral("=•••");
    QStringList parts;
    parts << tr("Job %1 on \"%2\" (%3, %4)")
                 .arg(QFileInfo(path).fileName(), spec.profile.name, spec.profile.address,
                      transportText(spec.profile.transport));
    parts << tr("image %1").arg(spec.image.isEmpty() ? tr("agent default") : spec.image);
    parts << tr("security profile %1").arg(spec.securityProfile);
    parts << tr("workdir %1").arg(spec.workdir.isEmpty() ? tr("image default") : spec.workdir);
    if (!keys.isEmpty())
        parts << tr("env %1").arg(keys.join(QLatin1Char(' ')));
    if (spec.timeout)
        parts << tr("timeout %1 s").arg(CtlCommandLine::secondsText(*spec.timeout));
    QString text = parts.join(QStringLiteral(" · "));
    text += QLatin1Char('\n') + tr("argv: %1").arg(ShellQuote::join(spec.argv()));
    if (!spec.note.isEmpty())
        text += QLatin1Char('\n') + tr("Note: %1").arg(spec.note);
    if (!missingEnv.isEmpty())
        text += QLatin1Char('\n') + tr("Not in the job nor in this profile, left out: %1")
                                        .arg(missingEnv.join(QStringLiteral(", ")));
    text += QLatin1Char('\n') + tr("Nothing has run yet: press Enter in the input to run it.");
    return text;
}

ConsoleTab *JobCommands::fail(const QString &title, const QString &message) {
    lastError_ = message;
    DialogAnswers::warning(window_, title, message);
    return nullptr;
}

} // namespace sandbox
