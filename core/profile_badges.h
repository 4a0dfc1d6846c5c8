#pragma once

#include <QList>
#include <QString>

namespace sandbox {

class Profile;

// Which badges a profile carries in a list: its transport, and "insecure" when it sends a
// token in cleartext because the user allowed it. The rule lives here; the console's list
// and status bar translate the words, sandboxctl prints englishName().
class ProfileBadges {
public:
    enum class Badge { MutualTls, Tls, Plaintext, Insecure };

    // The transport badge first, then Insecure when it applies.
    static QList<Badge> of(const Profile &profile);
    static QString englishName(Badge badge);
};

} // namespace sandbox
