#pragma once

#include <QHash>
#include <QMainWindow>
#include <QUuid>

class QAction;
class QStackedWidget;
class QDockWidget;
class QTabWidget;

namespace sandbox {

class AppSettings;
class ConnectionStatus;
class ConsoleTab;
class InfoBar;
class ProfileFileBanner;
class JobCommands;
class ProfileCommands;
class ProfileListPane;
class ProfileStore;
class RunHistoryPanel;
class RunHistoryStore;
class SecretStore;
class StartPage;
struct RunRecord;

// The application window: profile list, console tabs, status bar, menus. Everything it
// stores goes through the objects passed in, so tests run it on temporary directories.
// Loads the profile store; a broken file is reported in a banner, never blocking. With no
// console open it shows a start page.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    MainWindow(ProfileStore *store, SecretStore *secrets, AppSettings *settings,
               QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens (or switches to) the console of a profile; null when there is no such profile.
    ConsoleTab *openConsole(const QUuid &id);
    // Always a new tab, also when the profile has one already (New Tab, Ctrl+T).
    ConsoleTab *openNewConsole(const QUuid &id);
    // The first tab of the profile; consoleTabs: all of them, in tab order.
    ConsoleTab *consoleTab(const QUuid &id) const;
    QList<ConsoleTab *> consoleTabs(const QUuid &id) const;
    ConsoleTab *currentConsole() const;
    bool presenterMode() const;
    void setPresenterMode(bool on);

    QTabWidget *tabs() const { return tabs_; }
    ProfileListPane *profilePane() const { return pane_; }
    ProfileCommands *profileCommands() const { return commands_; }
    ProfileFileBanner *loadProblemBar() const { return loadProblem_; }
    StartPage *startPage() const { return startPage_; }
    InfoBar *presenterBanner() const { return presenterBanner_; }
    ConnectionStatus *connectionStatus() const { return status_; }
    RunHistoryPanel *historyPanel() const { return historyPanel_; }
    QDockWidget *historyDock() const { return historyDock_; }
    RunHistoryStore *runHistories() const { return runs_; }
    JobCommands *jobCommands() const { return jobs_; }
    // Re-run (run = true) or Edit and run: the run's command and overrides in its
    // profile's console; null when the profile is gone.
    ConsoleTab *repeatRun(const QUuid &profileId, const RunRecord &record, bool run);
    QAction *action(const QString &name) const { return actions_.value(name); }

    // Stores geometry, dock state and open tabs (also done on close).
    void saveWindowState();

protected:
    void closeEvent(QCloseEvent *event) override;
    // A dropped *.sandbox-job.json opens like File → Open Job….
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void buildCentralArea();
    // The start page while no console tab is open, the tabs otherwise.
    void updateCentralPage();
    void buildHistoryDock();
    void updateHistoryPanel();
    void reportLoadProblem();
    void restoreWindowState();
    void onProfilesChanged();
    // Asks first while the tab's command runs (Stop and Close / Cancel).
    void requestCloseTab(int index);
    void closeTab(int index);
    void closeConsole(const QUuid &id);
    void setTabTitle(int index, const QString &name);
    void updateStatus();
    void showSettings();
    void showAbout();
    QAction *addAction(const QString &name, const QString &text, const QKeySequence &shortcut);

    ProfileStore *store_;
    SecretStore *secrets_;
    AppSettings *settings_;
    ProfileCommands *commands_ = nullptr;
    ProfileListPane *pane_ = nullptr;
    QTabWidget *tabs_ = nullptr;
    ProfileFileBanner *loadProblem_ = nullptr;
    StartPage *startPage_ = nullptr;
    QStackedWidget *pages_ = nullptr;
    InfoBar *presenterBanner_ = nullptr;
    ConnectionStatus *status_ = nullptr;
    RunHistoryStore *runs_ = nullptr;
    JobCommands *jobs_ = nullptr;
    RunHistoryPanel *historyPanel_ = nullptr;
    QDockWidget *historyDock_ = nullptr;
    QHash<QString, QAction *> actions_;
};

} // namespace sandbox
