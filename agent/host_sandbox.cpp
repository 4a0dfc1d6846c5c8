#include "host_sandbox.h"

#include "bwrap_command.h"
#include "host_process.h"

#include <cstdio>
#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace sandbox::agent {

namespace {

constexpr const char *kDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

std::vector<std::string> splitPath(const std::string &path) {
    std::vector<std::string> dirs;
    size_t start = 0;
    for (;;) {
        const size_t end = path.find(':', start);
        dirs.push_back(path.substr(start, end - start));
        if (end == std::string::npos)
            return dirs;
        start = end + 1;
    }
}

// Resolves path inside root the way the sandbox will see it (absolute links stay inside).
bool isExecutableInRoot(int rootFd, const std::string &path) {
    open_how how{};
    how.flags = O_PATH | O_CLOEXEC;
    how.resolve = RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS;
    const int fd = static_cast<int>(::syscall(SYS_openat2, rootFd, path.c_str(), &how, sizeof how));
    if (fd < 0)
        return false;
    struct stat st {};
    const bool ok = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (st.st_mode & 0111) != 0;
    ::close(fd);
    return ok;
}

// A program name without '/' that no PATH directory of the image holds: the shell's 127.
bool foundOnPath(const std::string &root, const std::string &program, const std::string &path) {
    if (program.find('/') != std::string::npos)
        return true; // bubblewrap reports what is wrong with an explicit path
    const int rootFd = ::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (rootFd < 0)
        return true;
    bool found = false;
    for (const std::string &dir : splitPath(path)) {
        // /tmp, /proc and /dev are fresh inside; relative entries depend on the workdir.
        if (dir.empty() || dir.front() != '/' || dir.rfind("/tmp", 0) == 0 ||
            dir.rfind("/proc", 0) == 0 || dir.rfind("/dev", 0) == 0)
            continue;
        if ((found = isExecutableInRoot(rootFd, dir + "/" + program)))
            break;
    }
    ::close(rootFd);
    return found;
}

} // namespace

HostSandbox::HostSandbox(Config config)
    : config_(std::move(config)) {}

std::vector<std::string> HostSandbox::reachable(const std::vector<std::string> &paths, uid_t uid) {
    std::vector<std::string> out;
    for (const std::string &path : paths) {
        bool ok = !path.empty() && path.front() == '/';
        for (size_t slash = path.find('/', 1); ok && slash != std::string::npos;
             slash = path.find('/', slash + 1)) {
            struct stat st {};
            const std::string dir = path.substr(0, slash);
            ok = ::stat(dir.c_str(), &st) == 0 &&
                 (st.st_mode & (st.st_uid == uid ? S_IXUSR : S_IXOTH)) != 0;
        }
        if (ok)
            out.push_back(path);
    }
    return out;
}

std::string HostSandbox::findBwrap(const std::string &searchPath) {
    for (const std::string &dir : splitPath(searchPath + ":/usr/bin")) {
        if (dir.empty() || dir.front() != '/')
            continue;
        const std::string candidate = dir + "/bwrap";
        if (::access(candidate.c_str(), X_OK) == 0)
            return candidate;
    }
    return {};
}

ProcessSpec HostSandbox::specFor(const std::vector<std::string> &bwrapArgs,
                                 const std::vector<std::string> &command,
                                 const SecurityProfile &profile,
                                 const std::optional<UidPool::Lease> &hostUid) const {
    ProcessSpec spec;
    spec.argv = {config_.bwrapPath, "--args", "3", "--info-fd", "4", "--"};
    spec.infoPipeOnFd4 = true;
    spec.argv.insert(spec.argv.end(), command.begin(), command.end());
    spec.searchPath = "/usr/bin:/bin";
    spec.fd3Data = BwrapCommand::argsData(bwrapArgs); // env values stay off the command line
    spec.limits = profile.hostLimits();
    // A root agent starts bwrap as an unprivileged host uid of this sandbox's own (mapped to
    // config_.uid inside): the command has no more rights on the host's files than "others"
    // (a root-owned token file stays unreadable), and its pid limit is its own.
    if (hostUid)
        spec.runAs = hostUid->uid();
    return spec;
}

