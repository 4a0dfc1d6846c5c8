#include "agent_config_file.h"

#include "text_file.h"

#include <sstream>

namespace sandbox::agent {

namespace {

std::string trim(const std::string &text) {
    const auto first = text.find_first_not_of(" \t\r");
    if (first == std::string::npos)
        return {};
    const auto last = text.find_last_not_of(" \t\r");
    return text.substr(first, last - first + 1);
}

// Names a config file may not set: no token in a config file, no nesting, no actions.
bool refusedName(const std::string &name, std::string *why) {
    if (name == "token") {
        *why = "a token does not belong in the config file: put it in a mode 0600 file "
               "and name that with token-file";
        return true;
    }
    if (name == "config" || name == "help" || name == "version") {
        *why = "\"" + name + "\" cannot be set in a config file";
        return true;
    }
    return false;
}

} // namespace

std::optional<std::vector<std::string>> AgentConfigFile::readFlags(const std::string &path,
                                                                   std::string *error) {
    const auto text = TextFile::read(path, error);
    if (!text)
        return std::nullopt;
    return parse(*text, path, error);
}

std::optional<std::vector<std::string>>
AgentConfigFile::parse(const std::string &text, const std::string &path, std::string *error) {
    std::vector<std::string> flags;
    std::istringstream lines(text);
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number) {
        line = trim(line);
        if (line.empty() || line.front() == '#')
            continue;
        const std::string where = path + ":" + std::to_string(number) + ": ";
        const auto eq = line.find('=');
        const std::string name = trim(line.substr(0, eq));
        if (eq == std::string::npos || name.empty() || name.rfind("-", 0) == 0) {
            // The line is not echoed: it might hold a secret written in the wrong place.
            *error = where + "expected NAME = VALUE, NAME being a flag without \"--\"";
            return std::nullopt;
        }
        std::string why;
        if (refusedName(name, &why)) {
            *error = where + why;
            return std::nullopt;
        }
        flags.push_back("--" + name + "=" + trim(line.substr(eq + 1)));
    }
    return flags;
}

} // namespace sandbox::agent
