#pragma once

#include "exec_sink.h"

#include <functional>
#include <string>

namespace sandbox {

// Writes remote stdout/stderr to our own fds 1 and 2 as they arrive, unbuffered and byte for
// byte. When a write fails (e.g. the reader of a pipe went away) it calls onWriteError once.
class StdioSink : public ExecSink {
public:
    explicit StdioSink(std::function<void()> onWriteError);

    void onStdout(std::string_view bytes) override;
    void onStderr(std::string_view bytes) override;

    // Empty when every write succeeded; otherwise e.g. "stdout: Broken pipe".
    const std::string &writeError() const { return writeError_; }

private:
    void write(int fd, const char *name, std::string_view bytes);
    static int writeAll(int fd, std::string_view bytes);

    std::function<void()> onWriteError_;
    std::string writeError_;
};

} // namespace sandbox
