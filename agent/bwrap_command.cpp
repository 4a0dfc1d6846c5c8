#include "bwrap_command.h"

#include <dirent.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace sandbox::agent {

namespace {

// Directories the sandbox gets fresh instead of from the image.
bool isOwnMount(const std::string &top) {
    return top == "proc" || top == "dev" || top == "tmp";
}

std::string topComponent(const std::string &absolute) {
    const auto end = absolute.find('/', 1);
    return absolute.substr(1, end == std::string::npos ? std::string::npos : end - 1);
}

void append(std::vector<std::string> &to, std::initializer_list<std::string> items) {
    to.insert(to.end(), items.begin(), items.end());
}

std::string joined(const std::string &root, const std::string &absolute) {
    return root == "/" ? absolute : root + absolute;
}

} // namespace

std::optional<std::string> BwrapCommand::normalWorkdir(const std::string &workdir) {
    if (workdir.empty())
        return std::string("/");
    if (workdir.front() != '/')
        return std::nullopt;
    std::string normal = std::filesystem::path(workdir).lexically_normal().string();
    while (normal.size() > 1 && normal.back() == '/')
        normal.pop_back();
    return normal;
}

// Each top-level entry of the image on its own, onto bubblewrap's own root: a missing
// top-level workdir can then be created, and images need no /proc, /dev or /tmp of their own.
void BwrapCommand::addRoot(const std::string &root, std::vector<std::string> &out) {
    DIR *dir = ::opendir(root.c_str());
    if (dir == nullptr)
        return;
    while (const dirent *entry = ::readdir(dir)) {
        const std::string name = entry->d_name;
        if (name == "." || name == ".." || isOwnMount(name))
            continue;
        const std::string host = joined(root, "/" + name);
        struct stat st {};
        if (::lstat(host.c_str(), &st) != 0)
            continue;
        if (S_ISLNK(st.st_mode)) {
            std::string target(4096, '\0');
            const ssize_t n = ::readlink(host.c_str(), target.data(), target.size());
            if (n <= 0)
                continue;
            target.resize(static_cast<size_t>(n));
            append(out, {"--symlink", target, "/" + name});
        } else {
            append(out, {"--ro-bind", host, "/" + name});
        }
    }
    ::closedir(dir);
}

// Files the agent reads (token file, TLS key, secrets) are replaced by empty ones, whatever
// their permissions say.
void BwrapCommand::addHidden(const Request &request, std::vector<std::string> &out) {
    if (request.root != "/")
        return;
    for (const std::string &path : request.hidden) {
        struct stat st {};
        if (path.empty() || path.front() != '/' || isOwnMount(topComponent(path)) ||
            ::stat(path.c_str(), &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            append(out, {"--tmpfs", path});
        else
            append(out, {"--ro-bind", "/dev/null", path});
    }
}

// An existing workdir is used as the image has it (read-only, like the rest of the root); a
// missing one becomes a private writable tmpfs, or a directory in the private /tmp.
bool BwrapCommand::addWorkdir(const Request &request, const std::string &workdir,
                              std::vector<std::string> &out, std::string *error) {
    const std::string top = topComponent(workdir);
    if (workdir == "/" || isOwnMount(top)) {
        if (top == "tmp" && workdir != "/tmp")
            append(out, {"--dir", workdir});
        return true;
    }
    struct stat st {};
    const std::string host = joined(request.root, workdir);
    // lstat on the top entry and stat below it: links inside the image are the image's own.
    if (::stat(host.c_str(), &st) == 0 && S_ISDIR(st.st_mode))
        return true;
    if (::lstat(joined(request.root, "/" + top).c_str(), &st) == 0) {
        *error = "workdir \"" + workdir +
                 "\" does not exist in the image and cannot be created "
                 "inside its read-only /" +
                 top;
        return false;
    }
    append(out,
           {"--size", std::to_string(request.profile.hostLimits().tmpfsBytes), "--tmpfs", workdir});
    return true;
}

std::optional<std::vector<std::string>> BwrapCommand::args(const Request &request,
                                                           std::string *error) {
    const auto workdir = normalWorkdir(request.workdir);
    if (!workdir) {
        *error = "workdir \"" + request.workdir + "\" must be an absolute path";
        return std::nullopt;
    }
    const std::string uid = std::to_string(request.uid);
    std::vector<std::string> out = {"--unshare-user",
                                    "--uid",
                                    uid,
                                    "--gid",
                                    uid,
                                    "--unshare-pid",
                                    "--unshare-ipc",
                                    "--unshare-uts",
                                    "--hostname",
                                    "sandbox",
                                    "--unshare-cgroup-try"};
    if (request.profile.level() == SecurityProfile::Level::Strict)
        out.push_back("--unshare-net"); // loopback only
    append(out, {"--disable-userns", "--die-with-parent", "--new-session", "--cap-drop", "ALL",
                 "--proc", "/proc", "--dev", "/dev", "--size",
                 std::to_string(request.profile.hostLimits().tmpfsBytes), "--tmpfs", "/tmp"});
    addRoot(request.root, out);
    addHidden(request, out);
    if (!addWorkdir(request, *workdir, out, error))
        return std::nullopt;
    append(out, {"--remount-ro", "/", "--chdir", *workdir, "--clearenv"});
    for (const auto &[name, value] : request.env)
        append(out, {"--setenv", name, value});
    return out;
}

std::string BwrapCommand::argsData(const std::vector<std::string> &args) {
    std::string data;
    for (const auto &arg : args) {
        data += arg;
        data += '\0';
    }
    return data;
}

} // namespace sandbox::agent
