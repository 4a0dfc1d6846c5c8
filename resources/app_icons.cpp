#include "app_icons.h"

namespace sandbox {

namespace {

struct IconNames {
    const char *theme;
    const char *file;
};

IconNames namesFor(AppIcons::Action which) {
    switch (which) {
    case AppIcons::Action::Run:
        return {"media-playback-start", "run"};
    case AppIcons::Action::Stop:
        return {"process-stop", "stop"};
    case AppIcons::Action::Add:
        return {"list-add", "add"};
    case AppIcons::Action::Edit:
        return {"document-edit", "edit"};
    case AppIcons::Action::Duplicate:
        return {"edit-copy", "duplicate"};
    case AppIcons::Action::Delete:
        return {"edit-delete", "delete"};
    case AppIcons::Action::Import:
        return {"document-import", "import"};
    case AppIcons::Action::Export:
        return {"document-export", "export"};
    case AppIcons::Action::Clear:
        return {"edit-clear", "clear"};
    case AppIcons::Action::Settings:
        return {"preferences-system", "settings"};
    case AppIcons::Action::Presenter:
        return {"video-display", "presenter"};
    }
    return {"", "run"};
}

} // namespace

QIcon AppIcons::application() {
    return QIcon(QStringLiteral(":/icons/sandbox-console.svg"));
}

QIcon AppIcons::action(Action which) {
    return QIcon::fromTheme(themeName(which), QIcon(fallbackPath(which)));
}

QString AppIcons::fallbackPath(Action which) {
    return QStringLiteral(":/icons/") + QLatin1String(namesFor(which).file) +
           QStringLiteral(".svg");
}

QString AppIcons::themeName(Action which) {
    return QLatin1String(namesFor(which).theme);
}

} // namespace sandbox
