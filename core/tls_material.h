#pragma once

#include <string>

namespace sandbox {

// PEM text a runner holds after validation: files are read once, when the runner is created.
// Private to core.
struct TlsMaterial {
    std::string caPem;
    std::string certPem;
    std::string keyPem;
};

} // namespace sandbox
