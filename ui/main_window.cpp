#include "main_window.h"

#include "app_icons.h"
#include "app_settings.h"
#include "connection_status.h"
#include "console_tab.h"
#include "dialog_answers.h"
#include "info_bar.h"
#include "job_commands.h"
#include "profile_commands.h"
#include "profile_file_banner.h"
#include "profile_list_pane.h"
#include "profile_store.h"
#include "run_history.h"
#include "run_history_panel.h"
#include "run_history_store.h"
#include "settings_dialog.h"
#include "start_page.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QPushButton>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QVBoxLayout>

namespace sandbox {

MainWindow::MainWindow(ProfileStore *store, SecretStore *secrets, AppSettings *settings,
                       QWidget *parent)
    : QMainWindow(parent)
    , store_(store)
    , secrets_(secrets)
    , settings_(settings) {
    setWindowTitle(tr("Sandbox Console"));
    setWindowIcon(AppIcons::application());
    setObjectName(QStringLiteral("MainWindow"));
    store_->load();
    commands_ = new ProfileCommands(store_, secrets_, this);
    runs_ = new RunHistoryStore(RunHistoryStore::dataDirFor(store_->configDir()), this);
    jobs_ = new JobCommands(store_, commands_, this);
    buildCentralArea();
    buildHistoryDock();
    setAcceptDrops(true);
    status_ = new ConnectionStatus(statusBar());
    createActions();
    createMenus();
    connect(store_, &ProfileStore::profilesChanged, this, &MainWindow::onProfilesChanged);
    connect(commands_, &ProfileCommands::profileRemoved, this, &MainWindow::closeConsole);
    connect(commands_, &ProfileCommands::profileSelected, pane_, &ProfileListPane::setCurrentId);
    connect(commands_, &ProfileCommands::profileRemoved, runs_, &RunHistoryStore::removeProfile);
    setPresenterMode(settings_->presenterMode());
    restoreWindowState();
    updateStatus();
    updateCentralPage();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildCentralArea() {
    pane_ = new ProfileListPane(store_, this);
    auto *dock = new QDockWidget(tr("Profiles"), this);
    dock->setObjectName(QStringLiteral("ProfilesDock"));
    dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable);
    dock->setWidget(pane_);
    addDockWidget(Qt::LeftDockWidgetArea, dock);

    loadProblem_ = new ProfileFileBanner(store_, this);
    presenterBanner_ = new InfoBar(this);
    tabs_ = new QTabWidget(this);
    tabs_->setTabsClosable(true);
    tabs_->setMovable(true);
    tabs_->setDocumentMode(true);
    startPage_ = new StartPage(store_, this);
    pages_ = new QStackedWidget(this);
    pages_->addWidget(startPage_);
    pages_->addWidget(tabs_);
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(4, 4, 4, 0);
    layout->addWidget(presenterBanner_);
    layout->addWidget(loadProblem_);
    layout->addWidget(pages_, 1);
    setCentralWidget(central);

    connect(pane_, &ProfileListPane::openRequested, this, &MainWindow::openConsole);
    connect(startPage_, &StartPage::openProfileRequested, this, &MainWindow::openConsole);
    connect(startPage_, &StartPage::createProfileRequested, this,
            [this] { commands_->openEditor(QUuid()); });
    connect(startPage_, &StartPage::importRequested, commands_, &ProfileCommands::importProfiles);
    connect(tabs_, &QTabWidget::tabCloseRequested, this, &MainWindow::requestCloseTab);
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::updateStatus);
    // Adding the first tab and removing the last both change the current index.
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::updateCentralPage);
}

