#pragma once

#include <QTemporaryDir>

#include <string>

namespace sandbox::test {

// A temporary directory that commands in the agent's sandbox can read: outside /tmp (each
// sandbox has a private one), under /var/tmp, mode 0755. Removed at the end.
class SharedDir {
public:
    SharedDir();
    bool ok() const { return dir_.isValid(); }
    // The directory, or the file name inside it.
    std::string path(const std::string &name = {}) const;
    // Writes text to name with the given mode; false when that fails.
    bool write(const std::string &name, const std::string &text, int mode = 0644) const;

private:
    QTemporaryDir dir_;
};

} // namespace sandbox::test
