#pragma once

#include "ctl_options.h"
#include "runner_config.h"

#include <optional>
#include <string>
#include <vector>

namespace sandbox {

// What one exec or run will send, once every source is merged.
struct CtlRun {
    RunnerConfig config;
    std::vector<std::string> argv;
    std::vector<std::string> warnings; // one line each, for stderr
};

// Merges, lowest first: built-in defaults, the console profile (--profile-name, or for run
// the job's profile when it exists here), the job file, the explicit flags. The token comes
// from --token-file / --token-env, else from the profile's keychain entry. Needs a
// QCoreApplication for the keychain.
class CtlRunBuilder {
public:
    // nullopt with a one-line error: nothing may be sent (exit status 2).
    static std::optional<CtlRun> build(const CtlOptions &options, std::string &error);
    // Sets value for key, or appends it (explicit --env wins by key).
    static void setEnv(EnvList &env, const std::string &key, const std::string &value);
};

} // namespace sandbox
