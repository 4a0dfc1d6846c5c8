#include "token_transport_policy.h"

#include "profile.h"

#include <QCoreApplication>

namespace sandbox {

TokenTransportPolicy::Assessment TokenTransportPolicy::assess(bool hasToken, Transport transport,
                                                              bool allowInsecure) {
    if (!hasToken || transport != Transport::Plaintext)
        return Assessment::Ok;
    return allowInsecure ? Assessment::InsecureAllowed : Assessment::BlockedCleartextToken;
}

TokenTransportPolicy::Assessment TokenTransportPolicy::assess(const Profile &profile,
                                                              bool hasToken) {
    return assess(hasToken, profile.transport(), profile.allowInsecure);
}

QString TokenTransportPolicy::message(Assessment assessment) {
    switch (assessment) {
    case Assessment::Ok:
        return {};
    case Assessment::BlockedCleartextToken:
        return QCoreApplication::translate(
            "TokenTransportPolicy",
            "This profile has a token but no TLS: the token would travel in cleartext, "
            "readable by anyone on the network path. Commands are refused until you "
            "configure TLS or tick \"Allow insecure\".");
    case Assessment::InsecureAllowed:
        return QCoreApplication::translate(
            "TokenTransportPolicy",
            "Insecure: the token is sent without TLS, in cleartext, because \"Allow "
            "insecure\" is ticked. Use this only on a trusted network or loopback.");
    }
    return {};
}

} // namespace sandbox
