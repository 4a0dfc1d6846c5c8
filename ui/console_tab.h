#pragma once

#include "command_history.h"
#include "connection_state.h"
#include "exec_result.h"
#include "profile.h"
#include "secret_store.h"
#include "session_command.h"

#include <QElapsedTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QPushButton;
class QTimer;

namespace sandbox {

class CommandInput;
class ConsoleView;
class ExecSessionThread;
class InfoBar;
class QuickOverridesBar;

// One open profile: command input with history and Ctrl+R search, quick overrides, the
// console view, and the profile's ExecSession on its worker thread. Tokens are read from
// the keychain asynchronously for each command and handed to the worker; the GUI thread
// never waits on the keychain or gRPC.
class ConsoleTab : public QWidget {
    Q_OBJECT
public:
    ConsoleTab(const Profile &profile, SecretStore *secrets, const QString &configDir,
               int historySize, QWidget *parent = nullptr);
    ~ConsoleTab() override;

    QUuid profileId() const { return profile_.id; }
    Profile profile() const { return profile_; }
    void setProfile(const Profile &profile);
    void setScrollbackLines(int lines);
    void setHistorySize(int entries);

    ConnectionState connectionState() const { return state_; }
    // From asking the keychain for the token until the command's end banner.
    bool isBusy() const { return pending_.has_value() || runningId_ != 0; }

    ConsoleView *view() const { return view_; }
    CommandInput *input() const { return input_; }
    CommandInput *searchField() const { return search_; }
    QuickOverridesBar *overrides() const { return overrides_; }
    QPushButton *stopButton() const { return stop_; }
    QPushButton *editProfileButton() const { return editProfile_; }
    InfoBar *refusalBar() const { return refusal_; }
    QLabel *inputErrorLabel() const { return inputError_; }
    const CommandHistory &history() const { return history_; }

public Q_SLOTS:
    // Runs what is in the input (Enter).
    void runInput();
    void cancel();

Q_SIGNALS:
    void editProfileRequested(const QUuid &id);
    void connectionStateChanged(sandbox::ConnectionState state);
    // After the end banner of a command (or its refusal).
    void commandEnded();

private:
    struct PendingCommand {
        quint64 id = 0;
        SessionCommand command;
    };

    void buildUi();
    void connectSession();
    void onTokenRead(const QUuid &id, const QString &token, SecretStore::Status status,
                     const QString &message);
    void startCommand(const PendingCommand &pending, const QString &token);
    void refuse(const QString &reason);
    void drainOutput();
    void onCommandFinished(quint64 id, const ExecResult &result);
    void setRunning(bool running);
    void updateElapsed();
    void walkHistory(bool older);
    void startReverseSearch();
    void searchHistory(bool older);
    void finishReverseSearch(bool accept);
    void setState(ConnectionState state);

    Profile profile_;
    SecretStore *secrets_;
    CommandHistory history_;
    ExecSessionThread *session_ = nullptr;
    ConnectionState state_ = ConnectionState::Idle;
    std::optional<PendingCommand> pending_;
    quint64 nextId_ = 1;
    quint64 runningId_ = 0;
    int searchIndex_ = -1;
    QString searchDraft_;
    QElapsedTimer elapsed_;

    QuickOverridesBar *overrides_ = nullptr;
    InfoBar *refusal_ = nullptr;
    QPushButton *editProfile_ = nullptr;
    InfoBar *keychainNote_ = nullptr;
    ConsoleView *view_ = nullptr;
    QLabel *searchLabel_ = nullptr;
    CommandInput *search_ = nullptr;
    CommandInput *input_ = nullptr;
    QLabel *inputError_ = nullptr;
    QPushButton *stop_ = nullptr;
    QLabel *elapsedLabel_ = nullptr;
    QTimer *elapsedTimer_ = nullptr;
};

} // namespace sandbox
