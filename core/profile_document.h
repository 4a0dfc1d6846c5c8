#pragma once

#include "profile.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace sandbox {

// The bytes of profiles.json ({"schema": 1, "profiles": [...]}) as a list of entries. An
// entry that cannot be read as a profile is set aside: its raw JSON stays in its place and
// is written back as it was, so no save ever rewrites it away. Also the three-way merge
// that lets several windows share one file.
class ProfileDocument {
public:
    static constexpr int kSchemaVersion = 1;
    enum class Status { Ok, Corrupt, NewerSchema };

    struct Entry {
        std::optional<Profile> profile; // nullopt: set aside, raw is written back as is
        QJsonValue raw;
    };

    // Store files: bad entries are set aside (problems() names each). Imports
    // (allowBareArray, strict): a bare array of profiles is accepted and any bad entry makes
    // the whole document Corrupt, so a half-good file imports nothing.
    static ProfileDocument parse(const QByteArray &bytes, bool allowBareArray = false,
                                 bool strict = false);
    static ProfileDocument fromProfiles(const QList<Profile> &profiles);
    // The envelope check parse() does: the "profiles" array of a schema-1 document (or a bare
    // array when allowBareArray), else nullopt with status and error set. Imports use it too.
    static std::optional<QJsonArray> profilesArray(const QByteArray &bytes, bool allowBareArray,
                                                   Status *status, QString *error);

    Status status() const { return status_; }
    // Why the document is Corrupt or NewerSchema (without the file name).
    QString error() const { return error_; }
    // One sentence per set-aside entry: "profile #2 ('name') is missing the field 'address'".
    QStringList problems() const { return problems_; }
    QList<Profile> profiles() const;
    QByteArray serialize() const;

    // Applies what this window changed (local against base, the state it last read or
    // wrote) to this document, the file as it is now. Deletes remove only profiles deleted
    // here; additions and edits made here win; everything else stays as on disk. A profile
    // added here goes after the profile it follows here.
    void merge(const QList<Profile> &base, const QList<Profile> &local);

private:
    void parseArray(const QJsonArray &array, bool strict);
    void fail(Status status, const QString &error);
    qsizetype indexOf(const QUuid &id) const;

    Status status_ = Status::Ok;
    QString error_;
    QStringList problems_;
    QList<Entry> entries_;
};

} // namespace sandbox
