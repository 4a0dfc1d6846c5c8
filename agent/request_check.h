#pragma once

#include "agent_options.h"

#include <optional>
#include <string>

#include "sandbox_exec.pb.h"

namespace sandbox::agent {

// What the agent refuses before running anything, each answer naming the field at fault:
// empty command or image, NUL bytes in any string, env names, argument lists the kernel
// would refuse with E2BIG, and what docker's --env-file cannot carry.
class RequestCheck {
public:
    // The kernel's limit for one argv or env string (MAX_ARG_STRLEN, 32 pages).
    static constexpr size_t kMaxArgBytes = 32 * 4096;

    static std::optional<std::string>
    problem(const workflow::plugin::external::sandbox::SandboxExecRequest &request,
            Runtime runtime);

private:
    static std::optional<std::string>
    argumentListProblem(const workflow::plugin::external::sandbox::SandboxExecRequest &request);
};

} // namespace sandbox::agent
