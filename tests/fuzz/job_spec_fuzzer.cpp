// Fuzzes the job-spec reader (JobSpecFile::read, JobSpec::fromJson via JobSpecReader) through
// a real *.sandbox-job.json file. A job that reads is written and read back unchanged, and in
// argv mode its command text (what a console input shows) splits back into the same argv.
#include "command_line_splitter.h"
#include "job_spec.h"
#include "job_spec_file.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <cstdint>
#include <cstdlib>

using namespace sandbox;

namespace {

QString scratchRoot() {
    return QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm")
                                                     : QDir::tempPath();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    static QTemporaryDir scratch(scratchRoot() + QStringLiteral("/job-spec-fuzz-XXXXXX"));
    if (!scratch.isValid())
        std::abort();
    const QString path = scratch.filePath(QStringLiteral("in") + JobSpec::fileSuffix());
    const QString again = scratch.filePath(QStringLiteral("again") + JobSpec::fileSuffix());
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
            file.write(reinterpret_cast<const char *>(data), static_cast<qint64>(size)) !=
                static_cast<qint64>(size))
            std::abort(); // the harness failed, not the reader
    }
    QString error;
    const auto spec = JobSpecFile::read(path, &error);
    if (!spec) {
        if (!error.contains(QDir::toNativeSeparators(path)))
            std::abort(); // every refusal names the file
        return 0;
    }
    if (!JobSpecFile::write(again, *spec, &error))
        std::abort();
    const auto reread = JobSpecFile::read(again, &error);
    if (!reread || *reread != *spec)
        std::abort(); // writing a job and reading it back changes nothing
    if (spec->mode == CommandMode::Argv) {
        const auto split = CommandLineSplitter::splitArgv(spec->commandText());
        if (!split.ok() || split.argv != spec->argvList)
            std::abort();
    }
    return 0;
}
