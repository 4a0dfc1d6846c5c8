#include "exec_error_text.h"

namespace sandbox {

QString ExecErrorText::banner(const ExecResult &) {
    return {};
}
QString ExecErrorText::describe(const ExecResult &, const QString &) {
    return {};
}
QString ExecErrorText::formatDuration(std::chrono::nanoseconds) {
    return {};
}
QString ExecErrorText::formatBytes(std::uint64_t) {
    return {};
}

} // namespace sandbox
