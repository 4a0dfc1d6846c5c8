#pragma once

#include "process_spec.h"

#include <chrono>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <sys/types.h>

namespace sandbox::agent {

enum class OutputStream { Stdout, Stderr };

// A command running directly on this host in its own process group, with its output read
// from pipes in one epoll loop and forwarded in the order the pipes became readable (two
// pipes cannot give a total order of the writes: data written to one pipe while the other
// is being read is forwarded after it). Reading only continues after the previous chunk was handed
// on, so a slow consumer stalls the command (full pipe) instead of growing memory.
class HostProcess {
public:
    // Fewer, larger messages than 64 KiB mean fewer thread hand-offs per byte; 1 MiB chunks
    // measured no better and cost page faults (buffers past malloc's mmap threshold).
    // Clients of other gRPC implementations keep their 4 MiB default receive limit: stay
    // well under 1 MiB.
    static constexpr size_t kMaxChunk = 256 * 1024;

    // Receives each chunk (at most kMaxChunk bytes) in the buffer it was read into; may take
    // that buffer (swap in another, or leave it empty) so the bytes go on without a copy.
    // Returns false when nobody listens anymore. A callable taking std::string_view fits.
    using OutputWriter = std::function<bool(OutputStream, std::string &)>;
    // Polled while waiting; true asks to stop the command.
    using CancelCheck = std::function<bool()>;

    struct SpawnError {
        bool invalidArgument = false; // the request is at fault (e.g. workdir), not the agent
        std::string message;
    };

    struct Outcome {
        int exitCode = -1; // exit status, or 128+N for signal N
        bool cancelled = false;
        bool timedOut = false;
        std::uint64_t bytesOut = 0; // stdout + stderr bytes handed to the writer
    };

    static std::unique_ptr<HostProcess> spawn(const ProcessSpec &spec, SpawnError *error);
    ~HostProcess();
    HostProcess(const HostProcess &) = delete;
    HostProcess &operator=(const HostProcess &) = delete;

    // Streams output until the command ends, is cancelled or times out; then kills what is
    // left of the process group and reaps it. Call once. Cancellation and the timeout are
    // checked between chunks: while `write` blocks (a client that stopped reading), only the
    // writer giving up ends the wait (gRPC cancels the call on disconnect, keepalive failure
    // or server shutdown).
    Outcome run(const OutputWriter &write, const CancelCheck &cancelled);

    pid_t pid() const { return pid_; }

    // Grace between SIGTERM and SIGKILL when cancelling or timing out.
    static constexpr std::chrono::milliseconds kKillGrace{2000};

private:
    HostProcess(pid_t pid, int stdoutFd, int stderrFd, int epollFd,
                std::chrono::milliseconds timeout);
    static int watchPipes(int stdoutFd, int stderrFd);
    static void watch(int epollFd, int fd, std::uint32_t tag, std::uint32_t events);

    bool pollExited();
    void pumpOnce(const OutputWriter &write, Outcome &outcome, int waitMs);
    void collectReady(int waitMs);
    void forwardNext(const OutputWriter &write, Outcome &outcome);
    bool readChunk(int &fd, OutputStream stream, const OutputWriter &write, Outcome &outcome);
    void drain(const OutputWriter &write, Outcome &outcome);
    void beginTermination();
    void escalate();
    void killAndReapGroup();
    void reapBwrapInit();
    void closeFd(int &fd);

    pid_t pid_;
    std::string buffer_; // what read() fills; the writer may take it
    std::string chunk_;  // a short read's bytes, copied out of buffer_; the writer may take it
    int stdoutFd_;
    int stderrFd_;
    int pidFd_ = -1;
    int infoFd_ = -1; // bwrap's --info-fd, when the spec asked for it
    int epollFd_ = -1;
    static constexpr std::uint32_t kStdoutTag = 0;
    static constexpr std::uint32_t kStderrTag = 1;
    static constexpr std::uint32_t kPidTag = 2;
    // Pipes with output to forward, in the order they became readable.
    std::deque<OutputStream> ready_;
    std::chrono::milliseconds timeout_;
    bool exited_ = false;
    bool reaped_ = false;
    bool writerGone_ = false;
    int exitCode_ = -1;
    std::chrono::steady_clock::time_point termSentAt_{};
    bool termSent_ = false;
};

} // namespace sandbox::agent
