// Fuzzes CommandLineSplitter: any console line either splits or names a column inside the
// line; a split argv, re-quoted, splits back to itself.
#include "command_line_splitter.h"

#include <cstdint>
#include <cstdlib>

using sandbox::CommandLineSplitter;
using sandbox::CommandMode;

namespace {

// Single quotes keep everything; a quote itself becomes '\''.
QString quoted(const QStringList &argv) {
    QStringList words;
    for (QString word : argv)
        words << u'\'' + word.replace(u'\'', QStringLiteral("'\\''")) + u'\'';
    return words.join(u' ');
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const QString line =
        QString::fromUtf8(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const auto result = CommandLineSplitter::splitArgv(line);
    if (!result.ok()) {
        if (result.errorColumn < 0 || result.errorColumn >= line.size())
            std::abort(); // the error must point into the line
        return 0;
    }
    if (result.errorColumn != -1)
        std::abort();
    const auto again = CommandLineSplitter::splitArgv(quoted(result.argv));
    if (!again.ok() || again.argv != result.argv)
        std::abort();
    const auto shell = CommandLineSplitter::split(line, CommandMode::Shell);
    if (shell.ok() && !shell.argv.isEmpty() && shell.argv.value(2) != line)
        std::abort(); // shell mode passes the line byte for byte
    return 0;
}
