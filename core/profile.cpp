#include "profile.h"

#include <algorithm>

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonValue>

namespace sandbox {

namespace {

std::string utf8(const QString &s) {
    return s.toStdString();
}

QString modeName(CommandMode mode) {
    return mode == CommandMode::Argv ? QStringLiteral("argv") : QStringLiteral("shell");
}

QString fieldError(const QString &field, const char *problem) {
    return QCoreApplication::translate("Profile", problem).arg(field);
}

// Reads an optional string; a present non-string is an error.
bool readString(const QJsonObject &o, const QString &key, QString &out, QString &error) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isString()) {
        error =
            fieldError(key, QT_TRANSLATE_NOOP("Profile", "has a field '%1' that is not a string"));
        return false;
    }
    out = v.toString();
    return true;
}

bool readRequired(const QJsonObject &o, const QString &key, QString &out, QString &error) {
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull() || (v.isString() && v.toString().trimmed().isEmpty())) {
        error = fieldError(key, QT_TRANSLATE_NOOP("Profile", "is missing the field '%1'"));
        return false;
    }
    return readString(o, key, out, error);
}

bool readEnv(const QJsonObject &o, QList<EnvVar> &out, QString &error) {
    const QJsonValue v = o.value(QStringLiteral("env"));
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isArray()) {
        error = fieldError(QStringLiteral("env"),
                           QT_TRANSLATE_NOOP("Profile", "has a field '%1' that is not an array"));
        return false;
    }
    const QJsonArray array = v.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonObject entry = array.at(i).toObject();
        const QJsonValue key = entry.value(QStringLiteral("key"));
        if (!key.isString() || key.toString().isEmpty()) {
            error = QCoreApplication::translate("Profile", "has env entry %1 without a 'key'")
                        .arg(i + 1);
            return false;
        }
        out.append({key.toString(), entry.value(QStringLiteral("value")).toString()});
    }
    return true;
}

bool readOptions(const QJsonObject &o, Profile &p, QString &error) {
    const QString mode = o.value(QStringLiteral("mode")).toString(QStringLiteral("shell"));
    if (mode != QLatin1String("shell") && mode != QLatin1String("argv")) {
        error = QCoreApplication::translate("Profile", "has a field 'mode' that is neither "
                                                       "'shell' nor 'argv' ('%1')")
                    .arg(mode);
        return false;
    }
    p.mode = mode == QLatin1String("argv") ? CommandMode::Argv : CommandMode::Shell;
    p.useTls = o.value(QStringLiteral("useTls")).toBool(false);
    p.allowInsecure = o.value(QStringLiteral("allowInsecure")).toBool(false);
    // Profiles written before the option existed keep their plain output.
    p.askForColour = o.value(QStringLiteral("askForColour")).toBool(false);
    const QJsonValue timeout = o.value(QStringLiteral("connectTimeoutMs"));
    if (!timeout.isUndefined() && (!timeout.isDouble() || timeout.toInt(-1) <= 0)) {
        error = fieldError(
            QStringLiteral("connectTimeoutMs"),
            QT_TRANSLATE_NOOP("Profile", "has a field '%1' that is not a positive number"));
        return false;
    }
    p.connectTimeoutMs = timeout.toInt(Profile::kDefaultConnectTimeoutMs);
    const QJsonValue maxChunk = o.value(QStringLiteral("maxChunkBytes"));
    if (!maxChunk.isUndefined() && (!maxChunk.isDouble() || maxChunk.toInt(-1) <= 0)) {
        error = fieldError(QStringLiteral("maxChunkBytes"),
                           QT_TRANSLATE_NOOP("Profile", "field \"%1\" must be a positive number"));
        return false;
    }
    p.maxChunkBytes = maxChunk.toInt(RunnerConfig::kDefaultMaxReceiveMessageBytes);
    return true;
}

} // namespace

Transport Profile::transport() const {
    if (!certFile.isEmpty() && !keyFile.isEmpty())
        return Transport::MutualTls;
    if (useTls || !caFile.isEmpty() || !certFile.isEmpty() || !keyFile.isEmpty())
        return Transport::Tls;
    return Transport::Plaintext;
}

QJsonArray Profile::envToJson(const QList<EnvVar> &env) {
    QJsonArray array;
    for (const EnvVar &var : env)
        array.append(
            QJsonObject{{QStringLiteral("key"), var.key}, {QStringLiteral("value"), var.value}});
    return array;
}

