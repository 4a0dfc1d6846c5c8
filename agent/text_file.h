#pragma once

#include <optional>
#include <string>

namespace sandbox::agent {

// Reads small files (tokens, certificates, secrets) whole.
class TextFile {
public:
    // The file's bytes, or nullopt with *error saying why, naming the path.
    static std::optional<std::string> read(const std::string &path, std::string *error);
    // Drops trailing '\n' and '\r' characters.
    static std::string trimTrailingNewlines(std::string text);
};

} // namespace sandbox::agent
