#include "uid_pool.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sandbox::agent {

UidPool::Lease::Lease(Lease &&other) noexcept
    : uid_(other.uid_)
    , fd_(other.fd_) {
    other.fd_ = -1;
}

UidPool::Lease &UidPool::Lease::operator=(Lease &&other) noexcept {
    if (this != &other) {
        if (fd_ >= 0)
            ::close(fd_);
        uid_ = other.uid_;
        fd_ = other.fd_;
        other.fd_ = -1;
    }
    return *this;
}

UidPool::Lease::~Lease() {
    if (fd_ >= 0)
        ::close(fd_); // releases the flock
}

UidPool::UidPool(uid_t base, std::string lockDir)
    : base_(base)
    , lockDir_(std::move(lockDir)) {}

std::optional<std::string> UidPool::init() const {
    for (size_t slash = lockDir_.find('/', 1);; slash = lockDir_.find('/', slash + 1)) {
        const std::string dir = lockDir_.substr(0, slash);
        if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST)
            return "cannot create " + dir + ": " + std::strerror(errno);
        if (slash == std::string::npos)
            break;
    }
    struct stat st {};
    if (::lstat(lockDir_.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != 0 ||
        (st.st_mode & 022) != 0)
        return lockDir_ + " must be a directory owned by root and writable only by root";
    return std::nullopt;
}

std::optional<UidPool::Lease> UidPool::acquire(std::string *error) const {
    // flock conflicts between open file descriptions, so this agent's own leases count too.
    for (unsigned slot = 0; slot < kSize; ++slot) {
        const uid_t uid = base_ + slot;
        const std::string path = lockDir_ + "/" + std::to_string(uid);
        const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd < 0) {
            *error = "cannot open the sandbox uid lock " + path + ": " + std::strerror(errno);
            return std::nullopt;
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) == 0)
            return Lease(uid, fd);
        ::close(fd);
    }
    *error = "all " + std::to_string(kSize) + " sandbox uids from " + std::to_string(base_) +
             " are in use on this host";
    return std::nullopt;
}

} // namespace sandbox::agent
