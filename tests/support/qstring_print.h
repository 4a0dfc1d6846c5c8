#pragma once

#include <QString>

#include <ostream>

// googletest shows QStrings as their text in failure messages (found by ADL: global).
inline void PrintTo(const QString &text, std::ostream *os) {
    *os << '"' << text.toStdString() << '"';
}

namespace sandbox::test {

// UTF-8 source text (CJK, emoji, box drawing) as a QString.
inline QString u(const char *text) {
    return QString::fromUtf8(text);
}

} // namespace sandbox::test
