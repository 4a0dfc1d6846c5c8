#include "spool_record.h"

#include <QtEndian>

namespace sandbox {

bool SpoolRecord::write(QFile &file, Tag tag, QByteArrayView payload) {
    char header[kHeaderSize];
    header[0] = char(tag);
    qToLittleEndian<quint32>(quint32(payload.size()), header + 1);
    return file.write(header, kHeaderSize) == kHeaderSize &&
           file.write(payload.data(), payload.size()) == payload.size();
}

bool SpoolRecord::read(QFile &file, qint64 limit, Tag &tag, QByteArray &payload) {
    if (file.pos() + kHeaderSize > limit)
        return false;
    char header[kHeaderSize];
    if (file.read(header, kHeaderSize) != kHeaderSize)
        return false;
    const qint64 length = qFromLittleEndian<quint32>(header + 1);
    if (file.pos() + length > limit)
        return false;
    tag = Tag(quint8(header[0]));
    payload.resize(length);
    return file.read(payload.data(), length) == length;
}

} // namespace sandbox
