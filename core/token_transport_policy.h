#pragma once

#include <QString>

namespace sandbox {

// The one rule on whether a bearer token may travel over a connection, decided on the
// connection's facts. The editor banner, the profile list badges, the console session and
// the runner (RunnerConfigValidator, the last line of defence) all ask it.
class TokenTransportPolicy {
public:
    enum class Assessment {
        Ok,                    // no token, or TLS protects it
        BlockedCleartextToken, // token without TLS, not allowed: red banner, exec refused
        InsecureAllowed,       // token without TLS, user ticked Allow insecure: amber note
    };

    static Assessment assess(bool hasToken, bool tlsEnabled, bool allowInsecure);
    // What a connection would be marked with if it carried a token (list badges, which
    // cannot know whether the keychain has one).
    static Assessment assessIfToken(bool tlsEnabled, bool allowInsecure) {
        return assess(true, tlsEnabled, allowInsecure);
    }

    // One translated sentence per assessment; empty for Ok.
    static QString message(Assessment assessment);
    // True when exec must be refused.
    static bool blocksExec(Assessment assessment) {
        return assessment == Assessment::BlockedCleartextToken;
    }
};

} // namespace sandbox
