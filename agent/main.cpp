// sandbox-agent: a wire-compatible sandbox agent (see ../shared/wire-contract.md).
#include "agent_options.h"
#include "agent_server.h"
#include "process_hardening.h"
#include "signal_watcher.h"

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>

using namespace sandbox::agent;

namespace {

std::optional<std::string> processEnv(const std::string &name) {
    const char *value = std::getenv(name.c_str());
    return value ? std::optional<std::string>(value) : std::nullopt;
}

void warnAboutTransport(const AgentOptions &options) {
    if (!options.token.empty() && !options.tlsEnabled())
        std::cerr << "sandbox-agent: warning: bearer tokens will travel without TLS\n";
    if (options.token.empty() && !options.mtlsEnabled())
        std::cerr << "sandbox-agent: warning: running without authentication "
                     "(--allow-unauthenticated)\n";
}

} // namespace

int main(int argc, char **argv) {
    ProcessHardening::makeUndumpable();
    const auto parsed =
        AgentOptions::parse(std::vector<std::string>(argv + 1, argv + argc), processEnv);
    if (!parsed.options) {
        (parsed.exitCode == 0 ? std::cout : std::cerr) << parsed.message << "\n";
        return parsed.exitCode;
    }
    const AgentOptions &options = *parsed.options;
    // The token must not be reachable by commands: not through the env secret backend
    // (secret://sandbox.runner.token would name it), not in /proc/PID/environ or cmdline.
    ProcessHardening::scrubToken(argc, argv);
    std::mutex mutex;
    AgentServer *running = nullptr;
    bool stopRequested = false;
    // Before any gRPC thread exists, so that every thread inherits the blocked signals.
    SignalWatcher signals([&](int) {
        std::lock_guard lock(mutex);
        stopRequested = true;
        if (running)
            running->shutdown();
    });
    std::string error;
    auto server = AgentServer::start(options, &error);
    if (!server) {
        std::cerr << "sandbox-agent: " << error << "\n";
        return 1;
    }
    warnAboutTransport(options);
    {
        std::lock_guard lock(mutex);
        running = server.get();
        if (stopRequested)
            server->shutdown();
    }
    std::cout << "listening on " << server->address() << std::endl;
    server->wait();
    // wait() returns as soon as gRPC's Shutdown() is done, while the watcher thread may still
    // be inside shutdown() (ExecService::stop, the return path). It holds the mutex for the
    // whole call: taking the server from it under the mutex means no one uses it past here.
    {
        std::lock_guard lock(mutex);
        running = nullptr;
    }
    std::cerr << "sandbox-agent: stopped\n";
    return 0;
}
