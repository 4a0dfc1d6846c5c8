#include "profile_export.h"

#include "profile_store.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace sandbox {

namespace {

// The path as written: relative when the file is beside the export file or below it.
QString sharedPath(const QString &path, const QDir &exportDir, bool &relative) {
    relative = false;
    if (path.isEmpty())
        return path;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const QString rel = exportDir.relativeFilePath(absolute);
    if (!rel.startsWith(QLatin1String("../")) && rel != QLatin1String("..") &&
        !QDir::isAbsolutePath(rel)) {
        relative = true;
        return rel;
    }
    return path;
}

struct Writer {
    const QDir exportDir;
    const ProfileExport::Options &options;
    QStringList &preview;
    QString *error;

    bool certificate(QJsonObject &o, const QString &field, const QString &pemField,
                     const QString &label, bool mayEmbed) {
        const QString path = o.value(field).toString();
        if (path.isEmpty())
            return true;
        bool relative = false;
        o.insert(field, sharedPath(path, exportDir, relative));
        if (mayEmbed && options.embedCertificates) {
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly)) {
                if (error)
                    *error = ProfileExport::tr("Cannot embed the %1 %2: %3")
                                 .arg(label, QDir::toNativeSeparators(path), file.errorString());
                return false;
            }
            o.insert(pemField, QString::fromUtf8(file.readAll()));
            preview << ProfileExport::tr("  %1: embedded as PEM (from %2)")
                           .arg(label, o.value(field).toString());
        } else if (relative) {
            preview << ProfileExport::tr(
                           "  %1: path %2, relative to the export file (send the file along)")
                           .arg(label, o.value(field).toString());
        } else {
            preview << ProfileExport::tr("  %1: path %2 on this machine (the file is not included)")
                           .arg(label, path);
        }
        return true;
    }

    void env(QJsonObject &o, const Profile &p) {
        QJsonArray array;
        QStringList described;
        for (const EnvVar &var : p.env) {
            QJsonObject entry{{QStringLiteral("key"), var.key}};
            if (var.isSecretReference()) {
                entry.insert(QStringLiteral("value"), var.value);
                described << ProfileExport::tr("%1 (secret reference %2)").arg(var.key, var.value);
            } else if (options.includeEnvValues) {
                entry.insert(QStringLiteral("value"), var.value);
                described << ProfileExport::tr("%1 (value included)").arg(var.key);
            } else {
                described << ProfileExport::tr("%1 (value left out)").arg(var.key);
            }
            array.append(entry);
        }
        o.insert(QStringLiteral("env"), array);
        if (!described.isEmpty())
            preview << ProfileExport::tr("  env: %1").arg(described.join(QStringLiteral(", ")));
    }
};

} // namespace

bool ProfileExport::plan(const QList<Profile> &profiles, const QString &path,
                         const Options &options, QByteArray &json, QStringList &preview,
                         QString *error) {
    preview.clear();
    Writer writer{QFileInfo(path).absoluteDir(), options, preview, error};
    QJsonArray array;
    for (const Profile &p : profiles) {
        QJsonObject o = p.toJson();
        preview << ProfileExport::tr("%1 — %2").arg(p.name, p.address);
        if (!writer.certificate(o, QStringLiteral("caFile"), QStringLiteral("caPem"),
                                ProfileExport::tr("CA certificate"), true) ||
            !writer.certificate(o, QStringLiteral("certFile"), QStringLiteral("certPem"),
                                ProfileExport::tr("client certificate"), true) ||
            !writer.certificate(o, QStringLiteral("keyFile"), QString(),
                                ProfileExport::tr("client key (never its content)"), false))
            return false;
        writer.env(o, p);
        array.append(o);
    }
    preview << ProfileExport::tr("No tokens: they stay in this machine's keychain.");
    const QJsonObject root{{QStringLiteral("schema"), ProfileStore::kSchemaVersion},
                           {QStringLiteral("profiles"), array}};
    json = QJsonDocument(root).toJson(QJsonDocument::Indented);
    return true;
}

bool ProfileExport::write(const QList<Profile> &profiles, const QString &path,
                          const Options &options, QString *error) {
    QByteArray json;
    QStringList preview;
    if (!plan(profiles, path, options, json, preview, error))
        return false;
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(json) == json.size() && file.commit())
        return true;
    if (error)
        *error = ProfileExport::tr("Cannot write %1: %2")
                     .arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
}

} // namespace sandbox
