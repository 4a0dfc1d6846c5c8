#pragma once

#include <QIcon>
#include <QString>

namespace sandbox {

// Icons of the application: the theme's where the desktop has one, our bundled SVGs
// (":/icons/*.svg" from resources.qrc) otherwise. SVG needs the Qt SVG image plugin at
// run time (Debian: libqt6svg6).
class AppIcons {
public:
    enum class Action {
        Run,
        Stop,
        Add,
        Edit,
        Duplicate,
        Delete,
        Import,
        Export,
        Clear,
        Settings,
        Presenter,
    };

    // The application icon, always our own (":/icons/sandbox-console.svg").
    static QIcon application();
    // The freedesktop theme icon for the action, with the bundled SVG as fallback.
    static QIcon action(Action which);
    // Resource path of the bundled fallback, e.g. ":/icons/run.svg".
    static QString fallbackPath(Action which);
    // Freedesktop icon-naming-spec name used for the theme lookup.
    static QString themeName(Action which);
};

} // namespace sandbox