void MainWindow::buildHistoryDock() {
    historyPanel_ = new RunHistoryPanel(this);
    historyDock_ = new QDockWidget(tr("Run History"), this);
    historyDock_->setObjectName(QStringLiteral("RunHistoryDock"));
    historyDock_->setWidget(historyPanel_);
    // Below the console, beside the profile list: the table needs width, the console height.
    setCorner(Qt::BottomLeftCorner, Qt::LeftDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, historyDock_);
    connect(tabs_, &QTabWidget::currentChanged, this, &MainWindow::updateHistoryPanel);
    const auto repeat = [this](bool run) {
        return [this, run](const RunRecord &record) {
            if (RunHistory *history = historyPanel_->history())
                repeatRun(history->profileId(), record, run);
        };
    };
    connect(historyPanel_, &RunHistoryPanel::rerunRequested, this, repeat(true));
    connect(historyPanel_, &RunHistoryPanel::editRequested, this, repeat(false));
    const auto forJobs = [this](auto call) {
        return [this, call](const RunRecord &record) {
            if (RunHistory *history = historyPanel_->history())
                call(history->profileId(), record);
        };
    };
    connect(historyPanel_, &RunHistoryPanel::saveJobRequested, this,
            forJobs([this](const QUuid &id, const RunRecord &r) { jobs_->saveAsJob(id, r); }));
    connect(historyPanel_, &RunHistoryPanel::copyCommandRequested, this,
            forJobs([this](const QUuid &id, const RunRecord &r) {
                jobs_->copyAsCommand(id, r, CtlCommandLine::Form::ProfileName);
            }));
    connect(historyPanel_, &RunHistoryPanel::copyFullCommandRequested, this,
            forJobs([this](const QUuid &id, const RunRecord &r) {
                jobs_->copyAsCommand(id, r, CtlCommandLine::Form::FullFlags);
            }));
    updateHistoryPanel();
}

void MainWindow::updateHistoryPanel() {
    ConsoleTab *tab = currentConsole();
    historyPanel_->setHistory(tab ? runs_->history(tab->profileId()) : nullptr,
                              tab ? tab->profile().name : QString());
}

ConsoleTab *MainWindow::repeatRun(const QUuid &profileId, const RunRecord &record, bool run) {
    ConsoleTab *tab = currentConsole();
    if (!tab || tab->profileId() != profileId)
        tab = openConsole(profileId);
    if (!tab)
        return nullptr;
    tab->fillCommand(record.line, record.overridesOn(tab->profile()));
    if (run)
        tab->runInput();
    return tab;
}

QAction *MainWindow::addAction(const QString &name, const QString &text,
                               const QKeySequence &shortcut) {
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    actions_.insert(name, action);
    return action;
}

