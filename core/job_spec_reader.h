#pragma once

#include "job_spec.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace sandbox {

// Reads a job's JSON object, checking every field's presence and type; the first problem
// becomes one sentence naming the field by its path ("profile.id", "env[2].key").
class JobSpecReader {
public:
    explicit JobSpecReader(const QJsonObject &root)
        : root_(root) {}
    std::optional<JobSpec> read(QString &error);

private:
    bool readSchema();
    bool readProfile(JobProfileRef &ref);
    bool readEnv(QList<JobEnvEntry> &env);
    bool readCommand(JobSpec &spec);
    bool readTimeout(JobSpec &spec);

    // required: absent or null is an error. Present values must have the type.
    bool string(const QJsonObject &o, const QString &path, const QString &key, QString &out,
                bool required);
    bool boolean(const QJsonObject &o, const QString &path, const QString &key, bool &out);
    bool object(const QJsonObject &o, const QString &key, QJsonObject &out);
    bool fail(const QString &message);
    bool missing(const QString &field);
    bool wrongType(const QString &field, const QString &expected);

    QJsonObject root_;
    QString error_;
};

} // namespace sandbox
