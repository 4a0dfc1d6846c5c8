#include "security_profile_clamp.h"

namespace sandbox {

QString SecurityProfileClamp::effective(const QString &requested) {
    if (requested == QLatin1String("strict") || requested == QLatin1String("standard"))
        return requested;
    return QStringLiteral("standard");
}

QString SecurityProfileClamp::explain(const QString &requested) {
    const QString applied = effective(requested);
    if (!isClamped(requested))
        return tr("The reference agent will apply \"%1\" as requested.").arg(applied);
    if (requested.isEmpty())
        return tr("No security profile is requested: the reference agent will apply \"%1\".")
            .arg(applied);
    return tr("The reference agent will apply \"%1\", not \"%2\": it runs anything but strict "
              "or standard as standard.")
        .arg(applied, requested);
}

} // namespace sandbox
