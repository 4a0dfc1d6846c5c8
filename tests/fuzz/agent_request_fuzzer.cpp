// Fuzzes what the agent does with an Exec call's raw bytes before anything runs:
// RequestDecoder (garbage and non-UTF-8 fields) and RequestCheck (empty fields, NUL bytes,
// env names, E2BIG, docker's env file) for every runtime. A request both accept must be
// launchable, and no answer may quote an env value (values may be secrets).
#include "request_check.h"
#include "request_decoder.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <google/protobuf/stubs/logging.h>

using sandbox::agent::RequestCheck;
using sandbox::agent::RequestDecoder;
using sandbox::agent::Runtime;
namespace wire = workflow::plugin::external::sandbox;

namespace {

bool hasNul(const std::string &text) {
    return text.find('\0') != std::string::npos;
}

// True when some text that may be named in a message (env key, image) holds the value.
bool nameable(const wire::SandboxExecRequest &request, const std::string &value) {
    if (request.image().find(value) != std::string::npos)
        return true;
    for (const auto &[key, ignored] : request.env()) {
        if (key.find(value) != std::string::npos)
            return true;
    }
    return false;
}

// Values with a '@' stand for secrets: no message template holds one, so finding such a
// value in a message means it was quoted (the fuzzer otherwise learns the templates' words).
void checkNoValueQuoted(const wire::SandboxExecRequest &request, const std::string &message) {
    for (const auto &[key, value] : request.env()) {
        if (value.size() >= 6 && value.find('@') != std::string::npos &&
            message.find(value) != std::string::npos && !nameable(request, value))
            std::abort();
    }
}

void checkLaunchable(const wire::SandboxExecRequest &request) {
    if (request.command().empty() || request.command(0).empty() || request.image().empty())
        std::abort();
    for (const auto &arg : request.command()) {
        if (hasNul(arg) || arg.size() + 1 > RequestCheck::kMaxArgBytes)
            std::abort();
    }
    for (const auto &[key, value] : request.env()) {
        if (key.empty() || key.find('=') != std::string::npos || hasNul(key) || hasNul(value) ||
            key.size() + value.size() + 2 > RequestCheck::kMaxArgBytes)
            std::abort();
    }
    if (hasNul(request.workdir()) || hasNul(request.profile()) || hasNul(request.image()))
        std::abort();
}

void checkEveryRuntime(const wire::SandboxExecRequest &request) {
    for (const Runtime runtime : {Runtime::Host, Runtime::HostUnsandboxed, Runtime::Docker}) {
        if (const auto bad = RequestCheck::problem(request, runtime)) {
            if (bad->empty())
                std::abort();
            checkNoValueQuoted(request, *bad);
            continue;
        }
        checkLaunchable(request);
    }
}

} // namespace

// The harness's own strict parse of a non-UTF-8 request would log each time (the agent never
// does: it checks with the lenient twin first); keep the output readable and the runs fast.
extern "C" int LLVMFuzzerInitialize(int *, char ***) {
    google::protobuf::SetLogHandler(nullptr);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const std::string bytes(reinterpret_cast<const char *>(data), size);
    wire::SandboxExecRequest request;
    if (const auto bad = RequestDecoder::decode(bytes, &request)) {
        // Nothing decoded may be quoted: parse leniently what we can to compare against.
        wire::SandboxExecRequest partial;
        partial.ParsePartialFromString(bytes);
        checkNoValueQuoted(partial, *bad);
        return 0;
    }
    checkEveryRuntime(request);
    // Inputs stay small (4 KiB), so the kernel's per-string limit is reached by padding the
    // last argument and the first env value to around it (the input picks how far).
    if (!request.command().empty()) {
        const size_t around = RequestCheck::kMaxArgBytes - 8 + size % 16;
        auto *last = request.mutable_command(request.command_size() - 1);
        last->resize(std::max(last->size(), around), 'x');
        if (!request.env().empty())
            (*request.mutable_env())[request.env().begin()->first].resize(around - 4, 'y');
        checkEveryRuntime(request);
    }
    return 0;
}
