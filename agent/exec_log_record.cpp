#include "exec_log_record.h"

#include <cstdio>

namespace sandbox::agent {

namespace {

// Quotes request-supplied text so a newline or quote in it cannot forge log lines.
std::string quoted(const std::string &text) {
    std::string out = "\"";
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20 || u == 0x7f) {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02x", u);
            out += hex;
        } else {
            out += c;
        }
    }
    return out + "\"";
}

} // namespace

std::string ExecLogRecord::format() const {
    std::string line = "exec peer=" + quoted(peer) + " profile=" + quoted(requestedProfile) +
                       " effective_profile=" + effectiveProfile + " image=" + quoted(image) +
                       " argv0=" + quoted(argv0) + " outcome=" + outcome;
    if (!problem.empty())
        line += " problem=" + quoted(problem);
    if (exitCode >= 0)
        line += " exit_code=" + std::to_string(exitCode);
    line += " duration_ms=" + std::to_string(durationMs) + " bytes_out=" + std::to_string(bytesOut);
    return line;
}

void ExecLogRecord::write() const {
    const std::string line = "sandbox-agent: " + format() + "\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

} // namespace sandbox::agent