void MainWindow::createActions() {
    using A = AppIcons::Action;
    auto current = [this] {
        return pane_->currentId();
    };
    addAction(QStringLiteral("openJob"), tr("&Open Job…"), QKeySequence::Open);
    addAction(QStringLiteral("import"), tr("&Import Profiles…"), {})
        ->setIcon(AppIcons::action(A::Import));
    addAction(QStringLiteral("export"), tr("&Export Profiles…"), {})
        ->setIcon(AppIcons::action(A::Export));
    addAction(QStringLiteral("quit"), tr("&Quit"), QKeySequence::Quit);
    addAction(QStringLiteral("newTab"), tr("New &Tab for This Profile"),
              QKeySequence(Qt::CTRL | Qt::Key_T));
    addAction(QStringLiteral("add"), tr("&New Profile…"), QKeySequence::New)
        ->setIcon(AppIcons::action(A::Add));
    addAction(QStringLiteral("edit"), tr("&Edit Profile…"), QKeySequence(Qt::CTRL | Qt::Key_E))
        ->setIcon(AppIcons::action(A::Edit));
    addAction(QStringLiteral("duplicate"), tr("D&uplicate Profile"), {})
        ->setIcon(AppIcons::action(A::Duplicate));
    addAction(QStringLiteral("delete"), tr("&Delete Profile…"), {})
        ->setIcon(AppIcons::action(A::Delete));
    QAction *presenter = addAction(QStringLiteral("presenter"), tr("&Presenter Mode"),
                                   QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    presenter->setIcon(AppIcons::action(A::Presenter));
    presenter->setCheckable(true);
    addAction(QStringLiteral("settings"), tr("&Settings…"), QKeySequence::Preferences)
        ->setIcon(AppIcons::action(A::Settings));
    addAction(QStringLiteral("about"), tr("&About Sandbox Console"), {});

    connect(action(QStringLiteral("openJob")), &QAction::triggered, jobs_,
            &JobCommands::openJobDialog);
    connect(startPage_, &StartPage::openJobRequested, jobs_, &JobCommands::openJobDialog);
    startPage_->setJobsAvailable(true);
    connect(action(QStringLiteral("import")), &QAction::triggered, commands_,
            &ProfileCommands::importProfiles);
    connect(action(QStringLiteral("export")), &QAction::triggered, this, [this, current] {
        const QUuid id = current();
        commands_->exportProfiles(id.isNull() ? QList<QUuid>() : QList<QUuid>{id});
    });
    connect(action(QStringLiteral("quit")), &QAction::triggered, this, &QWidget::close);
    // Another tab on the current tab's profile (or the selected one): its own command,
    // overrides and transcript beside the first.
    connect(action(QStringLiteral("newTab")), &QAction::triggered, this, [this, current] {
        const ConsoleTab *tab = currentConsole();
        openNewConsole(tab ? tab->profileId() : current());
    });
    connect(action(QStringLiteral("add")), &QAction::triggered, this,
            [this] { commands_->openEditor(QUuid()); });
    connect(action(QStringLiteral("edit")), &QAction::triggered, this,
            [this, current] { commands_->openEditor(current()); });
    connect(action(QStringLiteral("duplicate")), &QAction::triggered, this,
            [this, current] { commands_->duplicate(current()); });
    connect(action(QStringLiteral("delete")), &QAction::triggered, this,
            [this, current] { commands_->remove(current()); });
    connect(presenter, &QAction::toggled, this, &MainWindow::setPresenterMode);
    connect(action(QStringLiteral("settings")), &QAction::triggered, this,
            &MainWindow::showSettings);
    connect(action(QStringLiteral("about")), &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus() {
    auto add = [this](QMenu *menu, std::initializer_list<const char *> names) {
        for (const char *name : names) {
            if (*name == '-')
                menu->addSeparator();
            else
                menu->addAction(action(QString::fromLatin1(name)));
        }
    };
    add(menuBar()->addMenu(tr("&File")),
        {"openJob", "newTab", "-", "import", "export", "-", "quit"});
    add(menuBar()->addMenu(tr("&Profile")), {"add", "edit", "duplicate", "delete"});
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addAction(historyDock_->toggleViewAction());
    add(view, {"presenter", "-", "settings"});
    add(menuBar()->addMenu(tr("&Help")), {"about"});
    for (const char *name : {"add", "edit", "duplicate", "delete"})
        pane_->toolBar()->addAction(action(QString::fromLatin1(name)));
}

void MainWindow::updateCentralPage() {
    pages_->setCurrentWidget(tabs_->count() > 0 ? static_cast<QWidget *>(tabs_) : startPage_);
}

ConsoleTab *MainWindow::consoleTab(const QUuid &id) const {
    for (int i = 0; i < tabs_->count(); ++i) {
        auto *tab = qobject_cast<ConsoleTab *>(tabs_->widget(i));
        if (tab && tab->profileId() == id)
            return tab;
    }
    return nullptr;
}

ConsoleTab *MainWindow::currentConsole() const {
    return qobject_cast<ConsoleTab *>(tabs_->currentWidget());
}

ConsoleTab *MainWindow::openConsole(const QUuid &id) {
    if (ConsoleTab *existing = consoleTab(id)) {
        tabs_->setCurrentWidget(existing);
        existing->setFocus();
        return existing;
    }
    return openNewConsole(id);
}

ConsoleTab *MainWindow::openNewConsole(const QUuid &id) {
    const auto profile = store_->find(id);
    if (!profile)
        return nullptr;
    auto *tab =
        new ConsoleTab(*profile, secrets_, store_->configDir(), settings_->historySize(), tabs_);
    tab->setScrollbackLines(settings_->scrollbackLines());
    tab->setSpoolCapBytes(qint64(settings_->spoolCapMiB()) << 20);
    tab->setPresenterMode(presenterMode());
    tab->setRunHistory(runs_->history(id));
    connect(tab, &ConsoleTab::editProfileRequested, commands_, &ProfileCommands::openEditor);
    connect(tab, &ConsoleTab::connectionStateChanged, this, &MainWindow::updateStatus);
    const int index = tabs_->addTab(tab, QString());
    setTabTitle(index, profile->name);
    tabs_->setCurrentIndex(index);
    tab->setFocus();
    return tab;
}

// Long names are elided so the other tabs stay in view; the tooltip has the whole name.
void MainWindow::setTabTitle(int index, const QString &name) {
    constexpr int kMaxTitleWidth = 220;
    QString title = tabs_->tabBar()->fontMetrics().elidedText(name, Qt::ElideRight, kMaxTitleWidth);
    tabs_->setTabText(index, title.replace(QLatin1Char('&'), QStringLiteral("&&")));
    tabs_->setTabToolTip(index, name);
}

QList<ConsoleTab *> MainWindow::consoleTabs(const QUuid &id) const {
    QList<ConsoleTab *> result;
    for (int i = 0; i < tabs_->count(); ++i) {
        auto *tab = qobject_cast<ConsoleTab *>(tabs_->widget(i));
        if (tab && tab->profileId() == id)
            result.append(tab);
    }
    return result;
}

void MainWindow::requestCloseTab(int index) {
    auto *tab = qobject_cast<ConsoleTab *>(tabs_->widget(index));
    if (tab && tab->isBusy() &&
        !DialogAnswers::confirm(this, tr("Close Console"),
                                tr("A command is still running in \"%1\". Stop it and close the "
                                   "tab? Its output so far is lost with the tab.")
                                    .arg(tab->profile().name),
                                tr("Stop and Close")))
        return;
    closeTab(index);
}

// The caller decided: a running command is cancelled (the tab's session stops it).
void MainWindow::closeTab(int index) {
    QWidget *tab = tabs_->widget(index);
    tabs_->removeTab(index);
    delete tab; // stops the tab's worker thread
}

void MainWindow::closeConsole(const QUuid &id) {
    const QList<ConsoleTab *> open = consoleTabs(id);
    for (ConsoleTab *tab : open)
        closeTab(tabs_->indexOf(tab));
}

void MainWindow::onProfilesChanged() {
    for (int i = tabs_->count() - 1; i >= 0; --i) {
        auto *tab = qobject_cast<ConsoleTab *>(tabs_->widget(i));
        const auto profile = tab ? store_->find(tab->profileId()) : std::nullopt;
        if (!profile) {
            closeTab(i);
            continue;
        }
        tab->setProfile(*profile);
        setTabTitle(i, profile->name);
    }
    updateStatus();
    updateHistoryPanel(); // a renamed profile's title
}

void MainWindow::updateStatus() {
    if (ConsoleTab *tab = currentConsole())
        status_->show(tab->profile(), tab->connectionState());
    else
        status_->clear();
}

bool MainWindow::presenterMode() const {
    return action(QStringLiteral("presenter"))->isChecked();
}

void MainWindow::setPresenterMode(bool on) {
    action(QStringLiteral("presenter"))->setChecked(on);
    settings_->setPresenterMode(on);
    commands_->setPresenterMode(on);
    for (int i = 0; i < tabs_->count(); ++i) {
        if (auto *tab = qobject_cast<ConsoleTab *>(tabs_->widget(i)))
            tab->setPresenterMode(on);
    }
    presenterBanner_->showMessage(
        InfoBar::Level::Information,
        on ? tr("Presenter mode is on: tokens and environment values are hidden; values of "
                "this profile's env are masked in output; output of the agent's secret "
                "resolution cannot be known and is not masked.")
           : QString());
}

void MainWindow::showSettings() {
    auto *dialog = new SettingsDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setScrollbackLines(settings_->scrollbackLines());
    dialog->setHistorySize(settings_->historySize());
    dialog->setSpoolCapMiB(settings_->spoolCapMiB());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        settings_->setScrollbackLines(dialog->scrollbackLines());
        settings_->setSpoolCapMiB(dialog->spoolCapMiB());
        settings_->setHistorySize(dialog->historySize());
        settings_->sync();
        for (int i = 0; i < tabs_->count(); ++i) {
            if (auto *tab = qobject_cast<ConsoleTab *>(tabs_->widget(i))) {
                tab->setScrollbackLines(dialog->scrollbackLines());
                tab->setSpoolCapBytes(qint64(dialog->spoolCapMiB()) << 20);
                tab->setHistorySize(dialog->historySize());
            }
        }
    });
    dialog->open();
}

void MainWindow::showAbout() {
    DialogAnswers::information(
        this, tr("About Sandbox Console"),
        tr("Sandbox Console %1\nRun commands in remote sandboxes through a sandbox agent.")
            .arg(QApplication::applicationVersion()));
}

void MainWindow::restoreWindowState() {
    const QByteArray geometry = settings_->windowGeometry();
    if (geometry.isEmpty() || !restoreGeometry(geometry))
        resize(1200, 760);
    if (!restoreState(settings_->windowState()))
        resizeDocks({historyDock_}, {200}, Qt::Vertical);
    const QList<QUuid> open = settings_->openTabs();
    for (const QUuid &id : open)
        openNewConsole(id);
    if (ConsoleTab *tab = consoleTab(settings_->currentTab()))
        tabs_->setCurrentWidget(tab);
}

void MainWindow::saveWindowState() {
    settings_->setWindowGeometry(saveGeometry());
    settings_->setWindowState(saveState());
    QList<QUuid> open;
    for (int i = 0; i < tabs_->count(); ++i) {
        if (auto *tab = qobject_cast<ConsoleTab *>(tabs_->widget(i)))
            open.append(tab->profileId());
    }
    settings_->setOpenTabs(open);
    settings_->setCurrentTab(currentConsole() ? currentConsole()->profileId() : QUuid());
    settings_->sync();
}

namespace {

QStringList jobFilesIn(const QMimeData *data) {
    QStringList paths;
    if (!data || !data->hasUrls())
        return paths;
    const QList<QUrl> urls = data->urls();
    for (const QUrl &url : urls) {
        if (url.isLocalFile() && JobCommands::isJobFile(url.toLocalFile()))
            paths << url.toLocalFile();
    }
    return paths;
}

} // namespace

void MainWindow::dragEnterEvent(QDragEnterEvent *event) {
    if (!jobFilesIn(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event) {
    const QStringList paths = jobFilesIn(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    for (const QString &path : paths)
        jobs_->openJob(path);
}

void MainWindow::closeEvent(QCloseEvent *event) {
    QStringList running;
    for (int i = 0; i < tabs_->count(); ++i) {
        auto *tab = qobject_cast<ConsoleTab *>(tabs_->widget(i));
        if (tab && tab->isBusy())
            running << tab->profile().name;
    }
    if (!running.isEmpty() &&
        !DialogAnswers::confirm(this, tr("Quit"),
                                tr("A command is still running in: %1. Stop it and quit?")
                                    .arg(running.join(QStringLiteral(", "))),
                                tr("Stop and Quit"))) {
        event->ignore();
        return;
    }
    // A profile the user saw in the list is on disk, or the user is told it is not.
    if (store_->hasUnsavedChanges() &&
        !DialogAnswers::confirm(this, tr("Quit"),
                                tr("Profiles added or changed in this window are not saved (%1 "
                                   "could not be written). Quit and lose them?")
                                    .arg(QDir::toNativeSeparators(store_->filePath())),
                                tr("Quit Without Saving"))) {
        event->ignore();
        return;
    }
    saveWindowState();
    event->accept();
}

} // namespace sandbox
