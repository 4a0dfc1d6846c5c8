#include "line_text_arena.h"

#include <cstring>

namespace sandbox {

namespace {

constexpr qsizetype kBlockUnits = 16 * 1024;
constexpr qsizetype kLongestShared = kBlockUnits / 8;

} // namespace

QString LineTextArena::copy(QStringView text) {
    const qsizetype n = text.size();
    if (n == 0 || n > kLongestShared)
        return text.toString();
    // Each line keeps its terminating null, as every QString has one.
    if (!block_.d_ptr() || block_.constAllocatedCapacity() - used_ < n + 1) {
        QString fresh(kBlockUnits, Qt::Uninitialized);
        block_ = std::move(fresh.data_ptr());
        used_ = 0;
    }
    char16_t *start = block_.data() + used_;
    std::memcpy(start, text.utf16(), size_t(n) * sizeof(char16_t));
    start[n] = u'\0';
    used_ += n + 1;
    QString::DataPointer line(block_); // one more reference to the block
    line.ptr = start;
    line.size = n;
    return QString(std::move(line));
}

} // namespace sandbox
