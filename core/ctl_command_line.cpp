#include "ctl_command_line.h"

#include "shell_quote.h"

#include <algorithm>

namespace sandbox {

namespace {

void appendConnection(const JobProfileRef &p, QStringList &args) {
    args << QStringLiteral("--addr") << p.address;
    if (!p.caFile.isEmpty())
        args << QStringLiteral("--ca") << p.caFile;
    if (!p.certFile.isEmpty())
        args << QStringLiteral("--cert") << p.certFile;
    if (!p.keyFile.isEmpty())
        args << QStringLiteral("--key") << p.keyFile;
    if (!p.serverName.isEmpty())
        args << QStringLiteral("--server-name") << p.serverName;
    if (p.useTls && p.caFile.isEmpty() && p.certFile.isEmpty() && p.keyFile.isEmpty() &&
        p.serverName.isEmpty())
        args << QStringLiteral("--tls");
    // A plaintext profile without Allow insecure cannot have sent a token.
    if (p.transport != Transport::Plaintext || p.allowInsecure)
        args << QStringLiteral("--token-file")
             << QLatin1String(CtlCommandLine::kTokenFilePlaceholder);
    if (p.allowInsecure && p.transport == Transport::Plaintext)
        args << QStringLiteral("--allow-insecure");
}

void appendEnv(const JobSpec &spec, CtlCommandLine::Form form, QStringList &args) {
    QStringList keys;
    for (const JobEnvEntry &entry : spec.env) {
        keys << entry.key;
        if (entry.valueIncluded)
            args << QStringLiteral("--env") << entry.key + u'=' + entry.value;
        else if (form == CtlCommandLine::Form::FullFlags)
            args << QStringLiteral("--env")
                 << entry.key + u'=' + QLatin1String(CtlCommandLine::kEnvValuePlaceholder);
    }
    if (!spec.askForColour)
        return;
    for (const EnvVar &var : Profile::colourEnv())
        if (!keys.contains(var.key))
            args << QStringLiteral("--env") << var.key + u'=' + var.value;
}

} // namespace

QString CtlCommandLine::secondsText(std::chrono::milliseconds duration) {
    return QString::number(double(duration.count()) / 1000.0, 'g', 12);
}

QStringList CtlCommandLine::arguments(const JobSpec &spec, Form form) {
    QStringList args{QStringLiteral("exec")};
    if (form == Form::ProfileName)
        args << QStringLiteral("--profile-name") << spec.profile.name;
    else
        appendConnection(spec.profile, args);
    // Explicit even where the profile has the same value: the colleague's copy may differ.
    if (!spec.securityProfile.isEmpty() || form == Form::ProfileName)
        args << QStringLiteral("--profile") << spec.securityProfile;
    args << QStringLiteral("--image") << spec.image;
    if (!spec.workdir.isEmpty() || form == Form::ProfileName)
        args << QStringLiteral("--workdir") << spec.workdir;
    appendEnv(spec, form, args);
    if (spec.timeout)
        args << QStringLiteral("--timeout") << secondsText(*spec.timeout);
    args << QStringLiteral("--");
    args << spec.argv();
    return args;
}

QString CtlCommandLine::build(const JobSpec &spec, Form form, const QString &program) {
    return ShellQuote::quote(program) + u' ' + ShellQuote::join(arguments(spec, form));
}

} // namespace sandbox
