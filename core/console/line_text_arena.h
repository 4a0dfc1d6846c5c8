#pragma once

#include <QString>
#include <QStringView>

namespace sandbox {

// Where finished lines' text goes: packed back to back into blocks of 32 KiB that the lines
// share, so a line costs one reference to its block rather than an allocation and a free of
// its own (at a flood's 10 million lines a GiB, the largest cost of a plain line). Each
// line is an ordinary QString: null-terminated, and copied on its first edit (the block is
// shared); a block is freed with the last line in it. Lines longer than an eighth of a
// block get their own storage. One arena per writer thread; the lines may go anywhere.
class LineTextArena {
public:
    QString copy(QStringView text);

private:
    QString::DataPointer block_;
    qsizetype used_ = 0;
};

} // namespace sandbox
