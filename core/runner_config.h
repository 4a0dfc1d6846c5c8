#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sandbox {

// PEM material, either read from a file when the runner is created or given in memory.
// In-memory text wins when both are set.
struct PemSource {
    std::string path;
    std::string pem;

    bool isSet() const { return !path.empty() || !pem.empty(); }
    static PemSource fromFile(std::string p) { return {std::move(p), {}}; }
    static PemSource fromPem(std::string text) { return {{}, std::move(text)}; }
};

// Ordered, because users read and edit env as a list; the wire turns it into a map.
using EnvList = std::vector<std::pair<std::string, std::string>>;

// Everything a RemoteRunner needs to reach one agent.
struct RunnerConfig {
    std::string address; // host:port, required
    std::string token;   // bearer token; empty = none. Never logged.

    // TLS is on when useTls is set or any PEM is given; system roots are used without a CA.
    bool useTls = false;
    PemSource caCert;
    PemSource clientCert;
    PemSource clientKey;
    std::string serverNameOverride;
    // Lets a token travel over a connection without TLS. Off by default on purpose.
    bool allowInsecure = false;

    // Request defaults, overridable per exec.
    std::string profile;
    std::string image;
    EnvList env;
    std::string workdir;

    std::chrono::milliseconds connectTimeout{10000};
    std::optional<std::chrono::milliseconds> execDeadline;
    // The Go agent sends a command's whole stdout as one chunk; gRPC's 4 MiB default is too
    // small. Raised per profile ("Largest output message") or with sandboxctl --max-chunk.
    static constexpr int kDefaultMaxReceiveMessageBytes = 1024 * 1024 * 1024; // 1 GiB
    int maxReceiveMessageBytes = kDefaultMaxReceiveMessageBytes;
    // gRPC's BDP probing sizes the HTTP/2 window from what arrives while its ping waits,
    // so a reader that lags behind the agent grows it, and each read then takes in up to
    // that window of unread output (docs/performance.md). On, a fast reader (sandboxctl)
    // streams faster; off, the window stays small and fixed: a slower stream, but bounded
    // memory for a reader that is slower than the network anyway (the console).
    bool probeBandwidth = true;

    bool tlsEnabled() const {
        return useTls || caCert.isSet() || clientCert.isSet() || clientKey.isSet();
    }
};

// Per-exec overrides of the runner's request defaults; unset fields keep the default.
struct ExecOverrides {
    std::optional<std::string> profile;
    std::optional<std::string> image;
    std::optional<EnvList> env;
    std::optional<std::string> workdir;
    // This exec's deadline from the start of the call (the connection wait not included);
    // unset = the runner's execDeadline.
    std::optional<std::chrono::milliseconds> deadline;
};

struct ExecRequest {
    std::vector<std::string> argv;
    ExecOverrides overrides;
};

} // namespace sandbox
