#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sandbox::agent {

enum class SecretsBackend { Env, File };
// Host: bubblewrap sandbox (default); HostUnsandboxed: plain processes, an explicit opt-out.
enum class Runtime { Host, HostUnsandboxed, Docker };

struct OptionsParseResult;

// Everything sandbox-agent is configured with, parsed from flags and the environment.
// Flag names follow the reference Go agent (wire contract item 7) plus our own extras.
struct AgentOptions {
    std::string host = "127.0.0.1";
    int port = 50051;
    std::string tlsCert;
    std::string tlsKey;
    std::string tlsCa;
    std::string token;     // never logged
    std::string tokenFile; // where the token came from (hidden from commands), if a file
    bool allowUnauthenticated = false;
    SecretsBackend secretsBackend = SecretsBackend::Env;
    std::string secretsDir;
    std::string secretsEnvPrefix;
    Runtime runtime = Runtime::Host;
    int maxConcurrent = 32;
    unsigned sandboxUid = 65534;          // uid and gid of commands in the bubblewrap runtime
    unsigned sandboxUidBase = 1879048192; // a root agent's host uids for sandboxes (UidPool)
    std::string imagesDir;                // image root file systems (bubblewrap runtime)
    bool imagesStrict = false; // unknown images are INVALID_ARGUMENT instead of the host root

    bool tlsEnabled() const { return !tlsCert.empty(); }
    bool mtlsEnabled() const { return !tlsCa.empty(); }
    // HOST:PORT as gRPC wants it for binding, with the given port.
    std::string bindAddress(int boundPort) const;

    using ParseResult = OptionsParseResult;
    using EnvLookup = std::function<std::optional<std::string>(const std::string &)>;

    // Parses argv (without argv[0]); env supplies SANDBOX_RUNNER_TOKEN. Also checks the
    // combinations the agent refuses to start with, and reads --token-file.
    static ParseResult parse(const std::vector<std::string> &args, const EnvLookup &env);
    static std::string usage();
};

// Outcome of parsing: either options, or a message plus the exit status to use.
struct OptionsParseResult {
    std::optional<AgentOptions> options;
    std::string message; // usage error, --help or --version text
    int exitCode = 0;    // meaningful when options is empty
};

} // namespace sandbox::agent
