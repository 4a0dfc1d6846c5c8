#pragma once

#include "runner_config.h"

#include <optional>
#include <string>
#include <vector>

namespace sandbox {

// What a sandboxctl command line asks for, before any file is read. Unset optionals were
// not given: a profile or job file supplies them, or the built-in default applies.
struct CtlOptions {
    enum class Action { Exec, Run, ProfilesList, JobShow, Help, Version };
    Action action = Action::Exec;

    std::optional<std::string> address;
    std::optional<std::string> caFile;
    std::optional<std::string> certFile;
    std::optional<std::string> keyFile;
    std::optional<std::string> serverName;
    std::string tokenFile;
    std::string tokenEnv;
    bool noToken = false;
    bool tls = false;
    bool allowInsecure = false;

    // A desktop-console profile (name or id) in configDir/profiles.json.
    std::string profileName;
    std::string configDir; // empty = the console's own config location

    std::optional<std::string> profile; // the security profile, as in the wire contract
    std::optional<std::string> image;
    std::optional<std::string> workdir;
    EnvList env; // explicit --env, in order; they win over profile and job values by key
    std::optional<double> timeoutSeconds;
    std::optional<double> connectTimeoutSeconds;
    std::optional<int> maxChunkBytes;

    std::string jobFile; // run, job show
    std::vector<std::string> argv;
};

// sandboxctl's command lines, on QCommandLineParser. Checks the parser cannot express (a
// token as an argument, a missing "--" argv, exclusive options) say why in one line.
class CtlOptionsParser {
public:
    // Without --max-chunk: one gRPC message may be this large (a reference agent sends a
    // command's whole output as one message).
    static constexpr int kDefaultMaxChunkBytes = 1024 * 1024 * 1024;

    // args excludes the program name. On failure returns nullopt and sets error (one line).
    static std::optional<CtlOptions> parse(const std::vector<std::string> &args,
                                           std::string &error);
    static std::string usage();
    // "64K", "16M", "1G", "1048576" (binary units) into bytes; nullopt when not a size
    // between 1 KiB and 2 GiB - 1.
    static std::optional<int> parseSize(const std::string &text);
};

} // namespace sandbox
