#include "job_spec_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace sandbox {

namespace {

QString tr(const char *text) {
    return QCoreApplication::translate("sandbox::JobSpecFile", text);
}

bool failed(QString *error, const QString &message) {
    if (error)
        *error = message;
    return false;
}

} // namespace

bool JobSpecFile::write(const QString &path, const JobSpec &spec, QString *error) {
    const QString shown = QDir::toNativeSeparators(path);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return failed(error, tr("Cannot write the job file %1: %2").arg(shown, file.errorString()));
    file.write(QJsonDocument(spec.toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return failed(error, tr("Cannot write the job file %1: %2").arg(shown, file.errorString()));
    return true;
}

std::optional<JobSpec> JobSpecFile::read(const QString &path, QString *error) {
    const QString shown = QDir::toNativeSeparators(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        failed(error, tr("Cannot read the job file %1: %2").arg(shown, file.errorString()));
        return std::nullopt;
    }
    if (file.size() > kMaxBytes) {
        failed(error, tr("The job file %1 is %2 MiB; a job file is at most %3 MiB")
                          .arg(shown)
                          .arg(file.size() / (1024 * 1024))
                          .arg(kMaxBytes / (1024 * 1024)));
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (doc.isNull()) {
        failed(error, tr("The job file %1 is not valid JSON (%2 at byte %3)")
                          .arg(shown, parseError.errorString())
                          .arg(parseError.offset));
        return std::nullopt;
    }
    if (!doc.isObject()) {
        failed(error,
               tr("The job file %1 is not a job: its top level is not an object").arg(shown));
        return std::nullopt;
    }
    QString problem;
    auto spec = JobSpec::fromJson(doc.object(), problem);
    if (!spec)
        failed(error, tr("The job file %1 cannot be used: %2").arg(shown, problem));
    return spec;
}

} // namespace sandbox