QJsonObject Profile::toJson() const {
    return QJsonObject{
        {QStringLiteral("id"), id.toString(QUuid::WithoutBraces)},
        {QStringLiteral("name"), name},
        {QStringLiteral("address"), address},
        {QStringLiteral("caFile"), caFile},
        {QStringLiteral("certFile"), certFile},
        {QStringLiteral("keyFile"), keyFile},
        {QStringLiteral("serverName"), serverName},
        {QStringLiteral("useTls"), useTls},
        {QStringLiteral("allowInsecure"), allowInsecure},
        {QStringLiteral("askForColour"), askForColour},
        {QStringLiteral("securityProfile"), securityProfile},
        {QStringLiteral("image"), image},
        {QStringLiteral("env"), envToJson(env)},
        {QStringLiteral("workdir"), workdir},
        {QStringLiteral("mode"), modeName(mode)},
        {QStringLiteral("connectTimeoutMs"), connectTimeoutMs},
        {QStringLiteral("maxChunkBytes"), maxChunkBytes},
    };
}

std::optional<Profile> Profile::fromJson(const QJsonObject &o, QString &error) {
    Profile p;
    QString idText;
    if (!readRequired(o, QStringLiteral("id"), idText, error))
        return std::nullopt;
    p.id = QUuid::fromString(idText);
    if (p.id.isNull()) {
        error = QCoreApplication::translate("Profile", "has a field 'id' that is not a UUID ('%1')")
                    .arg(idText);
        return std::nullopt;
    }
    const bool ok = readRequired(o, QStringLiteral("name"), p.name, error) &&
                    readRequired(o, QStringLiteral("address"), p.address, error) &&
                    readString(o, QStringLiteral("caFile"), p.caFile, error) &&
                    readString(o, QStringLiteral("certFile"), p.certFile, error) &&
                    readString(o, QStringLiteral("keyFile"), p.keyFile, error) &&
                    readString(o, QStringLiteral("serverName"), p.serverName, error) &&
                    readString(o, QStringLiteral("securityProfile"), p.securityProfile, error) &&
                    readString(o, QStringLiteral("image"), p.image, error) &&
                    readString(o, QStringLiteral("workdir"), p.workdir, error) &&
                    readEnv(o, p.env, error) && readOptions(o, p, error);
    if (!ok)
        return std::nullopt;
    return p;
}

QList<EnvVar> Profile::colourEnv() {
    return {{QStringLiteral("TERM"), QStringLiteral("xterm-256color")},
            {QStringLiteral("CLICOLOR_FORCE"), QStringLiteral("1")},
            {QStringLiteral("FORCE_COLOR"), QStringLiteral("1")}};
}

QList<EnvVar> Profile::requestEnv() const {
    QList<EnvVar> result = env;
    if (!askForColour)
        return result;
    for (const EnvVar &var : colourEnv()) {
        const bool userSet = std::any_of(env.begin(), env.end(),
                                         [&](const EnvVar &own) { return own.key == var.key; });
        if (!userSet)
            result.append(var);
    }
    return result;
}

QList<EnvVar> Profile::envWith(const QList<EnvVar> &overrides) const {
    QList<EnvVar> result = env;
    for (const EnvVar &var : overrides) {
        const auto own = std::find_if(result.begin(), result.end(),
                                      [&](const EnvVar &e) { return e.key == var.key; });
        if (own != result.end())
            own->value = var.value;
        else
            result.append(var);
    }
    return result;
}

QList<EnvVar> Profile::envChanges(const QList<EnvVar> &sent) const {
    const QList<EnvVar> own = requestEnv();
    QList<EnvVar> changes;
    for (const EnvVar &var : sent) {
        if (!own.contains(var))
            changes.append(var);
    }
    return changes;
}

RunnerConfig Profile::toRunnerConfig(const QString &token) const {
    RunnerConfig c;
    c.address = utf8(address.trimmed());
    c.token = utf8(token);
    c.useTls = useTls;
    if (!caFile.isEmpty())
        c.caCert = PemSource::fromFile(utf8(caFile));
    if (!certFile.isEmpty())
        c.clientCert = PemSource::fromFile(utf8(certFile));
    if (!keyFile.isEmpty())
        c.clientKey = PemSource::fromFile(utf8(keyFile));
    c.serverNameOverride = utf8(serverName);
    c.allowInsecure = allowInsecure;
    c.profile = utf8(securityProfile);
    c.image = utf8(image);
    for (const EnvVar &var : requestEnv())
        c.env.emplace_back(utf8(var.key), utf8(var.value));
    c.workdir = utf8(workdir);
    c.connectTimeout = std::chrono::milliseconds(connectTimeoutMs);
    c.maxReceiveMessageBytes = maxChunkBytes;
    return c;
}

} // namespace sandbox
