#include "ctl_command.h"

#include "ctl_report.h"
#include "ctl_run_builder.h"
#include "exec_cancellation.h"
#include "interrupt_watcher.h"
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
    case CtlOptions::Action::ProfilesList:
    case CtlOptions::Action::JobShow: {
        std::string out;
        const int status = options->action == CtlOptions::Action::JobShow
                               ? CtlReport::jobShow(*options, out, error)
                               : CtlReport::profilesList(*options, out, error);
        writeText(STDOUT_FILENO, out);
        if (status != 0 || !error.empty())
            printError(error); // a failure, or a note that is not data (no profiles yet)
        return status;
    }
    case CtlOptions::Action::Exec:
    case CtlOptions::Action::Run:
        break;
    }
    return runExec(*options);
}

int CtlCommand::runExec(const CtlOptions &options) {
    std::string error;
    auto run = CtlRunBuilder::build(options, error);
    std::unique_ptr<RemoteRunner> runner;
    if (run) {
        for (const std::string &warning : run->warnings)
            printError(warning);
        runner = RemoteRunner::create(std::move(run->config), error);
    }
    if (!runner) {
        printError(error);
        return kUsageError;
    }
    if (!runner->config().token.empty() && !runner->config().tlsEnabled())
        printError("warning: sending the token without TLS (allowed by --allow-insecure or the "
                   "profile's Allow insecure)");
    if (options.verbose)
        printVerbose(runner->config());
    ::signal(SIGPIPE, SIG_IGN); // a closed stdout shows up as EPIPE and cancels the exec
    ExecCancellation cancellation;
    StdioSink sink([&cancellation] { cancellation.cancel(); });
    ExecRequest request;
    request.argv = std::move(run->argv);
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
