#include "agent_options.h"

#include "agent_config_file.h"
#include "text_file.h"
#include "uid_pool.h"

#include <charconv>
#include <map>

namespace sandbox::agent {

namespace {

constexpr int kUsageError = 2;

AgentOptions::ParseResult fail(const std::string &message) {
    return {std::nullopt, "sandbox-agent: " + message, kUsageError};
}

std::optional<int> parseInt(const std::string &text, int min, int max) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max)
        return std::nullopt;
    return value;
}

// Splits HOST:PORT; an empty host means every interface, like the reference ":50051".
bool parseAddress(const std::string &addr, AgentOptions &o, std::string *error) {
    const auto colon = addr.rfind(':');
    const auto port =
        colon == std::string::npos ? std::nullopt : parseInt(addr.substr(colon + 1), 0, 65535);
    if (!port) {
        *error = "--addr: expected HOST:PORT (port 0-65535), got \"" + addr + "\"";
        return false;
    }
    std::string host = addr.substr(0, colon);
    if (host.empty())
        host = "0.0.0.0";
    const bool bracketed = host.front() == '[' && host.back() == ']';
    if (!bracketed && host.find(':') != std::string::npos) {
        *error = "--addr: write IPv6 hosts in brackets, e.g. [::1]:50051";
        return false;
    }
    o.host = host;
    o.port = *port;
    return true;
}

// Raw flag values as given; turned into AgentOptions by apply().
struct RawFlags {
    std::map<std::string, std::string> values;
    bool allowUnauthenticated = false;
    bool imagesStrict = false;
};

const char *const kValueFlags[] = {"--addr",
                                   "--tls-cert",
                                   "--tls-key",
                                   "--tls-ca",
                                   "--token",
                                   "--token-file",
                                   "--secrets-backend",
                                   "--secrets-dir",
                                   "--secrets-env-prefix",
                                   "--runtime",
                                   "--max-concurrent",
                                   "--sandbox-uid",
                                   "--sandbox-uid-base",
                                   "--images-dir"};

bool isValueFlag(const std::string &name) {
    for (const char *flag : kValueFlags) {
        if (name == flag)
            return true;
    }
    return false;
}

std::optional<AgentOptions::ParseResult> scanFlags(const std::vector<std::string> &args,
                                                   RawFlags &raw) {
    for (size_t i = 0; i < args.size(); ++i) {
        std::string name = args[i];
        std::optional<std::string> value;
        if (const auto eq = name.find('='); name.rfind("--", 0) == 0 && eq != std::string::npos) {
            value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        if (name == "--help" || name == "-h")
            return AgentOptions::ParseResult{std::nullopt, AgentOptions::usage(), 0};
        if (name == "--version")
            return AgentOptions::ParseResult{std::nullopt, "sandbox-agent " SANDBOX_AGENT_VERSION,
                                             0};
        if (name == "--allow-unauthenticated" || name == "--images-strict") {
            if (value && *value != "true" && *value != "false")
                return fail(name + " takes no value (or =true/=false)");
            (name == "--images-strict" ? raw.imagesStrict : raw.allowUnauthenticated) =
                !value || *value == "true";
            continue;
        }
        if (!isValueFlag(name))
            return fail("unknown flag " + name + " (see --help)");
        if (!value) {
            if (i + 1 >= args.size())
                return fail("flag " + name + " needs a value");
            value = args[++i];
        }
        raw.values[name] = *value;
    }
    return std::nullopt;
}

std::optional<std::string> resolveToken(const RawFlags &raw, const AgentOptions::EnvLookup &env,
                                        std::string *error) {
    const auto token = raw.values.find("--token");
    const auto tokenFile = raw.values.find("--token-file");
    if (token != raw.values.end() && tokenFile != raw.values.end()) {
        *error = "--token and --token-file are mutually exclusive";
        return std::nullopt;
    }
    if (token != raw.values.end()) {
        if (token->second.empty())
            *error = "--token is empty";
        return token->second;
    }
    if (tokenFile != raw.values.end()) {
        auto text = TextFile::readPrivate(tokenFile->second, error);
        if (!text) {
            *error = "--token-file: " + *error;
            return std::nullopt;
        }
        auto trimmed = TextFile::trimTrailingNewlines(*text);
        if (trimmed.empty())
            *error = "--token-file: " + tokenFile->second + " is empty";
        return trimmed;
    }
    return env("SANDBOX_RUNNER_TOKEN").value_or(std::string());
}

// Takes --config FILE (or --config=FILE) out of args; the file's path, if given.
std::optional<std::string> takeConfigFlag(std::vector<std::string> &args) {
    std::optional<std::string> path;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg.rfind("--config=", 0) == 0) {
            path = arg.substr(sizeof("--config=") - 1);
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i--));
        } else if (arg == "--config" && i + 1 < args.size()) {
            path = args[i + 1];
            args.erase(args.begin() + static_cast<std::ptrdiff_t>(i),
                       args.begin() + static_cast<std::ptrdiff_t>(i + 2));
            --i;
        } else if (isValueFlag(arg)) {
            ++i; // its value may look like a flag
        }
    }
    return path;
}

