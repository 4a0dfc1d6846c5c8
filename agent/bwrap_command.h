#pragma once

#include "security_profile.h"

#include <map>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace sandbox::agent {

// The bubblewrap options for one command (bwrap reads them with --args; the command itself
// follows "--" on bwrap's command line, bwrap accepts it nowhere else): new user, pid, ipc,
// uts and cgroup namespaces (plus network under strict), all capabilities dropped, a
// read-only root built from the image directory's top-level entries, fresh /proc, minimal
// /dev, a private /tmp, a cleared environment. Env values thus never show on a command line.
class BwrapCommand {
public:
    struct Request {
        std::string root = "/";                 // host directory shown read-only as /
        std::map<std::string, std::string> env; // the command's whole environment
        std::string workdir;                    // inside the sandbox; empty = "/"
        SecurityProfile profile = SecurityProfile::clamp("standard");
        uid_t uid = 65534;               // the command's uid and gid inside the sandbox
        std::vector<std::string> hidden; // host paths shown empty (only when root is "/")
    };

    // The options, or nullopt with *error when the request's workdir cannot be had.
    static std::optional<std::vector<std::string>> args(const Request &request, std::string *error);
    // NUL-terminated arguments as bwrap reads them from --args.
    static std::string argsData(const std::vector<std::string> &args);

    // The workdir as the command will see it: "/" when empty; nullopt when not absolute.
    static std::optional<std::string> normalWorkdir(const std::string &workdir);

private:
    static void addRoot(const std::string &root, std::vector<std::string> &out);
    static void addHidden(const Request &request, std::vector<std::string> &out);
    static bool addWorkdir(const Request &request, const std::string &workdir,
                           std::vector<std::string> &out, std::string *error);
};

} // namespace sandbox::agent
