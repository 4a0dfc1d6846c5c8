#pragma once

#include "runner_config.h"

#include <QMetaType>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace sandbox {

// One console command for ExecSession: argv (already split), the text the user typed,
// and the tab's quick overrides (unset = the profile's value).
struct SessionCommand {
    QStringList argv;
    QString displayText;
    std::optional<QString> image;
    std::optional<QString> securityProfile;
    std::optional<QString> workdir;
    // The whole env to send when the tab overrides any of it (unset = the profile's).
    std::optional<EnvList> env;
    std::optional<std::chrono::milliseconds> timeout;

    ExecRequest toExecRequest() const;
};

} // namespace sandbox

Q_DECLARE_METATYPE(sandbox::SessionCommand)
