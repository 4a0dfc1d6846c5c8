#include "profile_document.h"

#include <QCoreApplication>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

namespace sandbox {

// Messages use the store's context: the store showed them before, translated.
namespace {

// "profile #2 ('name')" when the entry has a readable name, else "profile #2".
QString entryLabel(qsizetype index, const QJsonValue &value) {
    const QString name = value.toObject().value(QStringLiteral("name")).toString().trimmed();
    if (name.isEmpty())
        return QCoreApplication::translate("sandbox::ProfileStore", "profile #%1").arg(index + 1);
    return QCoreApplication::translate("sandbox::ProfileStore", "profile #%1 ('%2')")
        .arg(index + 1)
        .arg(name);
}

} // namespace

ProfileDocument ProfileDocument::parse(const QByteArray &bytes, bool allowBareArray, bool strict) {
    ProfileDocument doc;
    Status status = Status::Ok;
    QString error;
    const auto array = profilesArray(bytes, allowBareArray, &status, &error);
    if (!array) {
        doc.fail(status, error);
        return doc;
    }
    doc.parseArray(*array, strict);
    return doc;
}

std::optional<QJsonArray> ProfileDocument::profilesArray(const QByteArray &bytes,
                                                         bool allowBareArray, Status *status,
                                                         QString *error) {
    const auto refuse = [&](Status why, const QString &message) {
        *status = why;
        *error = message;
        return std::nullopt;
    };
    QJsonParseError parseError;
    const QJsonDocument json = QJsonDocument::fromJson(bytes, &parseError);
    if (json.isNull())
        return refuse(Status::Corrupt, QCoreApplication::translate("sandbox::ProfileStore",
                                                                   "not valid JSON (%1 at byte %2)")
                                           .arg(parseError.errorString())
                                           .arg(parseError.offset));
    if (allowBareArray && json.isArray())
        return json.array();
    if (!json.isObject())
        return refuse(
            Status::Corrupt,
            QCoreApplication::translate("sandbox::ProfileStore", "the top level is not an object"));
    const QJsonObject root = json.object();
    const QJsonValue schema = root.value(QStringLiteral("schema"));
    if (!schema.isDouble() || schema.toInt(0) < 1)
        return refuse(Status::Corrupt,
                      QCoreApplication::translate("sandbox::ProfileStore",
                                                  "missing or invalid \"schema\" version"));
    if (schema.toInt() > kSchemaVersion)
        return refuse(Status::NewerSchema,
                      QCoreApplication::translate("sandbox::ProfileStore",
                                                  "written by a newer version of Sandbox Console "
                                                  "(schema %1; this version reads schema %2)")
                          .arg(schema.toInt())
                          .arg(kSchemaVersion));
    const QJsonValue profiles = root.value(QStringLiteral("profiles"));
    if (!profiles.isArray())
        return refuse(Status::Corrupt,
                      QCoreApplication::translate("sandbox::ProfileStore",
                                                  "missing or invalid \"profiles\" array"));
    return profiles.toArray();
}

void ProfileDocument::parseArray(const QJsonArray &array, bool strict) {
    QSet<QUuid> ids;
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue value = array.at(i);
        QString problem;
        std::optional<Profile> profile;
        if (!value.isObject()) {
            problem =
                QCoreApplication::translate("sandbox::ProfileStore", "%1 is not a JSON object")
                    .arg(entryLabel(i, value));
        } else {
            QString error;
            profile = Profile::fromJson(value.toObject(), error);
            if (!profile)
                problem = entryLabel(i, value) + u' ' + error;
            else if (ids.contains(profile->id))
                problem =
                    QCoreApplication::translate("sandbox::ProfileStore",
                                                "%1 has the id %2 of an earlier profile")
                        .arg(entryLabel(i, value), profile->id.toString(QUuid::WithoutBraces));
        }
        if (!problem.isEmpty()) {
            if (strict) {
                fail(Status::Corrupt, problem);
                return;
            }
            problems_.append(problem);
            entries_.append({std::nullopt, value});
            continue;
        }
        ids.insert(profile->id);
        entries_.append({profile, value});
    }
}

ProfileDocument ProfileDocument::fromProfiles(const QList<Profile> &profiles) {
    ProfileDocument doc;
    for (const Profile &p : profiles)
        doc.entries_.append({p, QJsonValue()});
    return doc;
}

void ProfileDocument::fail(Status status, const QString &error) {
    status_ = status;
    error_ = error;
    entries_.clear();
    problems_.clear();
}

QList<Profile> ProfileDocument::profiles() const {
    QList<Profile> result;
    for (const Entry &e : entries_) {
        if (e.profile)
            result.append(*e.profile);
    }
    return result;
}

QByteArray ProfileDocument::serialize() const {
    QJsonArray array;
    for (const Entry &e : entries_)
        array.append(e.profile ? QJsonValue(e.profile->toJson()) : e.raw);
    const QJsonObject root{{QStringLiteral("schema"), kSchemaVersion},
                           {QStringLiteral("profiles"), array}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

qsizetype ProfileDocument::indexOf(const QUuid &id) const {
    for (qsizetype i = 0; i < entries_.size(); ++i) {
        if (entries_.at(i).profile && entries_.at(i).profile->id == id)
            return i;
    }
    return -1;
}

void ProfileDocument::merge(const QList<Profile> &base, const QList<Profile> &local) {
    QHash<QUuid, Profile> baseById;
    for (const Profile &p : base)
        baseById.insert(p.id, p);
    QHash<QUuid, Profile> localById;
    for (const Profile &p : local)
        localById.insert(p.id, p);
    auto changedHere = [&](const Profile &p) {
        const auto it = baseById.constFind(p.id);
        return it == baseById.constEnd() || *it != p;
    };

    // Profiles on disk: drop what was deleted here, take what was edited here.
    for (qsizetype i = entries_.size() - 1; i >= 0; --i) {
        if (!entries_.at(i).profile)
            continue;
        const QUuid id = entries_.at(i).profile->id;
        const auto mine = localById.constFind(id);
        if (mine == localById.constEnd()) {
            if (baseById.contains(id))
                entries_.removeAt(i);
        } else if (changedHere(*mine)) {
            entries_[i].profile = *mine;
        }
    }
    // Profiles only here: new ones, and ones edited here that another window deleted (the
    // edit is kept rather than lost). Unchanged ones another window deleted stay deleted.
    for (qsizetype i = 0; i < local.size(); ++i) {
        const Profile &p = local.at(i);
        if (indexOf(p.id) >= 0 || !changedHere(p))
            continue;
        qsizetype at = 0;
        for (qsizetype j = i - 1; j >= 0; --j) {
            const qsizetype before = indexOf(local.at(j).id);
            if (before >= 0) {
                at = before + 1;
                break;
            }
        }
        entries_.insert(at, {p, QJsonValue()});
    }
}

} // namespace sandbox
