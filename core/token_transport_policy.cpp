#include "token_transport_policy.h"

#include <QCoreApplication>

namespace sandbox {

TokenTransportPolicy::Assessment TokenTransportPolicy::assess(bool hasToken, bool tlsEnabled,
                                                              bool allowInsecure) {
    if (!hasToken || tlsEnabled)
        return Assessment::Ok;
    return allowInsecure ? Assessment::InsecureAllowed : Assessment::BlockedCleartextToken;
}

QString TokenTransportPolicy::message(Assessment assessment) {
    switch (assessment) {
    case Assessment::Ok:
        return {};
    case Assessment::BlockedCleartextToken:
        return QCoreApplication::translate(
            "TokenTransportPolicy",
            "A token is set but TLS is off: the token would travel in cleartext, readable "
            "by anyone on the network path. Commands are refused until you configure TLS "
            "or allow insecure transport (tick \"Allow insecure\" in the profile).");
    case Assessment::InsecureAllowed:
        return QCoreApplication::translate(
            "TokenTransportPolicy",
            "Insecure: the token is sent without TLS, in cleartext, because \"Allow "
            "insecure\" is ticked. Use this only on a trusted network or loopback.");
    }
    return {};
}

} // namespace sandbox
