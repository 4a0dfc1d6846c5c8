#include "profile_import.h"

#include "profile_document.h"
#include "profile_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QSet>

#include <algorithm>

namespace sandbox {

namespace {

QString resolved(const QString &path, const QDir &base) {
    if (path.isEmpty() || QDir::isAbsolutePath(path))
        return path;
    return QDir::cleanPath(base.absoluteFilePath(path));
}

// Keys whose value the export left out: this machine's value is kept for them.
QSet<QString> keysWithoutValue(const QJsonObject &o) {
    QSet<QString> keys;
    const QJsonArray env = o.value(QStringLiteral("env")).toArray();
    for (const QJsonValue &v : env) {
        const QJsonObject entry = v.toObject();
        if (!entry.contains(QStringLiteral("value")))
            keys.insert(entry.value(QStringLiteral("key")).toString());
    }
    return keys;
}

void keepLocalValues(Profile &incoming, const Profile &current, const QSet<QString> &keys) {
    for (EnvVar &var : incoming.env) {
        if (!keys.contains(var.key))
            continue;
        for (const EnvVar &own : current.env) {
            if (own.key == var.key)
                var.value = own.value;
        }
    }
}

QString envText(const QList<EnvVar> &env) {
    QStringList parts;
    for (const EnvVar &var : env)
        parts << (var.isSecretReference() ? QString(var.key + u'=' + var.value)
                                          : QString(var.key + QStringLiteral("=•••")));
    return parts.isEmpty() ? ProfileImport::tr("(none)") : parts.join(u' ');
}

QStringList differences(const Profile &now, const Profile &incoming) {
    QStringList out;
    const QJsonObject a = now.toJson();
    const QJsonObject b = incoming.toJson();
    for (auto it = b.begin(); it != b.end(); ++it) {
        if (it.key() == QLatin1String("env") || a.value(it.key()) == it.value())
            continue;
        const auto text = [](const QJsonValue &v) {
            return v.isString()
                       ? (v.toString().isEmpty() ? ProfileImport::tr("(empty)") : v.toString())
                       : v.toVariant().toString();
        };
        out << ProfileImport::tr("%1: %2 → %3")
                   .arg(it.key(), text(a.value(it.key())), text(it.value()));
    }
    if (now.env != incoming.env) {
        // Values are masked; a changed value shows as a change of the same key.
        QStringList changedKeys;
        for (const EnvVar &var : incoming.env) {
            for (const EnvVar &own : now.env) {
                if (own.key == var.key && own.value != var.value)
                    changedKeys << var.key;
            }
        }
        out << ProfileImport::tr("env: %1 → %2").arg(envText(now.env), envText(incoming.env));
        if (!changedKeys.isEmpty())
            out << ProfileImport::tr("env values changed: %1")
                       .arg(changedKeys.join(QStringLiteral(", ")));
    }
    return out;
}

QString uniqueName(const QString &base, const QList<Profile> &taken, const QUuid &self) {
    const auto used = [&](const QString &name) {
        return std::any_of(taken.begin(), taken.end(),
                           [&](const Profile &p) { return p.name == name && p.id != self; });
    };
    if (!used(base))
        return base;
    QString name = ProfileImport::tr("%1 (imported)").arg(base);
    for (int n = 2; used(name); ++n)
        name = ProfileImport::tr("%1 (imported %2)").arg(base).arg(n);
    return name;
}

} // namespace

std::optional<QList<ProfileImport::Item>> ProfileImport::plan(const QString &path,
                                                              const QList<Profile> &existing,
                                                              const QString &certDir,
                                                              QString *error) {
    const auto fail = [&](const QString &problem) {
        if (error)
            *error = ProfileImport::tr("%1 is %2.").arg(QDir::toNativeSeparators(path), problem);
        return std::nullopt;
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = ProfileImport::tr("Cannot read %1: %2")
                         .arg(QDir::toNativeSeparators(path), file.errorString());
        return std::nullopt;
    }
    ProfileDocument::Status status = ProfileDocument::Status::Ok;
    QString problem;
    const auto array = ProfileDocument::profilesArray(file.readAll(), true, &status, &problem);
    if (!array)
        return fail(problem);
    if (array->isEmpty())
        return fail(ProfileImport::tr("without any profile"));
    const QDir base = QFileInfo(path).absoluteDir();
    QList<Profile> taken = existing;
    QList<Item> items;
    QSet<QUuid> seen;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QJsonObject o = array->at(i).toObject();
        QString fieldError;
        auto parsed = Profile::fromJson(o, fieldError);
        if (!parsed)
            return fail(ProfileImport::tr("profile %1: %2").arg(i + 1).arg(fieldError));
        if (seen.contains(parsed->id))
            return fail(ProfileImport::tr("profile %1: id %2 is used twice")
                            .arg(i + 1)
                            .arg(parsed->id.toString(QUuid::WithoutBraces)));
        seen.insert(parsed->id);
        Item item;
        Profile &p = *parsed;
        p.caFile = resolved(p.caFile, base);
        p.certFile = resolved(p.certFile, base);
        p.keyFile = resolved(p.keyFile, base);
        const QString stem =
            QDir(certDir).filePath(p.id.toString(QUuid::WithoutBraces) + QLatin1Char('-'));
        for (const auto &[field, target] : {std::pair{QStringLiteral("caPem"), &p.caFile},
                                            std::pair{QStringLiteral("certPem"), &p.certFile}}) {
            const QString pem = o.value(field).toString();
            if (pem.isEmpty())
                continue;
            *target = stem + (field == QLatin1String("caPem") ? QStringLiteral("ca.pem")
                                                              : QStringLiteral("client.pem"));
            item.pemFiles.append(std::make_pair(*target, pem.toUtf8()));
        }
        const auto here = std::find_if(existing.begin(), existing.end(),
                                       [&](const Profile &e) { return e.id == p.id; });
        if (here != existing.end()) {
            keepLocalValues(p, *here, keysWithoutValue(o));
            item.current = *here;
            item.changes = differences(*here, p);
            item.kind = item.changes.isEmpty() ? Item::Kind::Unchanged : Item::Kind::Update;
        }
        p.name = uniqueName(p.name, taken, p.id);
        if (item.kind == Item::Kind::Add)
            taken.append(p);
        item.profile = p;
        items.append(item);
    }
    return items;
}

bool ProfileImport::writePemFiles(const Item &item, QString *error) {
    for (const auto &[path, pem] : item.pemFiles) {
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile file(path);
        if (!(file.open(QIODevice::WriteOnly) && file.write(pem) == pem.size() && file.commit())) {
            if (error)
                *error = ProfileImport::tr("Cannot write the certificate %1: %2")
                             .arg(QDir::toNativeSeparators(path), file.errorString());
            return false;
        }
    }
    return true;
}

} // namespace sandbox