bool givesToken(const std::vector<std::string> &args) {
    for (const auto &arg : args) {
        for (const char *flag : {"--token", "--token-file"}) {
            const std::string name(flag);
            if (arg == name || arg.rfind(name + "=", 0) == 0)
                return true;
        }
    }
    return false;
}

// The config file's flags first, then the command line's, which so override them (a
// token given on the command line replaces the file's token-file).
std::optional<AgentOptions::ParseResult> scanConfigAndFlags(std::vector<std::string> args,
                                                            RawFlags &raw) {
    if (!args.empty() && args.back() == "--config")
        return fail("flag --config needs a value");
    if (const auto path = takeConfigFlag(args)) {
        std::string error;
        const auto flags = AgentConfigFile::readFlags(*path, &error);
        if (!flags)
            return fail("--config: " + error);
        if (auto bad = scanFlags(*flags, raw)) {
            bad->message = "sandbox-agent: --config " + *path + ": " +
                           bad->message.substr(sizeof("sandbox-agent: ") - 1);
            return bad;
        }
        if (givesToken(args))
            raw.values.erase("--token-file");
    }
    return scanFlags(args, raw);
}

std::string valueOr(const RawFlags &raw, const char *name, const std::string &fallback) {
    const auto it = raw.values.find(name);
    return it == raw.values.end() ? fallback : it->second;
}

std::optional<std::string> applyEnums(const RawFlags &raw, AgentOptions &o) {
    const std::string backend = valueOr(raw, "--secrets-backend", "env");
    if (backend != "env" && backend != "file")
        return "--secrets-backend: expected env or file, got \"" + backend + "\"";
    o.secretsBackend = backend == "file" ? SecretsBackend::File : SecretsBackend::Env;
    const std::string runtime = valueOr(raw, "--runtime", "host");
    if (runtime == "host")
        o.runtime = Runtime::Host;
    else if (runtime == "host-unsandboxed")
        o.runtime = Runtime::HostUnsandboxed;
    else if (runtime == "docker")
        o.runtime = Runtime::Docker;
    else
        return "--runtime: expected host, host-unsandboxed or docker, got \"" + runtime + "\"";
    const std::string uid = valueOr(raw, "--sandbox-uid", "65534");
    const auto uidValue = parseInt(uid, 1, 2147483647);
    if (!uidValue)
        return "--sandbox-uid: expected a uid other than 0 (root), got \"" + uid + "\"";
    o.sandboxUid = static_cast<unsigned>(*uidValue);
    const std::string base = valueOr(raw, "--sandbox-uid-base", "1879048192");
    const auto baseValue = parseInt(base, 1, 2147483647 - static_cast<int>(UidPool::kSize - 1));
    if (!baseValue)
        return "--sandbox-uid-base: expected a uid from 1 to " +
               std::to_string(2147483647 - static_cast<int>(UidPool::kSize - 1)) + ", got \"" +
               base + "\"";
    o.sandboxUidBase = static_cast<unsigned>(*baseValue);
    const std::string max = valueOr(raw, "--max-concurrent", "32");
    const auto maxValue = parseInt(max, 1, 4096);
    if (!maxValue)
        return "--max-concurrent: expected a number from 1 to 4096, got \"" + max + "\"";
    o.maxConcurrent = *maxValue;
    return std::nullopt;
}

