#pragma once

#include <sandbox_exec.pb.h>

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace grpc {
class Server;
class Service;
} // namespace grpc

namespace sandbox::test {

// An in-process gRPC server speaking the wire contract on 127.0.0.1:0 (insecure), scripted
// to show behaviour a real agent cannot be made to show. Every mode records the last
// request and its metadata.
class FakeAgent {
public:
    enum class Mode {
        // stdout "recorded\n", then exit_code 0: a well-behaved agent, for request checks.
        Record,
        // stdout kBeforeExit, exit_code kFirstExitCode, then stdout kAfterExit and exit_code
        // kSecondExitCode, then keeps the stream open until the client cancels.
        TrailingAfterExit,
        // stdout kPartial, then ends the stream with OK and no exit_code.
        NoExitCode,
        // One stdout chunk of kBigChunkBytes (bigChunk()), then exit_code 0, the way the Go
        // agent sends a command's whole output.
        BigChunk,
        // One stdout chunk of kHugeChunkBytes (hugeChunk()), then exit_code 0: a 100 MiB
        // output from the Go agent, over gRPC's and the old 64 MiB limit.
        HugeChunk,
        // stdout kPartial, then kNotAChunk: bytes that are no SandboxExecChunk (a field of
        // wire type 7), as a broken or foreign server might send; then ends with OK.
        // Requests are not recorded in this mode.
        NotAChunk,
    };

    static constexpr const char *kBeforeExit = "before exit\n";
    static constexpr const char *kAfterExit = "AFTER EXIT\n";
    static constexpr int kFirstExitCode = 3;
    static constexpr int kSecondExitCode = 9;
    static constexpr const char *kPartial = "partial output\n";
    static constexpr size_t kBigChunkBytes = 16 * 1024 * 1024;
    static constexpr size_t kHugeChunkBytes = 100 * 1024 * 1024;
    static constexpr const char kNotAChunk[] = "\x0f\xff\xff";

    explicit FakeAgent(Mode mode);
    ~FakeAgent();
    FakeAgent(const FakeAgent &) = delete;
    FakeAgent &operator=(const FakeAgent &) = delete;

    // Binds 127.0.0.1:0 and serves; false with error() on failure.
    bool start();
    const std::string &error() const { return error_; }
    std::string address() const;

    using Request = workflow::plugin::external::sandbox::SandboxExecRequest;
    std::optional<Request> lastRequest() const;
    std::multimap<std::string, std::string> lastMetadata() const;
    int calls() const { return calls_.load(); }
    // TrailingAfterExit: true once a handler saw its call cancelled by the client.
    bool sawClientCancel() const { return sawCancel_.load(); }

    // The deterministic payload of Mode::BigChunk.
    static const std::string &bigChunk();
    // The deterministic payload of Mode::HugeChunk.
    static const std::string &hugeChunk();

private:
    class Service;
    class RawService;
    friend class Service;
    friend class RawService;

    Mode mode_;
    std::unique_ptr<grpc::Service> service_;
    std::unique_ptr<grpc::Server> server_;
    int port_ = 0;
    std::string error_;
    mutable std::mutex mutex_;
    std::optional<Request> lastRequest_;
    std::multimap<std::string, std::string> lastMetadata_;
    std::atomic<int> calls_{0};
    std::atomic<bool> sawCancel_{false};
    std::atomic<bool> stopping_{false};
};

} // namespace sandbox::test
