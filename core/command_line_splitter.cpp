#include "command_line_splitter.h"

#include <QCoreApplication>

namespace sandbox {

namespace {

// Characters a backslash escapes inside double quotes, as in POSIX sh.
bool escapableInDoubleQuotes(QChar c) {
    return c == u'"' || c == u'\\' || c == u'$' || c == u'`';
}

SplitResult failure(const char *text, int column) {
    SplitResult result;
    result.error = QCoreApplication::translate("CommandLineSplitter", text).arg(column + 1);
    result.errorColumn = column;
    return result;
}

} // namespace

QStringList CommandLineSplitter::shellArgv(const QString &line) {
    return {QStringLiteral("/bin/sh"), QStringLiteral("-c"), line};
}

SplitResult CommandLineSplitter::split(const QString &line, CommandMode mode) {
    if (mode == CommandMode::Shell) {
        if (line.trimmed().isEmpty())
            return {};
        return {shellArgv(line), {}, -1};
    }
    return splitArgv(line);
}

SplitResult CommandLineSplitter::splitArgv(const QString &line) {
    enum class State { None, Single, Double };
    SplitResult result;
    QString word;
    bool inWord = false;
    State state = State::None;
    int quoteColumn = -1;
    const int n = int(line.size());
    for (int i = 0; i < n; ++i) {
        const QChar c = line.at(i);
        if (state == State::Single) {
            if (c == u'\'')
                state = State::None;
            else
                word += c;
            continue;
        }
        if (state == State::Double) {
            if (c == u'"') {
                state = State::None;
            } else if (c == u'\\' && i + 1 < n && escapableInDoubleQuotes(line.at(i + 1))) {
                word += line.at(++i);
            } else {
                word += c;
            }
            continue;
        }
        if (c.isSpace()) {
            if (inWord)
                result.argv << word;
            word.clear();
            inWord = false;
        } else if (c == u'\'' || c == u'"') {
            state = c == u'\'' ? State::Single : State::Double;
            quoteColumn = i;
            inWord = true;
        } else if (c == u'\\') {
            if (i + 1 >= n)
                return failure(QT_TRANSLATE_NOOP("CommandLineSplitter",
                                                 "Backslash at the end of the line "
                                                 "(column %1) escapes nothing."),
                               i);
            word += line.at(++i);
            inWord = true;
        } else {
            word += c;
            inWord = true;
        }
    }
    if (state == State::Single)
        return failure(QT_TRANSLATE_NOOP("CommandLineSplitter",
                                         "Unbalanced single quote: the quote at column %1 "
                                         "is never closed."),
                       quoteColumn);
    if (state == State::Double)
        return failure(QT_TRANSLATE_NOOP("CommandLineSplitter",
                                         "Unbalanced double quote: the quote at column %1 "
                                         "is never closed."),
                       quoteColumn);
    if (inWord)
        result.argv << word;
    return result;
}

} // namespace sandbox
