// Fuzzes the agent's secret:// resolution. Input: lines KEY=VALUE (the request's env); the
// first byte picks the backend. The file backend must never read outside the secrets
// directory, the env backend only ever asks for PREFIX + NAME, and a failure names the
// env key, never the reference or a value.
#include "secret_resolver.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <sys/stat.h>

using sandbox::agent::SecretResolver;
using sandbox::agent::SecretsBackend;

namespace {

constexpr const char *kOutside = "OUTSIDE-THE-SECRETS-DIR";
constexpr const char *kPrefix = "fuzz_";

// root/secrets/{db.password,api} and root/outside, root/secrets.bak/db.password: files a
// path trick could reach.
std::string makeTree() {
    std::string pattern = std::filesystem::temp_directory_path() / "secret-resolver-fuzz-XXXXXX";
    if (!::mkdtemp(pattern.data()))
        std::abort();
    const std::string base = pattern;
    static const std::string removeAtExit = base;
    std::atexit([] { std::filesystem::remove_all(removeAtExit); });
    ::mkdir((base + "/secrets").c_str(), 0700);
    ::mkdir((base + "/secrets.bak").c_str(), 0700);
    std::ofstream(base + "/secrets/db.password") << "hunter2\n";
    std::ofstream(base + "/secrets/api") << "key\r\n\n";
    std::ofstream(base + "/outside") << kOutside;
    std::ofstream(base + "/secrets.bak/db.password") << kOutside;
    return base;
}

std::map<std::string, std::string> parseEnv(const std::string &text) {
    std::map<std::string, std::string> env;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos)
            end = text.size();
        const std::string line = text.substr(start, end - start);
        const size_t eq = line.find('=');
        if (eq != std::string::npos)
            env[line.substr(0, eq)] = line.substr(eq + 1);
        start = end + 1;
    }
    return env;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static const std::string root = makeTree();
    if (size == 0)
        return 0;
    const bool fileBackend = data[0] & 1;
    const auto original = parseEnv(std::string(reinterpret_cast<const char *>(data) + 1, size - 1));
    std::string upperPrefix = "FUZZ_";
    bool askedOutsidePrefix = false;
    SecretResolver resolver(fileBackend ? SecretsBackend::File : SecretsBackend::Env,
                            root + "/secrets", kPrefix, [&](const std::string &name) {
                                if (name.compare(0, upperPrefix.size(), upperPrefix) != 0)
                                    askedOutsidePrefix = true;
                                return std::optional<std::string>("env:" + name);
                            });
    auto env = original;
    const auto problem = resolver.resolve(env);
    if (askedOutsidePrefix || env.size() != original.size())
        std::abort();
    for (const auto &[key, value] : env) {
        // Only a file read can bring the marker in (the env backend echoes the name it got).
        if (fileBackend && value == kOutside && original.at(key).rfind("secret://", 0) == 0)
            std::abort(); // read a file outside the secrets directory
    }
    if (problem) {
        // The one refusal is the template plus the key whose reference failed, nothing else:
        // it never quotes a reference or a value. (An earlier check looked for '@' values in
        // the message and fired on a value built from the template's last word plus a key.)
        static const std::string kTemplate = "cannot resolve the secret reference in env ";
        if (problem->rfind(kTemplate, 0) != 0)
            std::abort();
        const auto named = original.find(problem->substr(kTemplate.size()));
        if (named == original.end() || named->second.rfind("secret://", 0) != 0)
            std::abort();
        return 0;
    }
    for (const auto &[key, value] : original) {
        if (value.rfind("secret://", 0) != 0 && env.at(key) != value)
            std::abort(); // a plain value passes through unchanged
    }
    return 0;
}
