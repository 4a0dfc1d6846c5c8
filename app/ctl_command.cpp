#include "ctl_command.h"

#include "exec_cancellation.h"
#include "interrupt_watcher.h"
#include "pem_inspector.h"
#include "remote_runner.h"
#include "security_profile_clamp.h"
#include "stdio_sink.h"

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

#ifndef SANDBOX_VERSION
#define SANDBOX_VERSION "unknown"
#endif

namespace sandbox {

namespace {

constexpr const char *kDefaultImage = "debian:bookworm-slim";

std::chrono::milliseconds toMillis(double seconds) {
    return std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000.0)));
}

void writeText(int fd, const std::string &text) {
    std::string_view rest(text);
    while (!rest.empty()) {
        const ssize_t n = ::write(fd, rest.data(), rest.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        rest.remove_prefix(static_cast<std::size_t>(n));
    }
}

} // namespace

void CtlCommand::printError(const std::string &message) {
    writeText(STDERR_FILENO, "sandboxctl: " + message + "\n");
}

int CtlCommand::run(const std::vector<std::string> &args) {
    std::string error;
    const auto options = CtlOptionsParser::parse(args, error);
    if (!options) {
        printError(error + " (see sandboxctl --help)");
        return kUsageError;
    }
    switch (options->action) {
    case CtlOptions::Action::Help:
        writeText(STDOUT_FILENO, CtlOptionsParser::usage());
        return 0;
    case CtlOptions::Action::Version:
        writeText(STDOUT_FILENO, std::string("sandboxctl ") + SANDBOX_VERSION + "\n");
        return 0;
    case CtlOptions::Action::Exec:
        break;
    }
    return runExec(*options);
}

bool CtlCommand::readToken(const CtlOptions &options, std::string &token, std::string &error) {
    if (!options.tokenFile.empty()) {
        auto text = PemInspector::readFile(options.tokenFile, error);
        if (!text) {
            error = "token file: " + error;
            return false;
        }
        token = std::move(*text);
        while (!token.empty() && (token.back() == '\n' || token.back() == '\r'))
            token.pop_back();
        if (token.empty()) {
            error = "the token file " + options.tokenFile + " is empty";
            return false;
        }
    } else if (!options.tokenEnv.empty()) {
        const char *value = std::getenv(options.tokenEnv.c_str());
        if (!value || !*value) {
            error = "the environment variable " + options.tokenEnv +
                    " (--token-env) is not "
                    "set or empty";
            return false;
        }
        token = value;
    }
    return true;
}

std::optional<RunnerConfig> CtlCommand::buildConfig(const CtlOptions &o, std::string &error) {
    RunnerConfig config;
    config.address = o.address;
    if (!readToken(o, config.token, error))
        return std::nullopt;
    config.useTls = o.tls || !o.serverName.empty();
    if (!o.caFile.empty())
        config.caCert = PemSource::fromFile(o.caFile);
    if (!o.certFile.empty())
        config.clientCert = PemSource::fromFile(o.certFile);
    if (!o.keyFile.empty())
        config.clientKey = PemSource::fromFile(o.keyFile);
    config.serverNameOverride = o.serverName;
    config.allowInsecure = o.allowInsecure;
    config.profile = o.profile;
    const char *envImage = std::getenv("SANDBOX_IMAGE");
    config.image = o.image.value_or(envImage && *envImage ? envImage : kDefaultImage);
    config.workdir = o.workdir;
    config.env = o.env;
    if (o.timeoutSeconds)
        config.execDeadline = toMillis(*o.timeoutSeconds);
    if (o.connectTimeoutSeconds)
        config.connectTimeout = toMillis(*o.connectTimeoutSeconds);
    return config;
}

int CtlCommand::runExec(const CtlOptions &options) {
    std::string error;
    auto config = buildConfig(options, error);
    std::unique_ptr<RemoteRunner> runner;
    if (config)
        runner = RemoteRunner::create(std::move(*config), error);
    if (!runner) {
        printError(error);
        return kUsageError;
    }
    if (!runner->config().token.empty() && !runner->config().tlsEnabled())
        printError("warning: sending the token without TLS (--allow-insecure)");
    if (options.verbose)
        printVerbose(runner->config());
    ::signal(SIGPIPE, SIG_IGN); // a closed stdout shows up as EPIPE and cancels the exec
    ExecCancellation cancellation;
    StdioSink sink([&cancellation] { cancellation.cancel(); });
    ExecRequest request;
    request.argv = options.argv;
    ExecResult result;
    int interruptSignal = 0;
    {
        InterruptWatcher watcher(cancellation);
        result = runner->exec(request, sink, &cancellation);
        interruptSignal = watcher.signalNumber();
    }
    return exitStatus(result, sink.writeError(), interruptSignal);
}

void CtlCommand::printVerbose(const RunnerConfig &config) {
    const std::string requested = config.profile.empty() ? "none" : "'" + config.profile + "'";
    printError("agent " + config.address + (config.tlsEnabled() ? " (TLS)" : " (no TLS)") +
               ", image '" + config.image + "'");
    printError("security profile requested: " + requested + ". " +
               SecurityProfileClamp::explain(QString::fromStdString(config.profile)).toStdString());
}

int CtlCommand::exitStatus(const ExecResult &result, const std::string &writeError,
                           int interruptSignal) {
    if (result.outcome == ExecOutcome::Exited) {
        if (result.exitCode >= 0 && result.exitCode <= 255)
            return result.exitCode;
        printError("the remote command exited with " + std::to_string(result.exitCode) +
                   ", which does not fit an exit status");
        return kUnknownEnd;
    }
    if (result.outcome == ExecOutcome::Cancelled) {
        if (!writeError.empty())
            printError("cannot write " + writeError + "; the remote command was cancelled");
        else
            printError(std::string("cancelled") +
                       (interruptSignal ? " by " + std::string(strsignal(interruptSignal)) : "") +
                       "; the remote command was asked to stop");
        return kUnknownEnd;
    }
    printError(result.error.message);
    return kUnknownEnd;
}

} // namespace sandbox