// The combinations the agent refuses to start with.
std::optional<std::string> checkCombinations(const AgentOptions &o) {
    if (o.tlsCert.empty() != o.tlsKey.empty())
        return "--tls-cert and --tls-key must be given together";
    if (!o.tlsCa.empty() && o.tlsCert.empty())
        return "--tls-ca (mutual TLS) needs --tls-cert and --tls-key";
    if (o.token.empty() && !o.mtlsEnabled() && !o.allowUnauthenticated)
        return "refusing to start without authentication: give --token, --token-file, "
               "SANDBOX_RUNNER_TOKEN or --tls-ca (mutual TLS), or pass "
               "--allow-unauthenticated";
    if (o.secretsBackend == SecretsBackend::File && o.secretsDir.empty())
        return "--secrets-backend file needs --secrets-dir";
    if (o.imagesStrict && o.imagesDir.empty())
        return "--images-strict needs --images-dir";
    if (!o.imagesDir.empty() && o.runtime != Runtime::Host)
        return "--images-dir needs --runtime host (bubblewrap)";
    return std::nullopt;
}

} // namespace

std::string AgentOptions::bindAddress(int boundPort) const {
    return host + ":" + std::to_string(boundPort);
}

AgentOptions::ParseResult AgentOptions::parse(const std::vector<std::string> &args,
                                              const EnvLookup &env) {
    RawFlags raw;
    if (auto early = scanConfigAndFlags(args, raw))
        return *early;
    AgentOptions o;
    std::string error;
    if (!parseAddress(valueOr(raw, "--addr", "127.0.0.1:50051"), o, &error))
        return fail(error);
    o.tlsCert = valueOr(raw, "--tls-cert", "");
    o.tlsKey = valueOr(raw, "--tls-key", "");
    o.tlsCa = valueOr(raw, "--tls-ca", "");
    o.secretsDir = valueOr(raw, "--secrets-dir", "");
    o.secretsEnvPrefix = valueOr(raw, "--secrets-env-prefix", "");
    o.allowUnauthenticated = raw.allowUnauthenticated;
    o.imagesDir = valueOr(raw, "--images-dir", "");
    o.imagesStrict = raw.imagesStrict;
    o.tokenFile = valueOr(raw, "--token-file", "");
    if (auto bad = applyEnums(raw, o))
        return fail(*bad);
    auto token = resolveToken(raw, env, &error);
    if (!token || !error.empty())
        return fail(error);
    o.token = *token;
    if (auto bad = checkCombinations(o))
        return fail(*bad);
    return {o, {}, 0};
}

std::string AgentOptions::usage() {
    return R"(usage: sandbox-agent [flags]

Serves workflow.plugin.external.sandbox.SandboxExecService over gRPC.

  --config FILE               read flags from FILE, one "name = value" per line (names
                              without "--", e.g. tls-cert = /etc/x.pem); flags given on the
                              command line override it
  --addr HOST:PORT            listen address (default 127.0.0.1:50051; port 0 = any free port)
  --tls-cert FILE             server certificate (PEM); enables TLS
  --tls-key FILE              server private key (PEM)
  --tls-ca FILE               CA for client certificates; enables mutual TLS (client
                              certificate required and verified); needs --tls-cert/--tls-key
  --token TOKEN               bearer token clients must send (visible in ps: prefer
                              --token-file or SANDBOX_RUNNER_TOKEN)
  --token-file FILE           read the bearer token from FILE (trailing newlines trimmed);
                              refused when group or others may access FILE (use mode 0600)
  --allow-unauthenticated     start even with neither a token nor mutual TLS
  --secrets-backend env|file  how secret://NAME env values are resolved (default env)
  --secrets-dir DIR           directory of the file backend (one file per secret)
  --secrets-env-prefix P      prefix of the env backend's variable names
  --runtime R                 host (default): each command in a bubblewrap sandbox;
                              host-unsandboxed: plain processes with the agent's own view of
                              the system (no isolation; logged loudly); docker: docker run
  --sandbox-uid UID           uid and gid of commands in the host runtime (default 65534);
                              (inside the sandbox)
  --sandbox-uid-base UID      a root agent runs each sandbox on the host as its own uid from
                              UID to UID+65535 (default 1879048192, a range systemd leaves
                              unused; it must own no files), so each has its own pid limit
  --images-dir DIR            image root file systems: image NAME is the directory
                              DIR/NAME with ':' and '/' turned into '_'
                              (debian:bookworm-slim -> DIR/debian_bookworm-slim)
  --images-strict             an image without a directory is INVALID_ARGUMENT instead of
                              running on this host's root file system (read-only)
  --max-concurrent N          concurrent execs before RESOURCE_EXHAUSTED (default 32)
  --version                   print the version and exit
  --help                      print this help and exit

Environment: SANDBOX_RUNNER_TOKEN (bearer token, when no token flag is given).
When ready, prints "listening on HOST:PORT" on stdout.
)";
}

} // namespace sandbox::agent
