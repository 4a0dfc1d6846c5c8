#include "secure_agent.h"

#include <QFile>

#include <gtest/gtest.h>
#include <openssl/rand.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <thread>

namespace sandbox::test {

SecureAgent::SecureAgent(const TestPki &pki)
    : pki_(pki)
    , token_(randomToken()) {}

SecureAgent::~SecureAgent() = default;

std::string SecureAgent::randomToken() {
    unsigned char bytes[16];
    RAND_bytes(bytes, sizeof bytes);
    static const char digits[] = "0123456789abcdef";
    std::string token = "tok-";
    for (unsigned char b : bytes) {
        token += digits[b >> 4];
        token += digits[b & 0xF];
    }
    return token;
}

QString SecureAgent::tokenFile() const {
    return dir_.filePath(QStringLiteral("token"));
}

bool SecureAgent::start(Options options) {
    if (!pki_.ok()) {
        ADD_FAILURE() << "test PKI generation failed: " << pki_.error();
        return false;
    }
    QFile file(tokenFile());
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        ADD_FAILURE() << "cannot write the token file";
        return false;
    }
    file.write(token_.data(), static_cast<qint64>(token_.size()));
    file.write("\n");
    file.close();
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    mtls_ = options.mtls;
    const CertKey &cert = options.serverCert ? *options.serverCert : pki_.server();
    std::vector<std::string> args = {"--tls-cert",   cert.certFile(), "--tls-key",
                                     cert.keyFile(), "--token-file",  tokenFile().toStdString()};
    if (mtls_)
        args.insert(args.end(), {"--tls-ca", pki_.ca().certFile()});
    args.insert(args.end(), options.extraArgs.begin(), options.extraArgs.end());
    return agent_.start(std::move(args), std::move(options.env));
}

RunnerConfig SecureAgent::runnerConfig() const {
    RunnerConfig config;
    config.address = agent_.address();
    config.token = token_;
    config.useTls = true;
    config.caCert = PemSource::fromPem(pki_.ca().certPem);
    if (mtls_) {
        config.clientCert = PemSource::fromFile(pki_.client().certFile());
        config.clientKey = PemSource::fromFile(pki_.client().keyFile());
    }
    config.image = kImage;
    return config;
}

std::unique_ptr<RemoteRunner> SecureAgent::makeRunner(RunnerConfig config) {
    std::string error;
    auto runner = RemoteRunner::create(std::move(config), error);
    if (!runner)
        ADD_FAILURE() << "RemoteRunner::create failed: " << error;
    return runner;
}

ExecRequest command(std::vector<std::string> argv) {
    ExecRequest request;
    request.argv = std::move(argv);
    return request;
}

std::optional<ExecResult> execWithin(RemoteRunner &runner, const ExecRequest &request,
                                     ExecSink &sink, std::chrono::seconds timeout,
                                     ExecCancellation *cancellation) {
    ExecCancellation own;
    ExecCancellation *cancel = cancellation ? cancellation : &own;
    std::promise<ExecResult> promise;
    std::future<ExecResult> future = promise.get_future();
    std::thread worker([&] { promise.set_value(runner.exec(request, sink, cancel)); });
    if (future.wait_for(timeout) == std::future_status::ready) {
        worker.join();
        return future.get();
    }
    ADD_FAILURE() << "exec did not return within " << timeout.count() << " s; cancelling";
    cancel->cancel();
    if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
        // The worker references this frame; leaving would be undefined, hanging is worse.
        std::fprintf(stderr, "FATAL: exec ignores cancellation; aborting the test process\n");
        std::fflush(stderr);
        std::abort();
    }
    worker.join();
    return std::nullopt;
}

namespace {

const char *kindName(ExecErrorKind kind) {
    switch (kind) {
    case ExecErrorKind::None:
        return "None";
    case ExecErrorKind::InvalidConfig:
        return "InvalidConfig";
    case ExecErrorKind::InvalidRequest:
        return "InvalidRequest";
    case ExecErrorKind::Unauthenticated:
        return "Unauthenticated";
    case ExecErrorKind::PermissionDenied:
        return "PermissionDenied";
    case ExecErrorKind::Unavailable:
        return "Unavailable";
    case ExecErrorKind::TlsFailure:
        return "TlsFailure";
    case ExecErrorKind::InvalidArgument:
        return "InvalidArgument";
    case ExecErrorKind::ResourceExhausted:
        return "ResourceExhausted";
    case ExecErrorKind::DeadlineExceeded:
        return "DeadlineExceeded";
    case ExecErrorKind::Internal:
        return "Internal";
    case ExecErrorKind::StreamCut:
        return "StreamCut";
    case ExecErrorKind::Cancelled:
        return "Cancelled";
    case ExecErrorKind::Other:
        return "Other";
    }
    return "?";
}

} // namespace

std::string describe(const ExecResult &result) {
    std::string text;
    switch (result.outcome) {
    case ExecOutcome::Exited:
        text = "Exited(" + std::to_string(result.exitCode) + ")";
        break;
    case ExecOutcome::Cancelled:
        text = "Cancelled";
        break;
    case ExecOutcome::Failed:
        text = "Failed";
        break;
    }
    text += std::string(", kind ") + kindName(result.error.kind) + ", grpc " +
            std::to_string(result.error.grpcCode) + ": " + result.error.message +
            " (agent: " + result.error.agentMessage + ")";
    return text;
}

bool contains(const std::string &haystack, const std::string &needle) {
    return haystack.find(needle) != std::string::npos;
}

bool containsIgnoringCase(const std::string &haystack, const std::string &needle) {
    auto lower = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return s;
    };
    return contains(lower(haystack), lower(needle));
}

} // namespace sandbox::test
