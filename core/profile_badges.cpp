#include "profile_badges.h"

#include "profile.h"
#include "token_transport_policy.h"

namespace sandbox {

QList<ProfileBadges::Badge> ProfileBadges::of(const Profile &profile) {
    QList<Badge> badges;
    switch (profile.transport()) {
    case Transport::MutualTls:
        badges << Badge::MutualTls;
        break;
    case Transport::Tls:
        badges << Badge::Tls;
        break;
    case Transport::Plaintext:
        badges << Badge::Plaintext;
        break;
    }
    if (TokenTransportPolicy::assessIfToken(profile.tlsEnabled(), profile.allowInsecure) ==
        TokenTransportPolicy::Assessment::InsecureAllowed)
        badges << Badge::Insecure;
    return badges;
}

QString ProfileBadges::englishName(Badge badge) {
    switch (badge) {
    case Badge::MutualTls:
        return QStringLiteral("mTLS");
    case Badge::Tls:
        return QStringLiteral("TLS");
    case Badge::Plaintext:
        return QStringLiteral("plaintext");
    case Badge::Insecure:
        break;
    }
    return QStringLiteral("insecure");
}

} // namespace sandbox
