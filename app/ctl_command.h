#pragma once

#include "ctl_options.h"
#include "exec_result.h"
#include "runner_config.h"

#include <string>
#include <vector>

namespace sandbox {

// sandboxctl's logic: parse, build the runner (from flags, a console profile, a job file),
// run one exec with output passed through and Ctrl+C wired to cancel, and turn the result
// into an exit status. Needs a QCoreApplication (profiles and keychain).
class CtlCommand {
public:
    static constexpr int kUsageError = 2;
    static constexpr int kUnknownEnd = 125;

    // args excludes the program name; returns the process exit status.
    static int run(const std::vector<std::string> &args);

private:
    static int runExec(const CtlOptions &options);
    static int exitStatus(const ExecResult &result, const std::string &writeError,
                          int interruptSignal);
    static void printError(const std::string &message);
};

} // namespace sandbox
