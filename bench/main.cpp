// sandbox-bench: numbers for the client/agent path, never pass/fail.
#include "agent_launcher.h"
#include "bench_options_parser.h"
#include "bench_pki.h"
#include "bench_runner.h"

#include <QCoreApplication>

#include <openssl/rand.h>

#include <cstdio>

#ifndef SANDBOX_AGENT_PATH
#define SANDBOX_AGENT_PATH "sandbox-agent"
#endif

namespace {

int fail(const std::string &message) {
    std::fprintf(stderr, "sandbox-bench: %s\n", message.c_str());
    return 1;
}

std::string randomToken() {
    unsigned char bytes[24];
    RAND_bytes(bytes, sizeof bytes);
    static const char hex[] = "0123456789abcdef";
    std::string token;
    for (unsigned char b : bytes) {
        token += hex[b >> 4];
        token += hex[b & 15];
    }
    return token;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    using namespace sandbox;
    BenchOptionsParser::Parsed parsed;
    parsed.agentPath = SANDBOX_AGENT_PATH;
    std::string error;
    if (!BenchOptionsParser::parse(std::vector<std::string>(argv + 1, argv + argc), parsed, error))
        return fail(error + "\n" + BenchOptionsParser::usage());
    if (parsed.help) {
        std::fputs(BenchOptionsParser::usage(), stdout);
        return 0;
    }
    BenchPki pki;
    if (!pki.generate(error))
        return fail(error);
    const std::string token = randomToken();
    AgentLauncher agent;
    if (!agent.start(parsed.agentPath,
                     {pki.path("server.pem"), pki.path("server.key"), pki.path("ca.pem"),
                      pki.path("agent.log")},
                     token, error))
        return fail(error);

    RunnerConfig config;
    config.address = agent.address();
    config.token = token;
    config.caCert = PemSource::fromFile(pki.path("ca.pem"));
    config.clientCert = PemSource::fromFile(pki.path("client.pem"));
    config.clientKey = PemSource::fromFile(pki.path("client.key"));
    config.image = "bench";
    BenchRunner runner(config, parsed.options);
    BenchNumbers numbers;
    if (!runner.run(numbers, error))
        return fail(error);
    std::fputs(BenchRunner::toJson(numbers, parsed.options).c_str(), stdout);
    return 0;
}
