#pragma once

#include <QCoreApplication>
#include <QString>

namespace sandbox {

// Which security profile an agent really applies to a request. The reference agent (and
// sandbox-agent alike) runs "strict" and "standard" as asked and everything else, including
// "permissive" and an empty request, as "standard" (wire contract, item 6). One rule for the
// profile editor, the transcript header and sandboxctl --verbose.
class SecurityProfileClamp {
    Q_DECLARE_TR_FUNCTIONS(SecurityProfileClamp)

public:
    static QString effective(const QString &requested);
    static bool isClamped(const QString &requested) { return effective(requested) != requested; }
    // One sentence naming what the reference agent will apply; says so also when it
    // applies the request unchanged.
    static QString explain(const QString &requested);
};

} // namespace sandbox
