#pragma once

#include "profile.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace sandbox {

// Reads a profile export (ProfileExport's file, profiles.json, or a bare array) and plans
// its merge by id: a profile whose id exists here is an update, with the differences
// listed for the user to confirm; an equal one is unchanged; others are added (a name
// taken by another profile gets " (imported)"). Relative certificate paths are resolved
// against the import file's folder; embedded PEM is written under certDir when applied. An
// env entry whose value was left out of the export keeps this machine's value.
class ProfileImport {
    Q_DECLARE_TR_FUNCTIONS(ProfileImport)

public:
    struct Item {
        enum class Kind { Add, Update, Unchanged };
        Kind kind = Kind::Add;
        Profile profile;                // as it will be stored
        std::optional<Profile> current; // Update/Unchanged: the profile here now
        QStringList changes;            // Update: "field: old → new" (env values masked)
        QList<std::pair<QString, QByteArray>> pemFiles; // path, content: written by apply
    };

    // Nothing is changed; error names the file and what is wrong with it.
    static std::optional<QList<Item>> plan(const QString &path, const QList<Profile> &existing,
                                           const QString &certDir, QString *error = nullptr);
    // Writes an item's embedded certificates; error names the file.
    static bool writePemFiles(const Item &item, QString *error = nullptr);
};

} // namespace sandbox