std::optional<std::string> HostSandbox::probe() const {
    const std::string help =
        "the host runtime runs every command in bubblewrap; install it (Debian package "
        "bubblewrap) and allow user namespaces, or start with --runtime host-unsandboxed to "
        "run commands without isolation (not recommended)";
    if (config_.bwrapPath.empty())
        return "bwrap was not found on PATH or in /usr/bin: " + help;
    BwrapCommand::Request request;
    request.env = {{"PATH", kDefaultPath}};
    request.profile = SecurityProfile::clamp("strict");
    request.uid = config_.uid;
    std::string error;
    std::optional<UidPool::Lease> hostUid;
    if (config_.hostUids) {
        if (auto bad = config_.hostUids->init())
            return *bad;
        if (!(hostUid = config_.hostUids->acquire(&error)))
            return error;
    }
    const auto args = BwrapCommand::args(request, &error);
    HostProcess::SpawnError spawnError;
    auto process =
        args ? HostProcess::spawn(specFor(*args, {"true"}, request.profile, hostUid), &spawnError)
             : nullptr;
    if (!process)
        return "cannot start " + config_.bwrapPath + ": " + error + spawnError.message + "; " +
               help;
    std::string output;
    const auto outcome = process->run(
        [&](OutputStream, std::string_view data) {
            output.append(data.substr(0, 2000 - std::min<size_t>(output.size(), 2000)));
            return true;
        },
        [] { return false; });
    if (outcome.exitCode == 0)
        return std::nullopt;
    while (!output.empty() && output.back() == '\n')
        output.pop_back();
    return config_.bwrapPath + " cannot create a sandbox here (exit code " +
           std::to_string(outcome.exitCode) + ": " + output + "): " + help;
}

void HostSandbox::announceHostRoot(const std::string &image) const {
    std::lock_guard lock(mutex_);
    if (!announced_.insert(image).second)
        return;
    const std::string line = "sandbox-agent: image \"" + image + "\" has no directory in " +
                             config_.images.dir() +
                             "; commands asking for it run on this host's root file system "
                             "(read-only)\n";
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

std::optional<HostSandbox::Prepared>
HostSandbox::prepare(const Request &request, std::string *error, bool *noHostUid) const {
    const auto root = config_.images.resolve(request.image, error);
    if (!root)
        return std::nullopt;
    BwrapCommand::Request bwrap;
    bwrap.root = root->path;
    bwrap.env = request.env;
    bwrap.env.emplace("PATH", kDefaultPath); // defaults only where the request has none
    bwrap.env.emplace("HOME", "/tmp");
    bwrap.env.emplace("TERM", "dumb");
    bwrap.workdir = request.workdir;
    bwrap.profile = request.profile;
    bwrap.uid = config_.uid;
    bwrap.hidden = config_.hidden;
    const auto args = BwrapCommand::args(bwrap, error);
    if (!args)
        return std::nullopt;
    Prepared prepared;
    if (!root->found && config_.images.configured()) {
        announceHostRoot(request.image);
        prepared.preamble = "sandbox-agent: image \"" + request.image +
                            "\" is not installed on this agent; running on the host's root "
                            "file system (read-only)\n";
    }
    if (!foundOnPath(root->path, request.argv.front(), bwrap.env["PATH"])) {
        prepared.preamble += "sandbox-agent: " + request.argv.front() + ": command not found\n";
        prepared.exitCode = 127;
        return prepared;
    }
    if (config_.hostUids && !(prepared.hostUid = config_.hostUids->acquire(error))) {
        *noHostUid = true;
        return std::nullopt;
    }
    prepared.spec = specFor(*args, request.argv, request.profile, prepared.hostUid);
    return prepared;
}

} // namespace sandbox::agent
