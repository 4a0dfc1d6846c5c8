#include "shell_quote.h"

#include <algorithm>

namespace sandbox {

namespace {

// Characters no POSIX shell treats specially anywhere in a word. '=' is left out: a first
// word like A=B would be an assignment.
bool isPlain(QChar c) {
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
           QStringView(u"_-+/.,:@%").contains(c);
}

} // namespace

QString ShellQuote::quote(const QString &word) {
    if (!word.isEmpty() && std::all_of(word.begin(), word.end(), isPlain))
        return word;
    QString quoted = word;
    quoted.replace(u'\'', QLatin1String("'\\''"));
    return u'\'' + quoted + u'\'';
}

QString ShellQuote::join(const QStringList &words) {
    QStringList quoted;
    quoted.reserve(words.size());
    for (const QString &word : words)
        quoted << quote(word);
    return quoted.join(u' ');
}

} // namespace sandbox
