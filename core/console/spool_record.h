#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QFile>

namespace sandbox {

// The framing inside a spool file: a magic line, then records of
// [1 byte tag][4 bytes little-endian length][payload], in arrival order.
class SpoolRecord {
public:
    enum Tag : quint8 { Stdout = 0, Stderr = 1, Header = 2, BannerOk = 3, BannerFailed = 4 };
    static constexpr QByteArrayView kMagic = "sandbox-console transcript 1\n";
    static constexpr qint64 kHeaderSize = 5;

    // Writes one record; false on a write error.
    static bool write(QFile &file, Tag tag, QByteArrayView payload);
    // Reads the next record within `limit` bytes of the file; false at the end (or a
    // record cut short by `limit`).
    static bool read(QFile &file, qint64 limit, Tag &tag, QByteArray &payload);
};

} // namespace sandbox
