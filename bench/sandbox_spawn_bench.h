#pragma once

#include <memory>
#include <string>

namespace sandbox {

namespace agent {
class HostSandbox;
}

// The agent's own way of running a command, in this process: the host runtime's
// HostSandbox::prepare (bubblewrap options, image root, host uid) and HostProcess (spawn,
// read until exit, reap), set up as the bench's agent sets it up (uid 65534; one host uid
// per sandbox when root). What an exec costs without gRPC.
class SandboxSpawnBench {
public:
    SandboxSpawnBench();
    ~SandboxSpawnBench();

    // False with error when bubblewrap cannot run here.
    bool init(std::string &error);
    // Runs `true` in the sandbox count times (profile as the bench's execs: the default,
    // standard); the median.
    bool p50Ms(int count, double &p50, std::string &error) const;

private:
    bool runTrue(std::string &error) const;

    std::shared_ptr<const agent::HostSandbox> sandbox_;
};

} // namespace sandbox
