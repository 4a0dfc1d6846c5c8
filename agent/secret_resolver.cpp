#include "secret_resolver.h"

#include "text_file.h"

#include <cctype>
#include <string_view>

namespace sandbox::agent {

namespace {

constexpr std::string_view kScheme = "secret://";

std::string upper(std::string text) {
    for (char &c : text)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return text;
}

// A file secret's name must stay inside the secrets directory.
bool isSafeFileName(const std::string &name) {
    return !name.empty() && name.find('/') == std::string::npos &&
           name.find('\0') == std::string::npos && name.find("..") == std::string::npos;
}

} // namespace

SecretResolver::SecretResolver(SecretsBackend backend, std::string secretsDir,
                               std::string envPrefix, EnvLookup lookup)
    : backend_(backend)
    , secretsDir_(std::move(secretsDir))
    , envPrefix_(std::move(envPrefix))
    , lookup_(std::move(lookup)) {}

std::string SecretResolver::envVariableFor(const std::string &name) const {
    std::string variable = name;
    for (char &c : variable) {
        if (c == '.')
            c = '_';
    }
    return upper(envPrefix_) + upper(variable);
}

std::optional<std::string> SecretResolver::lookupEnv(const std::string &name) const {
    if (name.empty())
        return std::nullopt;
    return lookup_(envVariableFor(name));
}

std::optional<std::string> SecretResolver::lookupFile(const std::string &name) const {
    if (!isSafeFileName(name) || secretsDir_.empty())
        return std::nullopt;
    std::string ignored;
    auto text = TextFile::read(secretsDir_ + "/" + name, &ignored);
    if (!text)
        return std::nullopt;
    return TextFile::trimTrailingNewlines(std::move(*text));
}

std::optional<std::string> SecretResolver::resolve(std::map<std::string, std::string> &env) const {
    for (auto &[key, value] : env) {
        if (value.compare(0, kScheme.size(), kScheme) != 0)
            continue;
        const std::string name = value.substr(kScheme.size());
        auto resolved = backend_ == SecretsBackend::File ? lookupFile(name) : lookupEnv(name);
        if (!resolved)
            return "cannot resolve the secret reference in env " + key;
        value = std::move(*resolved);
    }
    return std::nullopt;
}

} // namespace sandbox::agent
