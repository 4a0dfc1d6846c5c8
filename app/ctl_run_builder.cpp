#include "ctl_run_builder.h"

#include "ctl_profile_source.h"
#include "job_spec_file.h"
#include "pem_inspector.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace sandbox {

namespace {

constexpr const char *kDefaultImage = "debian:bookworm-slim";

std::string utf8(const QString &s) {
    return s.toStdString();
}

std::chrono::milliseconds toMillis(double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000.0)));
}

bool readTokenFile(const std::string &path, std::string &token, std::string &error) {
    auto text = PemInspector::readFile(path, error);
    if (!text) {
        error = "token file: " + error;
        return false;
    }
    token = std::move(*text);
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r'))
        token.pop_back();
    if (token.empty()) {
        error = "the token file " + path + " is empty";
        return false;
    }
    return true;
}

bool readToken(const CtlOptions &o, const std::optional<Profile> &profile, std::string &token,
               std::string &error) {
    if (!o.tokenFile.empty())
        return readTokenFile(o.tokenFile, token, error);
    if (!o.tokenEnv.empty()) {
        const char *value = std::getenv(o.tokenEnv.c_str());
        if (!value || !*value) {
            error = "the environment variable " + o.tokenEnv + " (--token-env) is not set or empty";
            return false;
        }
        token = value;
        return true;
    }
    if (o.noToken || !profile)
        return true;
    return CtlProfileSource::readToken(*profile, token, error);
}

// The job's connection when this machine has no such profile. Allow insecure is not taken
// from a file someone handed over: that takes --allow-insecure.
RunnerConfig configFromJob(const JobProfileRef &ref) {
    RunnerConfig c;
    c.address = utf8(ref.address.trimmed());
    c.useTls = ref.useTls;
    if (!ref.caFile.isEmpty())
        c.caCert = PemSource::fromFile(utf8(ref.caFile));
    if (!ref.certFile.isEmpty())
        c.clientCert = PemSource::fromFile(utf8(ref.certFile));
    if (!ref.keyFile.isEmpty())
        c.clientKey = PemSource::fromFile(utf8(ref.keyFile));
    c.serverNameOverride = utf8(ref.serverName);
    return c;
}

bool applyJob(const JobSpec &job, const std::optional<Profile> &profile, const CtlOptions &o,
              RunnerConfig &c, std::string &error) {
    c.image = utf8(job.image);
    c.profile = utf8(job.securityProfile);
    c.workdir = utf8(job.workdir);
    if (job.timeout)
        c.execDeadline = *job.timeout;
    QStringList missing;
    c.env.clear();
    for (const EnvVar &var : job.requestEnv(profile ? profile->env : QList<EnvVar>{}, &missing))
        c.env.emplace_back(utf8(var.key), utf8(var.value));
    for (const QString &key : missing) {
        const bool given = std::any_of(o.env.begin(), o.env.end(),
                                       [&](const auto &kv) { return kv.first == utf8(key); });
        if (!given) {
            error = "the job does not include the value of env " + utf8(key) +
                    (profile ? " and profile \"" + utf8(profile->name) + "\" has none"
                             : " and no profile here has it") +
                    "; give it with --env " + utf8(key) + "=VALUE";
            return false;
        }
    }
    return true;
}

void applyFlags(const CtlOptions &o, RunnerConfig &c) {
    if (o.address)
        c.address = *o.address;
    if (o.caFile)
        c.caCert = PemSource::fromFile(*o.caFile);
    if (o.certFile)
        c.clientCert = PemSource::fromFile(*o.certFile);
    if (o.keyFile)
        c.clientKey = PemSource::fromFile(*o.keyFile);
    if (o.serverName)
        c.serverNameOverride = *o.serverName;
    c.useTls = c.useTls || o.tls || (o.serverName && !o.serverName->empty());
    c.allowInsecure = c.allowInsecure || o.allowInsecure;
    if (o.profile)
        c.profile = *o.profile;
    if (o.image)
        c.image = *o.image;
    if (o.workdir)
        c.workdir = *o.workdir;
    for (const auto &[key, value] : o.env)
        CtlRunBuilder::setEnv(c.env, key, value);
    if (o.timeoutSeconds)
        c.execDeadline = toMillis(*o.timeoutSeconds);
    if (o.connectTimeoutSeconds)
        c.connectTimeout = toMillis(*o.connectTimeoutSeconds);
    c.maxReceiveMessageBytes = o.maxChunkBytes.value_or(CtlOptionsParser::kDefaultMaxChunkBytes);
    if (c.image.empty()) {
        const char *envImage = std::getenv("SANDBOX_IMAGE");
        c.image = envImage && *envImage ? envImage : kDefaultImage;
    }
}

// The profile to use: --profile-name, or for a job its own profile when it exists here.
bool resolveProfile(const CtlOptions &o, const std::optional<JobSpec> &job,
                    std::optional<Profile> &profile, CtlRun &run, std::string &error) {
    CtlProfileSource source(o.configDir);
    if (!o.profileName.empty()) {
        if (!source.load(error))
            return false;
        profile = source.find(o.profileName, error);
        return profile.has_value();
    }
    if (!job)
        return true;
    std::string problem;
    if (source.load(problem))
        profile = source.findById(job->profile.id);
    else
        run.warnings.push_back("warning: " + problem + " Using the job's own address.");
    return true;
}

} // namespace

void CtlRunBuilder::setEnv(EnvList &env, const std::string &key, const std::string &value) {
    const auto it =
        std::find_if(env.begin(), env.end(), [&](const auto &kv) { return kv.first == key; });
    if (it != env.end())
        it->second = value;
    else
        env.emplace_back(key, value);
}

std::optional<CtlRun> CtlRunBuilder::build(const CtlOptions &o, std::string &error) {
    CtlRun run;
    std::optional<JobSpec> job;
    if (o.action == CtlOptions::Action::Run) {
        QString problem;
        job = JobSpecFile::read(QString::fromStdString(o.jobFile), &problem);
        if (!job) {
            error = utf8(problem);
            return std::nullopt;
        }
    }
    std::optional<Profile> profile;
    if (!resolveProfile(o, job, profile, run, error))
        return std::nullopt;
    RunnerConfig &c = run.config;
    if (profile)
        c = profile->toRunnerConfig({});
    else if (job)
        c = configFromJob(job->profile);
    if (job && !applyJob(*job, profile, o, c, error))
        return std::nullopt;
    applyFlags(o, c);
    if (!readToken(o, profile, c.token, error))
        return std::nullopt;
    if (job) {
        for (const QString &arg : job->argv())
            run.argv.push_back(utf8(arg));
    } else {
        run.argv = o.argv;
    }
    return run;
}

} // namespace sandbox
