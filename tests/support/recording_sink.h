#pragma once

#include "sha256.h"

#include <exec_sink.h>

#include <atomic>
#include <functional>
#include <mutex>
#include <string>

namespace sandbox::test {

// A thread-safe ExecSink that keeps what it received (or only its SHA-256, for outputs too
// big to keep) and can run a hook after each chunk, e.g. to cancel once a marker arrived.
class RecordingSink : public ExecSink {
public:
    enum class Keep { Everything, HashOnly };
    explicit RecordingSink(Keep keep = Keep::Everything);
    ~RecordingSink() override;

    // Called after each stdout chunk with everything received so far (empty in HashOnly).
    void setOnStdout(std::function<void(const std::string &stdoutSoFar)> hook);

    void onStdout(std::string_view bytes) override;
    void onStderr(std::string_view bytes) override;
    void onConnected() override { connected_ = true; }

    // The runner reported the connection up (TLS handshake done).
    bool sawConnected() const { return connected_.load(); }

    std::string stdoutData() const;
    std::string stderrData() const;
    std::uint64_t stdoutBytes() const;
    size_t stdoutChunks() const;
    size_t largestStdoutChunk() const;
    // Hex SHA-256 of all stdout bytes, in order.
    std::string stdoutSha256() const;

private:
    Keep keep_;
    mutable std::mutex mutex_;
    std::string out_, err_;
    std::uint64_t outBytes_ = 0;
    size_t outChunks_ = 0;
    size_t largestChunk_ = 0;
    mutable Sha256 sha_;
    std::function<void(const std::string &)> hook_;
    std::atomic<bool> connected_{false};
};

} // namespace sandbox::test
