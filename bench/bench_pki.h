#pragma once

#include <QTemporaryDir>

#include <string>

namespace sandbox {

// A throw-away CA, server certificate (localhost, 127.0.0.1) and client certificate made with
// the openssl CLI in a private temporary directory.
class BenchPki {
public:
    // False sets error (which command failed and what it printed).
    bool generate(std::string &error);

    std::string path(const char *file) const;

private:
    bool openssl(const QStringList &args, std::string &error) const;
    bool issue(const QString &name, const QString &extensions, std::string &error) const;

    QTemporaryDir dir_;
};

} // namespace sandbox
