#pragma once

#include "connection_state.h"
#include "console_session.h"
#include "profile.h"

#include <QElapsedTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTimer;

namespace sandbox {

class CommandInput;
class FindBar;
class InfoBar;
class RunHistory;
class RunRecorder;
class TranscriptView;
class SecretStore;
class QuickOverridesBar;

// One open profile: command input with history and Ctrl+R search, quick overrides and the
// console view, wired to the tab's ConsoleSession (core), which runs the commands.
class ConsoleTab : public QWidget {
    Q_OBJECT
public:
    ConsoleTab(const Profile &profile, SecretStore *secrets, const QString &configDir,
               int historySize, QWidget *parent = nullptr);
    ~ConsoleTab() override;

    QUuid profileId() const { return session_->profile().id; }
    Profile profile() const { return session_->profile(); }
    ConsoleSession *session() const { return session_; }
    void setProfile(const Profile &profile);
    void setScrollbackLines(int lines);
    void setSpoolCapBytes(qint64 bytes);
    void setHistorySize(int entries);
    // Masks the profile's env values in the output (ConsoleSession); saving warns.
    void setPresenterMode(bool on);
    // Every command of this tab is recorded in history (the profile's run history).
    void setRunHistory(RunHistory *history);
    RunHistory *runHistory() const;

    // Puts a command and its overrides into the input and the overrides bar (every field:
    // unset ones are cleared), without running it: Enter does.
    void fillCommand(const QString &line, const ConsoleSession::Overrides &overrides);
    // What an opened job will run, shown above the transcript until a command starts.
    void showJobPreview(const QString &text);
    InfoBar *jobPreviewBar() const { return jobPreview_; }

    ConnectionState connectionState() const { return session_->connectionState(); }
    // From asking the keychain for the token until the command's end banner.
    bool isBusy() const { return session_->isBusy(); }

    TranscriptView *view() const { return view_; }
    FindBar *findBar() const { return findBar_; }
    CommandInput *input() const { return input_; }
    CommandInput *searchField() const { return search_; }
    QuickOverridesBar *overrides() const { return overrides_; }
    QPushButton *stopButton() const { return stop_; }
    QPushButton *editProfileButton() const { return editProfile_; }
    InfoBar *refusalBar() const { return refusal_; }
    QLabel *inputErrorLabel() const { return inputError_; }
    // "running 1.2 s", or "connecting… 1.2 s" until the agent's TLS handshake is done.
    QLabel *elapsedLabel() const { return elapsedLabel_; }
    const CommandHistory &history() const { return session_->history(); }

public Q_SLOTS:
    // Runs what is in the input (Enter).
    void runInput();
    void cancel();
    // Ctrl+S: whole tab or the selected command, from the spool.
    void saveTranscript(quint64 blockId);

Q_SIGNALS:
    void editProfileRequested(const QUuid &id);
    void connectionStateChanged(sandbox::ConnectionState state);
    // After the end banner of a command (or its refusal).
    void commandEnded();

private:
    void buildUi();
    void connectSession();
    void showProfileDefaults(const Profile &profile);
    void refuse(const QString &reason);
    void openTranscriptFolder(const QString &directory);
    void setRunning(bool running);
    void updateElapsed();
    void walkHistory(bool older);
    void startReverseSearch();
    void searchHistory(bool older);
    void finishReverseSearch(bool accept);

    ConsoleSession *session_ = nullptr;
    int searchIndex_ = -1;
    QString searchDraft_;
    QElapsedTimer elapsed_;

    QuickOverridesBar *overrides_ = nullptr;
    InfoBar *refusal_ = nullptr;
    QPushButton *editProfile_ = nullptr;
    InfoBar *keychainNote_ = nullptr;
    InfoBar *jobPreview_ = nullptr;
    RunRecorder *recorder_ = nullptr;
    TranscriptView *view_ = nullptr;
    FindBar *findBar_ = nullptr;
    QLabel *searchLabel_ = nullptr;
    CommandInput *search_ = nullptr;
    CommandInput *input_ = nullptr;
    QLabel *inputError_ = nullptr;
    bool busyHintShown_ = false; // inputError_ says "a command is still running"
    QPushButton *stop_ = nullptr;
    QLabel *elapsedLabel_ = nullptr;
    QTimer *elapsedTimer_ = nullptr;
};

} // namespace sandbox
