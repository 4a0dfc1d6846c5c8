// sandbox-bench: numbers for the client/agent path, never pass/fail.
#include "agent_launcher.h"
#include "bench_options_parser.h"
#include "bench_pki.h"
#include "bench_report.h"
#include "bench_suite.h"

#include <QCoreApplication>
#ifdef SANDBOX_BENCH_UI
#include "profile.h"
#include "ui_flood_bench.h"

#include <QApplication>
#endif

#include <openssl/rand.h>

#include <cstdio>
#include <memory>

#ifndef SANDBOX_CTL_PATH
#define SANDBOX_CTL_PATH "sandboxctl"
#endif
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

// --ui needs widgets; it runs offscreen unless the caller chose a platform.
std::unique_ptr<QCoreApplication> makeApplication(int &argc, char **argv, bool ui) {
#ifdef SANDBOX_BENCH_UI
    if (ui) {
        if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
            qputenv("QT_QPA_PLATFORM", "offscreen");
        return std::make_unique<QApplication>(argc, argv);
    }
#else
    Q_UNUSED(ui);
#endif
    return std::make_unique<QCoreApplication>(argc, argv);
}

// Both agents of the client figures: mTLS + token, and plaintext + token (AllowInsecure).
// Room for the concurrent execs: the agent's default --max-concurrent is 32.
int runClientBench(const sandbox::BenchOptionsParser::Parsed &parsed, const sandbox::BenchPki &pki,
                   const sandbox::AgentLauncher &agent, const std::string &token) {
    using namespace sandbox;
    const std::vector<std::string> extra = {"--max-concurrent",
                                            std::to_string(parsed.options.concurrentExecs + 8)};
    AgentLauncher plaintextAgent;
    std::string error;
    if (!plaintextAgent.start(parsed.agentPath, {{}, {}, {}, pki.path("agent-plain.log"), extra},
                              token, error))
        return fail(error);
    RunnerConfig config;
    config.address = agent.address();
    config.token = token;
    config.caCert = PemSource::fromFile(pki.path("ca.pem"));
    config.clientCert = PemSource::fromFile(pki.path("client.pem"));
    config.clientKey = PemSource::fromFile(pki.path("client.key"));
    config.image = "bench";
    RunnerConfig plaintext;
    plaintext.address = plaintextAgent.address();
    plaintext.token = token;
    plaintext.allowInsecure = true;
    plaintext.image = "bench";
    CtlStreamReference ctlStream({SANDBOX_CTL_PATH, agent.address(), pki.path("ca.pem"),
                                  pki.path("client.pem"), pki.path("client.key"), token});
    BenchSuite suite(config, plaintext, parsed.options, agent.pid(), std::move(ctlStream));
    std::vector<BenchNumbers> rounds;
    if (!suite.run(rounds, error))
        return fail(error);
    std::fputs(BenchReport::toJson(rounds, parsed.options).c_str(), stdout);
    return 0;
}

#ifdef SANDBOX_BENCH_UI
int runUiBench(const sandbox::BenchOptionsParser::Parsed &parsed, const sandbox::BenchPki &pki,
               const std::string &address, const std::string &token) {
    using namespace sandbox;
    Profile profile;
    profile.name = QStringLiteral("bench");
    profile.address = QString::fromStdString(address);
    profile.caFile = QString::fromStdString(pki.path("ca.pem"));
    profile.certFile = QString::fromStdString(pki.path("client.pem"));
    profile.keyFile = QString::fromStdString(pki.path("client.key"));
    profile.image = QStringLiteral("bench");
    const std::uint64_t bytes =
        parsed.sizeSet ? parsed.options.streamBytes : BenchOptionsParser::kDefaultUiBytes;
    UiFloodBench bench(profile, QString::fromStdString(token), bytes);
    UiFloodNumbers numbers;
    std::string error;
    if (!bench.run(numbers, error))
        return fail(error);
    std::fputs(UiFloodBench::toJson(numbers, bytes).c_str(), stdout);
    return 0;
}
#endif

} // namespace

int main(int argc, char **argv) {
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
#ifndef SANDBOX_BENCH_UI
    if (parsed.ui)
        return fail("--ui needs the console view; this sandbox-bench was built without the GUI "
                    "(SANDBOX_BUILD_GUI=OFF)");
#endif
    const std::unique_ptr<QCoreApplication> app = makeApplication(argc, argv, parsed.ui);
    BenchPki pki;
    if (!pki.generate(error))
        return fail(error);
    const std::string token = randomToken();
    AgentLauncher agent;
    if (!agent.start(parsed.agentPath,
                     {pki.path("server.pem"),
                      pki.path("server.key"),
                      pki.path("ca.pem"),
                      pki.path("agent.log"),
                      {"--max-concurrent", std::to_string(parsed.options.concurrentExecs + 8)}},
                     token, error))
        return fail(error);
#ifdef SANDBOX_BENCH_UI
    if (parsed.ui)
        return runUiBench(parsed, pki, agent.address(), token);
#endif
    return runClientBench(parsed, pki, agent, token);
}
