#include "text_file.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sandbox::agent {

namespace {

std::string octalMode(mode_t mode) {
    char text[8];
    std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
    return text;
}

// Reads the open fd to its end and closes it; *error names the path on failure.
std::optional<std::string> readAndClose(int fd, const std::string &path, std::string *error) {
    std::string text;
    char buf[8192];
    for (;;) {
        const ssize_t n = ::read(fd, buf, sizeof buf);
        if (n == 0)
            break;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            *error = "cannot read " + path + ": " + std::strerror(errno);
            ::close(fd);
            return std::nullopt;
        }
        text.append(buf, static_cast<size_t>(n));
    }
    ::close(fd);
    return text;
}

std::optional<std::string> readChecked(const std::string &path, bool privateOnly,
                                       std::string *error) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *error = "cannot read " + path + ": " + std::strerror(errno);
        return std::nullopt;
    }
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        ::close(fd);
        *error = "cannot read " + path + ": is a directory";
        return std::nullopt;
    }
    if (privateOnly && (st.st_mode & 077) != 0) {
        ::close(fd);
        *error = "refusing " + path + ": group or others may access it (mode " +
                 octalMode(st.st_mode) + "); make it mode 0600, owned by the agent's user";
        return std::nullopt;
    }
    return readAndClose(fd, path, error);
}

} // namespace

std::optional<std::string> TextFile::read(const std::string &path, std::string *error) {
    return readChecked(path, false, error);
}

std::optional<std::string> TextFile::readPrivate(const std::string &path, std::string *error) {
    return readChecked(path, true, error);
}

std::string TextFile::trimTrailingNewlines(std::string text) {
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    return text;
}

} // namespace sandbox::agent
