#pragma once

#include "profile.h"

#include <QString>

#include <optional>
#include <string>

namespace sandbox {

// The desktop console's profiles and keychain, as sandboxctl sees them: the same
// profiles.json (ProfileStore) and the same keychain entries (SecretStore). Needs a
// QCoreApplication; reading the keychain runs a local event loop until it answers.
class CtlProfileSource {
public:
    // configDir empty: the console's own config location.
    explicit CtlProfileSource(const std::string &configDir);

    QString configDir() const { return configDir_; }
    // Loads profiles.json; false with error naming the file when it is broken or newer.
    // A missing file is an empty list.
    bool load(std::string &error);
    QList<Profile> profiles() const { return profiles_; }
    // By id (any UUID spelling) or by exact name; error names what was looked for.
    std::optional<Profile> find(const std::string &nameOrId, std::string &error) const;
    std::optional<Profile> findById(const QUuid &id) const;

    // The profile's token from the keychain: empty when none is stored. False with error
    // (naming --token-file / --token-env / --no-token) when the keychain cannot be read.
    static bool readToken(const Profile &profile, std::string &token, std::string &error);

private:
    QString configDir_;
    QList<Profile> profiles_;
};

} // namespace sandbox
