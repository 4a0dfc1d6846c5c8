#include "run_record.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace sandbox {

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("sandbox::RunRecord", text);
}

QString outcomeName(ExecOutcome outcome) {
    switch (outcome) {
    case ExecOutcome::Exited:
        return QStringLiteral("exited");
    case ExecOutcome::Cancelled:
        return QStringLiteral("cancelled");
    case ExecOutcome::Failed:
        break;
    }
    return QStringLiteral("failed");
}

void putOptional(QJsonObject &object, const QString &key, const std::optional<QString> &value) {
    if (value)
        object.insert(key, *value);
}

std::optional<QString> takeOptional(const QJsonObject &object, const QString &key) {
    const QJsonValue value = object.value(key);
    return value.isString() ? std::optional<QString>(value.toString()) : std::nullopt;
}

std::optional<QList<EnvVar>> takeEnv(const QJsonObject &object) {
    const QJsonValue value = object.value(QStringLiteral("env"));
    if (!value.isArray())
        return std::nullopt;
    QList<EnvVar> env;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        const QJsonObject entry = item.toObject();
        env.append({entry.value(QStringLiteral("key")).toString(),
                    entry.value(QStringLiteral("value")).toString()});
    }
    return env;
}

QJsonObject overridesToJson(const RunOverrides &o) {
    QJsonObject object;
    putOptional(object, QStringLiteral("image"), o.image);
    putOptional(object, QStringLiteral("securityProfile"), o.securityProfile);
    putOptional(object, QStringLiteral("workdir"), o.workdir);
    if (o.env)
        object.insert(QStringLiteral("env"), Profile::envToJson(*o.env));
    if (o.timeout)
        object.insert(QStringLiteral("timeoutMs"), double(o.timeout->count()));
    return object;
}

RunOverrides overridesFromJson(const QJsonObject &object) {
    RunOverrides o;
    o.image = takeOptional(object, QStringLiteral("image"));
    o.securityProfile = takeOptional(object, QStringLiteral("securityProfile"));
    o.workdir = takeOptional(object, QStringLiteral("workdir"));
    o.env = takeEnv(object);
    if (const QJsonValue timeout = object.value(QStringLiteral("timeoutMs"));
        timeout.isDouble() && timeout.toDouble() > 0)
        o.timeout = std::chrono::milliseconds(qint64(timeout.toDouble()));
    return o;
}

QStringList toStringList(const QJsonValue &value) {
    QStringList list;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        list.append(item.toString());
    return list;
}

} // namespace

RunOverrides RunRecord::overridesOn(const Profile &profile) const {
    RunOverrides result = overrides;
    if (result.env)
        result.env = profile.envWith(*result.env);
    return result;
}

QString RunRecord::statusText() const {
    if (!finished)
        return tr("did not finish");
    switch (outcome) {
    case ExecOutcome::Exited:
        return tr("exit %1").arg(exitCode);
    case ExecOutcome::Cancelled:
        return tr("cancelled");
    case ExecOutcome::Failed:
        break;
    }
    return tr("failed");
}

bool RunRecord::matches(const QString &text) const {
    if (text.isEmpty())
        return true;
    for (const QString &field : {line, argv.join(QLatin1Char(' ')), image, workdir, securityProfile,
                                 statusText(), detail}) {
        if (field.contains(text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

QJsonObject RunRecord::toJson() const {
    QJsonObject o;
    o.insert(QStringLiteral("id"), id.toString(QUuid::WithoutBraces));
    o.insert(QStringLiteral("startedAt"), startedAt.toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("line"), line);
    o.insert(QStringLiteral("argv"), QJsonArray::fromStringList(argv));
    o.insert(QStringLiteral("mode"),
             mode == CommandMode::Argv ? QStringLiteral("argv") : QStringLiteral("shell"));
    o.insert(QStringLiteral("overrides"), overridesToJson(overrides));
    o.insert(QStringLiteral("image"), image);
    o.insert(QStringLiteral("securityProfile"), securityProfile);
    o.insert(QStringLiteral("workdir"), workdir);
    o.insert(QStringLiteral("envKeys"), QJsonArray::fromStringList(envKeys));
    o.insert(QStringLiteral("finished"), finished);
    o.insert(QStringLiteral("outcome"), outcomeName(outcome));
    o.insert(QStringLiteral("exitCode"), exitCode);
    o.insert(QStringLiteral("durationMs"), double(durationMs));
    o.insert(QStringLiteral("stdoutBytes"), double(stdoutBytes));
    o.insert(QStringLiteral("stderrBytes"), double(stderrBytes));
    if (!detail.isEmpty())
        o.insert(QStringLiteral("detail"), detail);
    if (!transcriptPath.isEmpty()) {
        o.insert(QStringLiteral("transcript"), transcriptPath);
        o.insert(QStringLiteral("transcriptBytes"), double(transcriptBytes));
    }
    if (transcriptDropped)
        o.insert(QStringLiteral("transcriptDropped"), true);
    return o;
}

std::optional<RunRecord> RunRecord::fromJson(const QJsonObject &o, QString &error) {
    RunRecord r;
    r.id = QUuid::fromString(o.value(QStringLiteral("id")).toString());
    if (r.id.isNull()) {
        error = tr("a run has no valid \"id\"");
        return std::nullopt;
    }
    const QJsonValue line = o.value(QStringLiteral("line"));
    if (!line.isString()) {
        error = tr("run %1 has no \"line\"").arg(r.id.toString(QUuid::WithoutBraces));
        return std::nullopt;
    }
    r.line = line.toString();
    r.startedAt =
        QDateTime::fromString(o.value(QStringLiteral("startedAt")).toString(), Qt::ISODateWithMs);
    r.argv = toStringList(o.value(QStringLiteral("argv")));
    r.mode = o.value(QStringLiteral("mode")).toString() == QLatin1String("argv")
                 ? CommandMode::Argv
                 : CommandMode::Shell;
    r.overrides = overridesFromJson(o.value(QStringLiteral("overrides")).toObject());
    r.image = o.value(QStringLiteral("image")).toString();
    r.securityProfile = o.value(QStringLiteral("securityProfile")).toString();
    r.workdir = o.value(QStringLiteral("workdir")).toString();
    r.envKeys = toStringList(o.value(QStringLiteral("envKeys")));
    r.finished = o.value(QStringLiteral("finished")).toBool();
    const QString outcome = o.value(QStringLiteral("outcome")).toString();
    r.outcome = outcome == QLatin1String("exited")      ? ExecOutcome::Exited
                : outcome == QLatin1String("cancelled") ? ExecOutcome::Cancelled
                                                        : ExecOutcome::Failed;
    r.exitCode = o.value(QStringLiteral("exitCode")).toInt(-1);
    r.durationMs = qint64(o.value(QStringLiteral("durationMs")).toDouble());
    r.stdoutBytes = quint64(o.value(QStringLiteral("stdoutBytes")).toDouble());
    r.stderrBytes = quint64(o.value(QStringLiteral("stderrBytes")).toDouble());
    r.detail = o.value(QStringLiteral("detail")).toString();
    r.transcriptPath = o.value(QStringLiteral("transcript")).toString();
    r.transcriptBytes = qint64(o.value(QStringLiteral("transcriptBytes")).toDouble());
    r.transcriptDropped = o.value(QStringLiteral("transcriptDropped")).toBool();
    return r;
}

} // namespace sandbox
