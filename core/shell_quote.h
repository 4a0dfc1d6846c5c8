#pragma once

#include <QString>
#include <QStringList>

namespace sandbox {

// POSIX sh quoting: a word that needs it goes in single quotes ('\'' for a quote inside),
// so /bin/sh and the console's argv mode both read it back unchanged, newlines included.
class ShellQuote {
public:
    static QString quote(const QString &word);
    static QString join(const QStringList &words);
};

} // namespace sandbox
