#pragma once

#include <QStringDecoder>

namespace sandbox {

// QStringDecoder for UTF-8 that keeps a sequence split across chunks and can say whether
// one is pending, so the line builder can turn an interrupted sequence into U+FFFD
// itself. Invalid bytes become U+FFFD; a BOM is kept as a character (bytes are
// faithful, not a file start).
class Utf8StreamDecoder : public QStringDecoder {
public:
    Utf8StreamDecoder()
        : QStringDecoder(QStringDecoder::Utf8, Flag::ConvertInitialBom) {}
    bool hasPendingBytes() const { return state.remainingChars > 0; }
    qsizetype pendingBytes() const { return state.remainingChars; }
    static bool isContinuation(char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; }
};

} // namespace sandbox
