#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "agent_options.h"

namespace sandbox::agent {

// Resolves `secret://NAME` env values on the agent (wire contract items 5 and 9).
// env backend: secret://db.password -> variable PREFIX + DB_PASSWORD (dots become
// underscores, upper-cased, prefix upper-cased in front). file backend: the file NAME
// inside the secrets directory, trailing newlines trimmed.
class SecretResolver {
public:
    using EnvLookup = AgentOptions::EnvLookup;

    SecretResolver(SecretsBackend backend, std::string secretsDir, std::string envPrefix,
                   EnvLookup lookup);

    // Resolves every value in place. On failure returns a message naming the env key
    // whose value could not be resolved; never the reference, never a value.
    std::optional<std::string> resolve(std::map<std::string, std::string> &env) const;

    // The variable the env backend reads for a secret name.
    std::string envVariableFor(const std::string &name) const;

private:
    std::optional<std::string> lookupEnv(const std::string &name) const;
    std::optional<std::string> lookupFile(const std::string &name) const;

    SecretsBackend backend_;
    std::string secretsDir_;
    std::string envPrefix_;
    EnvLookup lookup_;
};

} // namespace sandbox::agent
