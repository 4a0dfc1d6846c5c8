#pragma once

#include "runner_config.h"

#include <optional>
#include <string>
#include <vector>

namespace sandbox {

// What a sandboxctl command line asks for, before any file is read.
struct CtlOptions {
    enum class Action { Exec, Help, Version };
    Action action = Action::Exec;

    std::string address;
    std::string caFile;
    std::string certFile;
    std::string keyFile;
    std::string serverName;
    std::string tokenFile;
    std::string tokenEnv;
    bool tls = false;
    bool allowInsecure = false;
    bool verbose = false; // what will be sent and applied, on stderr before the exec

    std::string profile;
    std::optional<std::string> image;
    std::string workdir;
    EnvList env;
    std::optional<double> timeoutSeconds;
    std::optional<double> connectTimeoutSeconds;

    std::vector<std::string> argv;
};

// Hand-written so the refusals (a token as an argument, a missing "--" argv) can say why.
class CtlOptionsParser {
public:
    // args excludes the program name. On failure returns nullopt and sets error (one line).
    static std::optional<CtlOptions> parse(const std::vector<std::string> &args,
                                           std::string &error);
    static std::string usage();

private:
    static bool parseExec(const std::vector<std::string> &args, CtlOptions &o, std::string &error);
    static bool applyOption(const std::string &name, const std::string &value, CtlOptions &o,
                            std::string &error);
    static bool takesValue(const std::string &name);
};

} // namespace sandbox
