#include "shared_dir.h"

#include <QDir>
#include <QFile>

#include <fstream>
#include <sys/stat.h>

namespace sandbox::test {

// /var/tmp, not the build directory: a checkout under /tmp would be hidden by the
// sandbox's private /tmp.
SharedDir::SharedDir()
    : dir_(QStringLiteral("/var/tmp/sandbox-shared-XXXXXX")) {
    ::chmod(dir_.path().toLocal8Bit().constData(), 0755);
}

std::string SharedDir::path(const std::string &name) const {
    return name.empty() ? dir_.path().toStdString()
                        : dir_.filePath(QString::fromStdString(name)).toStdString();
}

bool SharedDir::write(const std::string &name, const std::string &text, int mode) const {
    {
        std::ofstream out(path(name), std::ios::binary);
        out << text;
        if (!out)
            return false;
    }
    return ::chmod(path(name).c_str(), static_cast<mode_t>(mode)) == 0;
}

} // namespace sandbox::test
