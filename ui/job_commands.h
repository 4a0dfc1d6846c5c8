#pragma once

#include "ctl_command_line.h"
#include "job_spec.h"

#include <QObject>
#include <QString>

#include <optional>

class QWidget;

namespace sandbox {

class ConsoleTab;
class MainWindow;
class ProfileCommands;
class ProfileStore;
struct RunRecord;

// What the job actions do: Save as job… and Copy as sandboxctl command for a run of the
// history, and Open Job… (menu, drop, command line): the job's profile tab with its command
// and overrides filled in and a preview of what will run; nothing runs before Enter. An
// unknown profile is offered to be created from the job's address and transport. Questions
// and file choices go through DialogAnswers.
class JobCommands : public QObject {
    Q_OBJECT
public:
    JobCommands(ProfileStore *store, ProfileCommands *profiles, MainWindow *window);

    // The job of a run: what it ran with (image, security profile, workdir as recorded),
    // the profile's env and connection; plain env values only when includeEnvValues.
    std::optional<JobSpec> jobFor(const QUuid &profileId, const RunRecord &record,
                                  bool includeEnvValues, QString *error = nullptr) const;

    // Asks whether to include plain env values (when there are any), then for a file name.
    // Returns the file written, empty when cancelled or failed (said in a message box).
    QString saveAsJob(const QUuid &profileId, const RunRecord &record);
    // Puts the sandboxctl line on the clipboard and returns it (empty on error).
    QString copyAsCommand(const QUuid &profileId, const RunRecord &record,
                          CtlCommandLine::Form form);

    // File → Open Job…: asks for a file, then openJob().
    ConsoleTab *openJobDialog();
    // Null when the file is bad (said in a message box) or the user declined.
    ConsoleTab *openJob(const QString &path);
    static bool isJobFile(const QString &path);
    // The job's problem or the user's refusal, for the command line's stderr.
    QString lastError() const { return lastError_; }

private:
    std::optional<QUuid> profileForJob(const JobSpec &spec);
    QString previewText(const QString &path, const JobSpec &spec,
                        const QStringList &missingEnv) const;
    ConsoleTab *fail(const QString &title, const QString &message);

    ProfileStore *store_;
    ProfileCommands *profiles_;
    MainWindow *window_;
    QString lastError_;
};

} // namespace sandbox
