#pragma once

#include <cstdint>
#include <string>

namespace sandbox::agent {

// The one log line per exec. Holds only what is safe to log: never env values or tokens.
struct ExecLogRecord {
    std::string peer;
    std::string requestedProfile;
    std::string effectiveProfile;
    std::string image;
    std::string argv0;
    std::string outcome = "exit"; // "exit", "cancelled", "timeout", or a gRPC error code name
    std::string problem = {};     // why a request was refused (INVALID_ARGUMENT); never a value
    int exitCode = -1;
    std::int64_t durationMs = 0;
    std::uint64_t bytesOut = 0;

    // key=value pairs on one line; request-supplied text is quoted and escaped.
    std::string format() const;
    // Writes format() to stderr as a single line.
    void write() const;
};

} // namespace sandbox::agent
