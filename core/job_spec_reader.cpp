#include "job_spec_reader.h"

#include <QCoreApplication>
#include <QJsonArray>

#include <cmath>

namespace sandbox {

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("sandbox::JobSpecReader", text);
}

QString join(const QString &path, const QString &key) {
    return path.isEmpty() ? key : path + u'.' + key;
}

bool absent(const QJsonValue &v) {
    return v.isUndefined() || v.isNull();
}

} // namespace

bool JobSpecReader::fail(const QString &message) {
    error_ = message;
    return false;
}

bool JobSpecReader::missing(const QString &field) {
    return fail(tr("missing required field \"%1\"").arg(field));
}

bool JobSpecReader::wrongType(const QString &field, const QString &expected) {
    return fail(tr("field \"%1\" must be %2").arg(field, expected));
}

bool JobSpecReader::string(const QJsonObject &o, const QString &path, const QString &key,
                           QString &out, bool required) {
    const QJsonValue v = o.value(key);
    if (absent(v))
        return required ? missing(join(path, key)) : true;
    if (!v.isString())
        return wrongType(join(path, key), tr("a string"));
    out = v.toString();
    return true;
}

bool JobSpecReader::boolean(const QJsonObject &o, const QString &path, const QString &key,
                            bool &out) {
    const QJsonValue v = o.value(key);
    if (absent(v))
        return true;
    if (!v.isBool())
        return wrongType(join(path, key), tr("true or false"));
    out = v.toBool();
    return true;
}

bool JobSpecReader::object(const QJsonObject &o, const QString &key, QJsonObject &out) {
    const QJsonValue v = o.value(key);
    if (absent(v))
        return missing(key);
    if (!v.isObject())
        return wrongType(key, tr("an object"));
    out = v.toObject();
    return true;
}

bool JobSpecReader::readSchema() {
    const QJsonValue v = root_.value(QStringLiteral("schema"));
    if (absent(v))
        return missing(QStringLiteral("schema"));
    const double schema = v.toDouble(-1);
    if (!v.isDouble() || schema < 1 || schema != std::floor(schema))
        return wrongType(QStringLiteral("schema"), tr("a whole number"));
    if (schema > JobSpec::kSchemaVersion)
        // The number as written (%.0f): a schema past qint64's range must not be cast.
        return fail(tr("this job file has schema %1, written by a newer version of Sandbox "
                       "Console; this version reads schema %2 only")
                        .arg(QString::number(schema, 'f', 0))
                        .arg(JobSpec::kSchemaVersion));
    return true;
}

bool JobSpecReader::readProfile(JobProfileRef &ref) {
    QJsonObject p;
    const QString path = QStringLiteral("profile");
    if (!object(root_, path, p))
        return false;
    QString idText;
    QString transport;
    if (!string(p, path, QStringLiteral("id"), idText, true))
        return false;
    ref.id = QUuid::fromString(idText);
    if (ref.id.isNull())
        return fail(tr("field \"profile.id\" is not a UUID: \"%1\"").arg(idText));
    if (!string(p, path, QStringLiteral("name"), ref.name, true) ||
        !string(p, path, QStringLiteral("address"), ref.address, true) ||
        !string(p, path, QStringLiteral("transport"), transport, true) ||
        !string(p, path, QStringLiteral("caFile"), ref.caFile, false) ||
        !string(p, path, QStringLiteral("certFile"), ref.certFile, false) ||
        !string(p, path, QStringLiteral("keyFile"), ref.keyFile, false) ||
        !string(p, path, QStringLiteral("serverName"), ref.serverName, false) ||
        !boolean(p, path, QStringLiteral("useTls"), ref.useTls) ||
        !boolean(p, path, QStringLiteral("allowInsecure"), ref.allowInsecure))
        return false;
    for (Transport t : {Transport::Plaintext, Transport::Tls, Transport::MutualTls})
        if (transportKey(t) == transport) {
            ref.transport = t;
            return true;
        }
    return fail(tr("field \"profile.transport\" must be \"plaintext\", \"tls\" or \"mtls\", not "
                   "\"%1\"")
                    .arg(transport));
}

bool JobSpecReader::readEnv(QList<JobEnvEntry> &env) {
    const QJsonValue v = root_.value(QStringLiteral("env"));
    if (absent(v))
        return true;
    if (!v.isArray())
        return wrongType(QStringLiteral("env"), tr("an array"));
    const QJsonArray array = v.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("env[%1]").arg(i + 1);
        if (!array.at(i).isObject())
            return wrongType(path, tr("an object"));
        const QJsonObject o = array.at(i).toObject();
        JobEnvEntry entry;
        if (!string(o, path, QStringLiteral("key"), entry.key, true))
            return false;
        if (entry.key.isEmpty())
            return missing(join(path, QStringLiteral("key")));
        entry.valueIncluded = !absent(o.value(QStringLiteral("value")));
        if (!string(o, path, QStringLiteral("value"), entry.value, false))
            return false;
        env.append(entry);
    }
    return true;
}

bool JobSpecReader::readCommand(JobSpec &spec) {
    QJsonObject c;
    const QString path = QStringLiteral("command");
    QString mode;
    if (!object(root_, path, c) || !string(c, path, QStringLiteral("mode"), mode, true))
        return false;
    if (mode == QLatin1String("shell")) {
        spec.mode = CommandMode::Shell;
        return string(c, path, QStringLiteral("line"), spec.shellLine, true);
    }
    if (mode != QLatin1String("argv"))
        return fail(
            tr("field \"command.mode\" must be \"shell\" or \"argv\", not \"%1\"").arg(mode));
    spec.mode = CommandMode::Argv;
    const QJsonValue argv = c.value(QStringLiteral("argv"));
    if (absent(argv))
        return missing(QStringLiteral("command.argv"));
    if (!argv.isArray())
        return wrongType(QStringLiteral("command.argv"), tr("an array of strings"));
    const QJsonArray array = argv.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString())
            return wrongType(QStringLiteral("command.argv[%1]").arg(i + 1), tr("a string"));
        spec.argvList << array.at(i).toString();
    }
    if (spec.argvList.isEmpty())
        return fail(tr("field \"command.argv\" is empty: there is nothing to run"));
    return true;
}

bool JobSpecReader::readTimeout(JobSpec &spec) {
    const QJsonValue v = root_.value(QStringLiteral("timeoutSeconds"));
    if (absent(v))
        return true;
    if (!v.isDouble() || !(v.toDouble() > 0) || v.toDouble() > 1e7)
        return wrongType(QStringLiteral("timeoutSeconds"), tr("a positive number of seconds"));
    spec.timeout = std::chrono::milliseconds(qint64(std::ceil(v.toDouble() * 1000.0)));
    return true;
}

std::optional<JobSpec> JobSpecReader::read(QString &error) {
    JobSpec spec;
    const bool ok =
        readSchema() && readProfile(spec.profile) &&
        string(root_, {}, QStringLiteral("image"), spec.image, true) &&
        string(root_, {}, QStringLiteral("securityProfile"), spec.securityProfile, true) &&
        string(root_, {}, QStringLiteral("workdir"), spec.workdir, false) && readEnv(spec.env) &&
        boolean(root_, {}, QStringLiteral("askForColour"), spec.askForColour) &&
        readCommand(spec) && readTimeout(spec) &&
        string(root_, {}, QStringLiteral("note"), spec.note, false);
    if (!ok) {
        error = error_;
        return std::nullopt;
    }
    return spec;
}

} // namespace sandbox
