#pragma once

#include "exec_cancellation.h"
#include "exec_result.h"
#include "exec_sink.h"
#include "runner_config.h"

#include <memory>
#include <string>

namespace sandbox {

// The gRPC client of one agent: the C++ counterpart of the Go RemoteRunner.
// The channel is created lazily and reused by every exec until close(); exec() may be
// called from several threads at once.
class RemoteRunner {
public:
    // Validates the config (address, token policy, PEM files, key/cert match) and reads
    // the PEM files. On failure returns nullptr and sets error to a specific message.
    static std::unique_ptr<RemoteRunner> create(RunnerConfig config, std::string &error);
    ~RemoteRunner();

    RemoteRunner(const RemoteRunner &) = delete;
    RemoteRunner &operator=(const RemoteRunner &) = delete;

    // Runs argv on the agent; output goes to sink as it arrives. Blocks until the first
    // exit_code chunk, an error, or cancellation.
    ExecResult exec(const ExecRequest &request, ExecSink &sink,
                    ExecCancellation *cancellation = nullptr);
    // Same, collecting stdout and stderr into strings.
    CollectedExec execCollect(const ExecRequest &request,
                              ExecCancellation *cancellation = nullptr);

    // Drops the channel; the next exec creates a new one.
    void close();

    const RunnerConfig &config() const;

private:
    struct Impl;
    explicit RemoteRunner(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> d;
};

} // namespace sandbox
