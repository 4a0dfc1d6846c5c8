#include "agent_process.h"

#include <gtest/gtest.h>

#include <csignal>
#include <thread>

namespace sandbox::test {

namespace {

std::vector<std::string> withAddr(std::vector<std::string> args, const std::string &addr) {
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--addr" && i + 1 < args.size()) {
            args[i + 1] = addr;
            return args;
        }
        if (args[i].rfind("--addr=", 0) == 0) {
            args[i] = "--addr=" + addr;
            return args;
        }
    }
    args.insert(args.begin(), {"--addr", addr});
    return args;
}

bool hasAddr(const std::vector<std::string> &args) {
    for (const std::string &a : args)
        if (a == "--addr" || a.rfind("--addr=", 0) == 0)
            return true;
    return false;
}

} // namespace

AgentProcess::AgentProcess() = default;

AgentProcess::~AgentProcess() {
    if (running())
        stop(std::chrono::seconds(5));
    child_.killAndReap();
    // In a SANDBOX_SANITIZE build the agent reports to stderr; make that a test failure.
    const std::string log = stderrText();
    for (const char *marker : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:"})
        if (log.find(marker) != std::string::npos)
            ADD_FAILURE() << "sandbox-agent reported a sanitizer error:\n" << log;
}

std::string AgentProcess::binaryPath() {
#ifdef SANDBOX_AGENT_PATH
    return SANDBOX_AGENT_PATH;
#else
    // Only while the tree is configured without the agent target; tests then fail to start it.
    return "sandbox-agent";
#endif
}

bool AgentProcess::running() const {
    return child_.pid() > 0 && !child_.poll();
}

std::string AgentProcess::stderrText() const {
    return ChildProcess::readFile(dir_.filePath(QStringLiteral("stderr.log")).toStdString());
}

bool AgentProcess::start(std::vector<std::string> args, EnvVars env,
                         std::chrono::milliseconds timeout) {
    if (!hasAddr(args))
        args = withAddr(std::move(args), "127.0.0.1:0");
    args_ = std::move(args);
    env_ = std::move(env);
    return launch(args_, timeout, true) == Launch::Ready;
}

AgentProcess::Launch AgentProcess::launch(const std::vector<std::string> &args,
                                          std::chrono::milliseconds timeout, bool report) {
    if (!dir_.isValid()) {
        ADD_FAILURE() << "cannot create a temporary directory for the agent";
        return Launch::Failed;
    }
    ++launches_;
    const std::string outPath =
        dir_.filePath(QStringLiteral("stdout-%1.txt").arg(launches_)).toStdString();
    const std::string errPath = dir_.filePath(QStringLiteral("stderr.log")).toStdString();
    std::string error;
    if (!child_.spawn(binaryPath(), args, env_, outPath, errPath, error)) {
        ADD_FAILURE() << error;
        return Launch::Failed;
    }
    const std::string marker = "listening on ";
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const std::string out = ChildProcess::readFile(outPath);
        const auto at = out.find(marker);
        const auto eol = at == std::string::npos ? at : out.find('\n', at);
        if (eol != std::string::npos) {
            std::string hostPort = out.substr(at + marker.size(), eol - at - marker.size());
            while (!hostPort.empty() && (hostPort.back() == '\r' || hostPort.back() == ' '))
                hostPort.pop_back();
            const auto colon = hostPort.rfind(':');
            if (colon == std::string::npos) {
                ADD_FAILURE() << "agent printed an unparsable address: " << hostPort;
                return Launch::Failed;
            }
            host_ = hostPort.substr(0, colon);
            if (host_.size() > 1 && host_.front() == '[')
                host_ = host_.substr(1, host_.size() - 2);
            port_ = std::stoi(hostPort.substr(colon + 1));
            return Launch::Ready;
        }
        if (child_.poll()) {
            if (report) {
                const ProcessResult r = child_.result();
                ADD_FAILURE() << "sandbox-agent exited before it was ready (exit code "
                              << r.exitCode << ", signal " << r.termSignal << "); stderr:\n"
                              << stderrText();
            }
            return Launch::ExitedEarly;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            child_.killAndReap();
            ADD_FAILURE() << "sandbox-agent did not print 'listening on HOST:PORT' within "
                          << timeout.count() << " ms; stderr:\n"
                          << stderrText();
            return Launch::Failed;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
}

bool AgentProcess::stop(std::chrono::milliseconds timeout) {
    if (!running())
        return true;
    child_.signal(SIGTERM);
    if (child_.waitFor(timeout))
        return true;
    child_.killAndReap();
    return false;
}

void AgentProcess::kill() {
    child_.killAndReap();
}

bool AgentProcess::restart(std::chrono::milliseconds timeout) {
    if (port_ <= 0) {
        ADD_FAILURE() << "restart() before a successful start()";
        return false;
    }
    stop();
    const int oldPort = port_;
    const std::vector<std::string> args = withAddr(args_, host_ + ':' + std::to_string(port_));
    // The old socket may linger for a moment; a few bounded attempts cover that.
    constexpr int kAttempts = 10;
    for (int attempt = 1; attempt <= kAttempts; ++attempt) {
        switch (launch(args, timeout, attempt == kAttempts)) {
        case Launch::Ready:
            if (port_ != oldPort) {
                ADD_FAILURE() << "restarted agent listens on port " << port_ << ", not " << oldPort;
                return false;
            }
            return true;
        case Launch::Failed:
            return false;
        case Launch::ExitedEarly:
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            break;
        }
    }
    return false;
}

} // namespace sandbox::test
