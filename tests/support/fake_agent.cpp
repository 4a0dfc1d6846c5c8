#include "fake_agent.h"

#include <sandbox_exec.grpc.pb.h>

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <thread>
#include <vector>

namespace sandbox::test {

namespace pb = workflow::plugin::external::sandbox;

class FakeAgent::Service final : public pb::SandboxExecService::Service {
public:
    explicit Service(FakeAgent &owner)
        : owner_(owner) {}

    grpc::Status Exec(grpc::ServerContext *context, const pb::SandboxExecRequest *request,
                      grpc::ServerWriter<pb::SandboxExecChunk> *writer) override {
        owner_.calls_.fetch_add(1);
        {
            std::lock_guard lock(owner_.mutex_);
            owner_.lastRequest_ = *request;
            owner_.lastMetadata_.clear();
            for (const auto &[key, value] : context->client_metadata())
                owner_.lastMetadata_.emplace(std::string(key.data(), key.size()),
                                             std::string(value.data(), value.size()));
        }
        switch (owner_.mode_) {
        case Mode::Record:
            writeStdout(writer, "recorded\n");
            writeExit(writer, 0);
            return grpc::Status::OK;
        case Mode::TrailingAfterExit:
            writeStdout(writer, kBeforeExit);
            writeExit(writer, kFirstExitCode);
            writeStdout(writer, kAfterExit);
            writeExit(writer, kSecondExitCode);
            waitForCancel(context);
            return grpc::Status::OK;
        case Mode::NoExitCode:
            writeStdout(writer, kPartial);
            return grpc::Status::OK;
        case Mode::BigChunk:
            writeStdout(writer, bigChunk());
            writeExit(writer, 0);
            return grpc::Status::OK;
        case Mode::HugeChunk:
            writeStdout(writer, hugeChunk());
            writeExit(writer, 0);
            return grpc::Status::OK;
        case Mode::NotAChunk:
            break; // served by RawService
        }
        return grpc::Status(grpc::StatusCode::INTERNAL, "unknown fake mode");
    }

private:
    static void writeStdout(grpc::ServerWriter<pb::SandboxExecChunk> *writer,
                            const std::string &bytes) {
        pb::SandboxExecChunk chunk;
        chunk.set_stdout(bytes);
        writer->Write(chunk);
    }
    static void writeExit(grpc::ServerWriter<pb::SandboxExecChunk> *writer, int code) {
        pb::SandboxExecChunk chunk;
        chunk.set_exit_code(code);
        writer->Write(chunk);
    }
    // Keeps the stream open like a misbehaving agent; bounded so a broken client cannot
    // keep the test process alive forever.
    void waitForCancel(grpc::ServerContext *context) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
        while (std::chrono::steady_clock::now() < deadline && !owner_.stopping_.load()) {
            if (context->IsCancelled()) {
                owner_.sawCancel_.store(true);
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }

    FakeAgent &owner_;
};

// Writes bytes the typed writer cannot: the method registered raw; stdout kPartial, then
// kNotAChunk, then OK.
class FakeAgent::RawService final
    : public pb::SandboxExecService::WithRawCallbackMethod_Exec<pb::SandboxExecService::Service> {
public:
    explicit RawService(FakeAgent &owner)
        : owner_(owner) {}

    grpc::ServerWriteReactor<grpc::ByteBuffer> *Exec(grpc::CallbackServerContext *,
                                                     const grpc::ByteBuffer *) override {
        owner_.calls_.fetch_add(1);
        pb::SandboxExecChunk output;
        output.set_stdout(kPartial);
        return new Messages(
            {output.SerializeAsString(), std::string(kNotAChunk, sizeof kNotAChunk - 1)});
    }

private:
    class Messages final : public grpc::ServerWriteReactor<grpc::ByteBuffer> {
    public:
        explicit Messages(std::vector<std::string> messages)
            : messages_(std::move(messages)) {
            writeNext();
        }
        void OnWriteDone(bool ok) override {
            if (ok && next_ < messages_.size())
                writeNext();
            else
                Finish(grpc::Status::OK);
        }
        void OnDone() override { delete this; }

    private:
        void writeNext() {
            grpc::Slice slice(messages_[next_++]);
            buffer_ = grpc::ByteBuffer(&slice, 1);
            StartWrite(&buffer_);
        }

        std::vector<std::string> messages_;
        std::size_t next_ = 0;
        grpc::ByteBuffer buffer_;
    };

    FakeAgent &owner_;
};

FakeAgent::FakeAgent(Mode mode)
    : mode_(mode) {}

FakeAgent::~FakeAgent() {
    stopping_.store(true);
    if (server_) {
        server_->Shutdown(std::chrono::system_clock::now() + std::chrono::seconds(2));
        server_->Wait();
    }
}

bool FakeAgent::start() {
    if (mode_ == Mode::NotAChunk)
        service_ = std::make_unique<RawService>(*this);
    else
        service_ = std::make_unique<Service>(*this);
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port_);
    builder.RegisterService(service_.get());
    builder.SetMaxSendMessageSize(256 * 1024 * 1024);
    server_ = builder.BuildAndStart();
    if (!server_ || port_ <= 0) {
        error_ = "fake agent could not listen on 127.0.0.1:0";
        server_.reset();
        return false;
    }
    return true;
}

std::string FakeAgent::address() const {
    return "127.0.0.1:" + std::to_string(port_);
}

std::optional<FakeAgent::Request> FakeAgent::lastRequest() const {
    std::lock_guard lock(mutex_);
    return lastRequest_;
}

std::multimap<std::string, std::string> FakeAgent::lastMetadata() const {
    std::lock_guard lock(mutex_);
    return lastMetadata_;
}

namespace {

// Not a repeating short pattern, so a lost or duplicated slice changes the hash.
std::string pseudoRandomBytes(size_t size) {
    std::string s(size, '\0');
    std::uint64_t x = 0x9E3779B97F4A7C15ull;
    for (char &c : s) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        c = static_cast<char>(x & 0xFF);
    }
    return s;
}

} // namespace

const std::string &FakeAgent::bigChunk() {
    static const std::string data = pseudoRandomBytes(kBigChunkBytes);
    return data;
}

const std::string &FakeAgent::hugeChunk() {
    static const std::string data = pseudoRandomBytes(kHugeChunkBytes);
    return data;
}

} // namespace sandbox::test
