#include "job_spec.h"

#include "command_line_splitter.h"
#include "job_spec_reader.h"
#include "shell_quote.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace sandbox {

namespace {

std::optional<EnvVar> findVar(const QList<EnvVar> &list, const QString &key) {
    const auto it =
        std::find_if(list.begin(), list.end(), [&](const EnvVar &v) { return v.key == key; });
    if (it == list.end())
        return std::nullopt;
    return *it;
}

QJsonObject profileToJson(const JobProfileRef &p) {
    return QJsonObject{
        {QStringLiteral("id"), p.id.toString(QUuid::WithoutBraces)},
        {QStringLiteral("name"), p.name},
        {QStringLiteral("address"), p.address},
        {QStringLiteral("transport"), transportKey(p.transport)},
        {QStringLiteral("caFile"), p.caFile},
        {QStringLiteral("certFile"), p.certFile},
        {QStringLiteral("keyFile"), p.keyFile},
        {QStringLiteral("serverName"), p.serverName},
        {QStringLiteral("useTls"), p.useTls},
        {QStringLiteral("allowInsecure"), p.allowInsecure},
    };
}

QJsonArray envToJson(const QList<JobEnvEntry> &env) {
    QJsonArray array;
    for (const JobEnvEntry &e : env) {
        QJsonObject entry{{QStringLiteral("key"), e.key}};
        if (e.valueIncluded)
            entry.insert(QStringLiteral("value"), e.value);
        array.append(entry);
    }
    return array;
}

QJsonObject commandToJson(const JobSpec &spec) {
    if (spec.mode == CommandMode::Argv)
        return QJsonObject{{QStringLiteral("mode"), QStringLiteral("argv")},
                           {QStringLiteral("argv"), QJsonArray::fromStringList(spec.argvList)}};
    return QJsonObject{{QStringLiteral("mode"), QStringLiteral("shell")},
                       {QStringLiteral("line"), spec.shellLine}};
}

} // namespace

JobProfileRef JobProfileRef::fromProfile(const Profile &profile) {
    JobProfileRef ref;
    ref.id = profile.id;
    ref.name = profile.name;
    ref.address = profile.address;
    ref.transport = profile.transport();
    ref.caFile = profile.caFile;
    ref.certFile = profile.certFile;
    ref.keyFile = profile.keyFile;
    ref.serverName = profile.serverName;
    ref.useTls = profile.useTls;
    ref.allowInsecure = profile.allowInsecure;
    return ref;
}

std::optional<JobSpec> JobSpec::fromRun(const Profile &profile, const RunOverrides &overrides,
                                        const QString &commandText, QString *error) {
    JobSpec spec;
    spec.mode = profile.mode;
    if (spec.mode == CommandMode::Argv) {
        const SplitResult split = CommandLineSplitter::splitArgv(commandText);
        if (!split.ok()) {
            if (error)
                *error = split.error;
            return std::nullopt;
        }
        spec.argvList = split.argv;
    } else {
        spec.shellLine = commandText;
    }
    spec.profile = JobProfileRef::fromProfile(profile);
    spec.image = overrides.image.value_or(profile.image);
    spec.securityProfile = overrides.securityProfile.value_or(profile.securityProfile);
    spec.workdir = overrides.workdir.value_or(profile.workdir);
    for (const EnvVar &var : overrides.env.value_or(profile.env))
        spec.env.append({var.key, var.value, true});
    spec.askForColour = profile.askForColour;
    spec.timeout = overrides.timeout;
    return spec;
}

QStringList JobSpec::argv() const {
    return mode == CommandMode::Argv ? argvList : CommandLineSplitter::shellArgv(shellLine);
}

QString JobSpec::commandText() const {
    return mode == CommandMode::Argv ? ShellQuote::join(argvList) : shellLine;
}

void JobSpec::dropPlainEnvValues(const QStringList &keep) {
    for (JobEnvEntry &entry : env) {
        if (entry.valueIncluded && !entry.isSecretReference() && !keep.contains(entry.key)) {
            entry.value.clear();
            entry.valueIncluded = false;
        }
    }
}

QStringList JobSpec::keysWithoutValue() const {
    QStringList keys;
    for (const JobEnvEntry &entry : env)
        if (!entry.valueIncluded)
            keys << entry.key;
    return keys;
}

QList<EnvVar> JobSpec::requestEnv(const QList<EnvVar> &fallback, QStringList *missing) const {
    QList<EnvVar> result;
    for (const JobEnvEntry &entry : env) {
        if (entry.valueIncluded) {
            result.append({entry.key, entry.value});
        } else if (const auto found = findVar(fallback, entry.key)) {
            result.append(*found);
        } else if (missing) {
            missing->append(entry.key);
        }
    }
    if (askForColour)
        for (const EnvVar &var : Profile::colourEnv())
            if (!findVar(result, var.key))
                result.append(var);
    return result;
}

RunOverrides JobSpec::toOverrides(const QList<EnvVar> &fallback, QStringList *missing) const {
    RunOverrides overrides;
    overrides.image = image;
    overrides.securityProfile = securityProfile;
    overrides.workdir = workdir;
    overrides.env = requestEnv(fallback, missing);
    overrides.timeout = timeout;
    return overrides;
}

QJsonObject JobSpec::toJson() const {
    QJsonObject o{
        {QStringLiteral("schema"), kSchemaVersion},
        {QStringLiteral("profile"), profileToJson(profile)},
        {QStringLiteral("image"), image},
        {QStringLiteral("securityProfile"), securityProfile},
        {QStringLiteral("workdir"), workdir},
        {QStringLiteral("env"), envToJson(env)},
        {QStringLiteral("askForColour"), askForColour},
        {QStringLiteral("command"), commandToJson(*this)},
        {QStringLiteral("timeoutSeconds"),
         timeout ? QJsonValue(double(timeout->count()) / 1000.0) : QJsonValue()},
        {QStringLiteral("note"), note},
    };
    return o;
}

std::optional<JobSpec> JobSpec::fromJson(const QJsonObject &object, QString &error) {
    return JobSpecReader(object).read(error);
}

} // namespace sandbox
