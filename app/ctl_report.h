#pragma once

#include "ctl_options.h"

#include <string>

namespace sandbox {

// `sandboxctl profiles list` and `sandboxctl job show`: text for people, nothing secret
// (no token is read; job env values only as the job file holds them).
class CtlReport {
public:
    // Return the exit status: 0, or 2 with error set (a broken profiles.json or job file).
    static int profilesList(const CtlOptions &options, std::string &out, std::string &error);
    static int jobShow(const CtlOptions &options, std::string &out, std::string &error);
};

} // namespace sandbox
