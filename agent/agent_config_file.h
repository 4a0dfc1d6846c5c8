#pragma once

#include <optional>
#include <string>
#include <vector>

namespace sandbox::agent {

// sandbox-agent's --config FILE (/etc/sandbox-agent/agent.conf under systemd): one
// "name = value" per line, names being the long flags without "--" ("addr", "tls-cert",
// "allow-unauthenticated = true", ...); blank lines and lines starting with '#' are
// skipped. The file turns into flags placed before the command line's, so flags given
// on the command line win. "token" is refused: a token belongs in a 0600 token-file.
class AgentConfigFile {
public:
    // The file as "--name=value" flags, or nullopt with *error naming FILE:LINE.
    static std::optional<std::vector<std::string>> readFlags(const std::string &path,
                                                             std::string *error);
    // The lines of text as flags; path only names the file in errors.
    static std::optional<std::vector<std::string>>
    parse(const std::string &text, const std::string &path, std::string *error);
};

} // namespace sandbox::agent
