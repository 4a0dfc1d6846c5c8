#pragma once

#include "profile_types.h"

#include <QString>

namespace sandbox {

class Profile;

// Whether a bearer token may travel over a profile's transport. Shared by the editor
// banner, the profile list badges, the console and ExecSession (defense in depth).
class TokenTransportPolicy {
public:
    enum class Assessment {
        Ok,                    // no token, or TLS protects it
        BlockedCleartextToken, // token without TLS, not allowed: red banner, exec refused
        InsecureAllowed,       // token without TLS, user ticked Allow insecure: amber note
    };

    static Assessment assess(bool hasToken, Transport transport, bool allowInsecure);
    static Assessment assess(const Profile &profile, bool hasToken);

    // One translated sentence per assessment; empty for Ok.
    static QString message(Assessment assessment);
    // True when exec must be refused.
    static bool blocksExec(Assessment assessment) {
        return assessment == Assessment::BlockedCleartextToken;
    }
};

} // namespace sandbox
