#pragma once

#include <optional>
#include <string>

namespace sandbox::agent {

// Reads small files (tokens, certificates, secrets) whole.
class TextFile {
public:
    // The file's bytes, or nullopt with *error saying why, naming the path.
    static std::optional<std::string> read(const std::string &path, std::string *error);
    // Like read(), but refuses a file that group or others may access (a token file): the
    // error names the file and its mode. Checked on the opened file, so a swap after the
    // check cannot slip a readable file in.
    static std::optional<std::string> readPrivate(const std::string &path, std::string *error);
    // Drops trailing '\n' and '\r' characters.
    static std::string trimTrailingNewlines(std::string text);
};

} // namespace sandbox::agent
