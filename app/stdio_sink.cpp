#include "stdio_sink.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace sandbox {

StdioSink::StdioSink(std::function<void()> onWriteError)
    : onWriteError_(std::move(onWriteError)) {}

void StdioSink::onStdout(std::string_view bytes) {
    write(STDOUT_FILENO, "stdout", bytes);
}

void StdioSink::onStderr(std::string_view bytes) {
    write(STDERR_FILENO, "stderr", bytes);
}

void StdioSink::write(int fd, const char *name, std::string_view bytes) {
    if (!writeError_.empty())
        return; // output is already lost; the exec is being cancelled
    if (const int err = writeAll(fd, bytes); err != 0) {
        writeError_ = std::string(name) + ": " + std::strerror(err);
        if (onWriteError_)
            onWriteError_();
    }
}

// Returns 0 or the errno of the failed write.
int StdioSink::writeAll(int fd, std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return 0;
}

} // namespace sandbox
