#pragma once

#include "job_spec.h"

#include <QString>

#include <optional>

namespace sandbox {

// `*.sandbox-job.json` on disk. Errors name the file and what is wrong with it.
class JobSpecFile {
public:
    // Atomic (QSaveFile); indented JSON for people who read or diff jobs.
    static bool write(const QString &path, const JobSpec &spec, QString *error = nullptr);
    // nullopt with error: unreadable, not JSON, a newer schema (named), a missing or
    // mistyped field (named).
    static std::optional<JobSpec> read(const QString &path, QString *error = nullptr);
    // Job files larger than this are refused before parsing (a job is a few KiB; a long
    // pasted command can make it a few MiB).
    static constexpr qint64 kMaxBytes = 64 * 1024 * 1024;
};

} // namespace sandbox
