#pragma once

#include <QStringView>

namespace sandbox {

// How many terminal cells a character takes, as a terminal would lay it out: wide East
// Asian characters and emoji 2, combining marks and other zero-width characters 0,
// everything else 1 (control characters count 0; the line builder never stores them).
// The view uses the same numbers to place columns, so selections and tabs line up.
class CellWidth {
public:
    static int of(char32_t ucs);
    // Sum over the code points of text (surrogate pairs decoded). Plain ASCII is fast.
    static int of(QStringView text);
    // The UTF-16 offset where cell column `column` starts in text; text.size() when the
    // text is narrower. A column inside a wide character gives that character's offset.
    static qsizetype offsetOfColumn(QStringView text, int column);
};

} // namespace sandbox
