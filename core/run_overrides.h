#pragma once

#include "profile_types.h"

#include <QList>
#include <QString>

#include <chrono>
#include <optional>

namespace sandbox {

// What one run changes about its profile (a console tab's overrides bar, a job file, an
// explicit sandboxctl flag); unset = the profile's value.
struct RunOverrides {
    std::optional<QString> image;
    std::optional<QString> securityProfile;
    std::optional<QString> workdir;
    // Set: the env sent instead of the profile's own list (the profile's "Ask for colour
    // output" variables are still added unless this list sets them).
    std::optional<QList<EnvVar>> env;
    // Set: the remote command is stopped after this long.
    std::optional<std::chrono::milliseconds> timeout;

    friend bool operator==(const RunOverrides &, const RunOverrides &) = default;
};

} // namespace sandbox
