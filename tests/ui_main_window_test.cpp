// The main window end to end on a private config dir and the real keychain: profile CRUD
// that survives a restart, the token in the keychain and in no file, a broken profile file
// reported without blocking, presenter mode, history across tabs and restarts.
#include "command_input.h"
#include "console_tab.h"
#include "event_wait.h"
#include "info_bar.h"
#include "job_spec.h"
#include "job_spec_file.h"
#include "main_window.h"
#include "profile_commands.h"
#include "profile_editor_dialog.h"
#include "profile_export_dialog.h"
#include "profile_file_banner.h"
#include "profile_form.h"
#include "profile_list_model.h"
#include "profile_list_pane.h"
#include "start_page.h"
#include "token_field.h"
#include "ui_test_fixture.h"

#include <QAction>
#include <QCheckBox>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

using namespace sandbox;
using sandbox::test::UiFixture;

namespace {

using sandbox::test::EventWait;

class UiMainWindow : public UiFixture {
protected:
    void startWindow() {
        window = std::make_unique<MainWindow>(store.get(), secrets.get(), settings.get());
        window->show();
    }
    void restart() {
        window->close();
        window.reset();
        makeStores();
        startWindow();
    }
    QStringList names() const {
        QStringList result;
        const auto profiles = store->profiles();
        for (const Profile &p : profiles)
            result << p.name;
        return result;
    }
    ProfileEditorDialog *trigger(const char *action) {
        window->action(QString::fromLatin1(action))->trigger();
        return window->profileCommands()->editor();
    }
    void fillAndSave(ProfileEditorDialog *dialog, const QString &name, const QString &token = {}) {
        ProfileForm *form = dialog->form();
        form->nameEdit()->setText(name);
        form->addressEdit()->setText(QStringLiteral("127.0.0.1:7443"));
        form->useTlsCheck()->setChecked(true);
        if (!token.isEmpty()) {
            ASSERT_TRUE(
                EventWait::until([&] { return !dialog->tokenField()->isLoading(); }, 20000));
            QTest::keyClicks(dialog->tokenField()->lineEdit(), token);
        }
        dialog->saveButton()->click();
        ASSERT_TRUE(EventWait::until([&] { return window->profileCommands()->editor() == nullptr; },
                                     20000));
    }
    Profile profileNamed(const QString &name) const { return store->findByName(name).value(); }

    std::unique_ptr<MainWindow> window;
};

} // namespace

TEST_F(UiMainWindow, TitleAndEmptyStart) {
    startWindow();
    EXPECT_EQ(window->windowTitle(), QStringLiteral("Sandbox Console"));
    EXPECT_EQ(window->profilePane()->model()->rowCount(), 0);
    EXPECT_FALSE(window->loadProblemBar()->isVisible());
}

TEST_F(UiMainWindow, ProfileCrudPersistsAcrossRestart) {
    startWindow();
    fillAndSave(trigger("add"), QStringLiteral("Alpha"));
    fillAndSave(trigger("add"), QStringLiteral("Beta"));
    ASSERT_EQ(names(), (QStringList{QStringLiteral("Alpha"), QStringLiteral("Beta")}));

    window->profilePane()->setCurrentId(profileNamed(QStringLiteral("Alpha")).id);
    ProfileEditorDialog *edit = trigger("edit");
    ASSERT_NE(edit, nullptr);
    EXPECT_EQ(edit->form()->nameEdit()->text(), QStringLiteral("Alpha"));
    fillAndSave(edit, QStringLiteral("Alpha renamed"));

    window->profilePane()->setCurrentId(profileNamed(QStringLiteral("Beta")).id);
    window->action(QStringLiteral("duplicate"))->trigger();
    ASSERT_TRUE(names().contains(QStringLiteral("Beta (copy)")))
        << names().join(QLatin1Char(',')).toStdString();

    // Declining the confirmation keeps the profile; accepting deletes it.
    window->profilePane()->setCurrentId(profileNamed(QStringLiteral("Beta")).id);
    DialogAnswers::pushMessageBoxAnswer(QMessageBox::No);
    window->action(QStringLiteral("delete"))->trigger();
    EXPECT_TRUE(names().contains(QStringLiteral("Beta")));
    DialogAnswers::pushMessageBoxAnswer(QMessageBox::Yes);
    window->action(QStringLiteral("delete"))->trigger();
    EXPECT_FALSE(names().contains(QStringLiteral("Beta")));

    const QStringList before = names();
    restart();
    EXPECT_EQ(names(), before);
    EXPECT_EQ(window->profilePane()->model()->rowCount(), before.size());
    const QStringList badges =
        window->profilePane()->model()->index(0).data(ProfileListModel::BadgesRole).toStringList();
    EXPECT_EQ(badges, QStringList{QStringLiteral("TLS")});
}

TEST_F(UiMainWindow, ImportAndExportGoThroughTheSeam) {
    startWindow();
    fillAndSave(trigger("add"), QStringLiteral("Exported"));
    const QString file = configDir.filePath(QStringLiteral("export.json"));
    DialogAnswers::pushFileName(file);
    window->action(QStringLiteral("export"))->trigger();
    ASSERT_NE(window->profileCommands()->exportDialog(), nullptr); // the preview comes first
    window->profileCommands()->exportDialog()->exportButton()->click();
    ASSERT_TRUE(QFile::exists(file));
    // Importing a profile that is here already, unchanged, adds no copy.
    DialogAnswers::pushFileName(file);
    window->action(QStringLiteral("import"))->trigger();
    EXPECT_EQ(store->profiles().size(), 1);

    const QString bad = configDir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{ not json");
    f.close();
    DialogAnswers::pushFileName(bad);
    window->action(QStringLiteral("import"))->trigger();
    EXPECT_EQ(store->profiles().size(), 1);
    EXPECT_TRUE(DialogAnswers::shownMessages().last().contains(QStringLiteral("bad.json")));
}

TEST_F(UiMainWindow, TokenGoesToTheKeychainAndIntoNoFile) {
    startWindow();
    const QString token =
        QStringLiteral("tok-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    fillAndSave(trigger("add"), QStringLiteral("With token"), token);
    const Profile profile = profileNamed(QStringLiteral("With token"));

    SecretStore::Status status = SecretStore::Status::Failed;
    EXPECT_EQ(readToken(profile.id, &status), token);
    EXPECT_EQ(status, SecretStore::Status::Ok);
    EXPECT_FALSE(secrets->isSessionOnly(profile.id));

    restart();
    // Every file under the config dir (profiles, settings, history) is free of the token.
    QDirIterator it(configDir.path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    int files = 0;
    while (it.hasNext()) {
        QFile file(it.next());
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        EXPECT_FALSE(file.readAll().contains(token.toUtf8())) << file.fileName().toStdString();
        ++files;
    }
    EXPECT_GT(files, 0);

    // The editor reads it back asynchronously, masked.
    window->profilePane()->setCurrentId(profile.id);
    ProfileEditorDialog *edit = trigger("edit");
    ASSERT_NE(edit, nullptr);
    EventWait::until([&] { return edit->tokenField()->token() == token; }, 20000);
    EXPECT_EQ(edit->tokenField()->token(), token);
    EXPECT_FALSE(edit->tokenField()->isRevealed());

    // A duplicate gets the same token under its own keychain entry.
    edit->reject();
    window->action(QStringLiteral("duplicate"))->trigger();
    const Profile copy = profileNamed(QStringLiteral("With token (copy)"));
    EventWait::until([&] { return readToken(copy.id, &status) == token; }, 20000);
    EXPECT_EQ(readToken(copy.id, &status), token);

    // Deleting the profile removes its keychain entry.
    window->profilePane()->setCurrentId(profile.id);
    DialogAnswers::pushMessageBoxAnswer(QMessageBox::Yes);
    window->action(QStringLiteral("delete"))->trigger();
    ASSERT_TRUE(EventWait::until(
        [&] {
            return readToken(profile.id, &status).isEmpty() &&
                   status == SecretStore::Status::NotFound;
        },
        20000));
}

// Issue 8 item 1: a broken file is reported once ("It was left untouched" not twice); a
// profile created meanwhile is plainly marked unsaved (also when quitting) and is written
// when the user moves the broken file aside.
TEST_F(UiMainWindow, BrokenProfileFileIsReportedAndTheAppStillStarts) {
    const QString path = store->filePath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{ \"schema\": 1, \"profiles\": [ broken");
    f.close();
    startWindow();
    ProfileFileBanner *bar = window->loadProblemBar();
    EXPECT_TRUE(bar->isVisible());
    EXPECT_EQ(bar->level(), InfoBar::Level::Error);
    EXPECT_TRUE(bar->text().contains(QStringLiteral("profiles.json")));
    EXPECT_EQ(bar->text().count(QStringLiteral("left untouched")), 1) << bar->text().toStdString();
    QFile again(path);
    ASSERT_TRUE(again.open(QIODevice::ReadOnly));
    EXPECT_EQ(again.readAll(), QByteArray("{ \"schema\": 1, \"profiles\": [ broken"));

    // Created while broken: the editor says it could not be saved; Cancel keeps it listed.
    ProfileEditorDialog *dialog = trigger("add");
    dialog->form()->nameEdit()->setText(QStringLiteral("Made while broken"));
    dialog->form()->addressEdit()->setText(QStringLiteral("127.0.0.1:7443"));
    dialog->saveButton()->click();
    EXPECT_TRUE(dialog->errorBar()->text().contains(QStringLiteral("could not be saved")));
    dialog->reject();
    ASSERT_TRUE(names().contains(QStringLiteral("Made while broken")));
    EXPECT_TRUE(bar->text().contains(QStringLiteral("NOT saved"))) << bar->text().toStdString();
    // Quitting now asks first; declining keeps the window.
    DialogAnswers::pushMessageBoxAnswer(QMessageBox::Cancel);
    EXPECT_FALSE(window->close());
    EXPECT_TRUE(DialogAnswers::shownMessages().last().contains(QStringLiteral("not saved")));

    ASSERT_TRUE(bar->moveAsideButton()->isVisible());
    bar->moveAsideButton()->click();
    EXPECT_FALSE(bar->moveAsideButton()->isVisible());
    EXPECT_TRUE(bar->text().contains(QStringLiteral("renamed"))) << bar->text().toStdString();
    EXPECT_TRUE(bar->text().contains(QStringLiteral("saved"))) << bar->text().toStdString();
    EXPECT_NE(bar->level(), InfoBar::Level::Error);

    // Quit without being asked; after a restart the profile is there.
    restart();
    EXPECT_EQ(names(), QStringList{QStringLiteral("Made while broken")});
    EXPECT_FALSE(window->loadProblemBar()->isVisible());
    fillAndSave(trigger("add"), QStringLiteral("After move"));
    EXPECT_EQ(names().size(), 2);
}

// Issue 8 item 2: the valid profiles load; the bad entry is named in a warning.
TEST_F(UiMainWindow, ABadEntryIsNamedAndTheOthersLoad) {
    Profile good;
    good.name = QStringLiteral("Good");
    good.address = QStringLiteral("127.0.0.1:1");
    QJsonObject bad = good.toJson();
    bad.insert(QStringLiteral("id"), QUuid::createUuid().toString(QUuid::WithoutBraces));
    bad.insert(QStringLiteral("name"), QStringLiteral("No address"));
    bad.remove(QStringLiteral("address"));
    QDir().mkpath(configDir.path());
    QFile f(store->filePath());
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(QJsonObject{{QStringLiteral("schema"), 1},
                                      {QStringLiteral("profiles"), QJsonArray{good.toJson(), bad}}})
                .toJson());
    f.close();
    startWindow();
    EXPECT_EQ(names(), QStringList{QStringLiteral("Good")});
    EXPECT_TRUE(window->loadProblemBar()->isVisible());
    EXPECT_EQ(window->loadProblemBar()->level(), InfoBar::Level::Warning);
    EXPECT_TRUE(window->loadProblemBar()->text().contains(
        QStringLiteral("profile #2 ('No address') is missing the field 'address'")))
        << window->loadProblemBar()->text().toStdString();
}

// Issue 8 item 3: two windows on one config dir. B adds a profile, A deletes another: B's
// profile stays on disk, and each window's list shows the other's change.
TEST_F(UiMainWindow, TwoWindowsOnOneConfigKeepEachOthersProfiles) {
    startWindow();
    fillAndSave(trigger("add"), QStringLiteral("Kept"));
    fillAndSave(trigger("add"), QStringLiteral("Deleted in A"));
    ProfileStore otherStore(configDir.path());
    MainWindow other(&otherStore, secrets.get(), settings.get());
    other.show();
    ASSERT_EQ(other.profilePane()->model()->rowCount(), 2);

    Profile added;
    added.name = QStringLiteral("Added in B");
    added.address = QStringLiteral("127.0.0.1:2");
    QString error;
    ASSERT_TRUE(otherStore.add(added, &error)) << error.toStdString();
    window->profilePane()->setCurrentId(profileNamed(QStringLiteral("Deleted in A")).id);
    DialogAnswers::pushMessageBoxAnswer(QMessageBox::Yes);
    window->action(QStringLiteral("delete"))->trigger();

    ProfileStore disk(configDir.path());
    disk.load();
    QStringList onDisk;
    for (const Profile &p : disk.profiles())
        onDisk << p.name;
    EXPECT_EQ(onDisk, (QStringList{QStringLiteral("Kept"), QStringLiteral("Added in B")}));
    EXPECT_EQ(names(), onDisk);
    EXPECT_TRUE(EventWait::until(
        [&] {
            return other.profilePane()->model()->rowOf(profileNamed(QStringLiteral("Kept")).id) >=
                       0 &&
                   other.profilePane()->model()->rowCount() == 2;
        },
        10000));
    EXPECT_FALSE(otherStore.findByName(QStringLiteral("Deleted in A")));
}

// Issue 8 item 4: after Save, Duplicate and Import the profile acted on stays selected, so
// the next Edit opens it and not the first row.
TEST_F(UiMainWindow, SelectionStaysOnTheEditedDuplicatedAndImportedProfile) {
    startWindow();
    for (const char *name : {"First", "Second", "Third"})
        fillAndSave(trigger("add"), QString::fromLatin1(name));
    ProfileListPane *pane = window->profilePane();
    EXPECT_EQ(pane->currentId(), profileNamed(QStringLiteral("Third")).id);

    const QUuid second = profileNamed(QStringLiteral("Second")).id;
    pane->setCurrentId(second);
    fillAndSave(trigger("edit"), QStringLiteral("Second edited"));
    EXPECT_EQ(pane->currentId(), second);

    window->action(QStringLiteral("duplicate"))->trigger();
    const QUuid copy = profileNamed(QStringLiteral("Second edited (copy)")).id;
    EXPECT_EQ(pane->currentId(), copy);
    ProfileEditorDialog *edit = trigger("edit");
    ASSERT_NE(edit, nullptr);
    EXPECT_EQ(edit->form()->nameEdit()->text(), QStringLiteral("Second edited (copy)"));
    edit->reject();
    ASSERT_TRUE(EventWait::until([&] { return window->profileCommands()->editor() == nullptr; }));

    // Import merges by id: "First", exported and then deleted here, comes back selected.
    const QString file = configDir.filePath(QStringLiteral("one.json"));
    const QUuid first = profileNamed(QStringLiteral("First")).id;
    ASSERT_TRUE(store->exportTo(file, {first}));
    ASSERT_TRUE(store->remove(first));
    pane->setCurrentId(second);
    DialogAnswers::pushFileName(file);
    window->action(QStringLiteral("import"))->trigger();
    ASSERT_TRUE(store->find(first).has_value());
    EXPECT_EQ(pane->currentId(), first);
}

// Issue 8 item 5: a failed import says "Nothing was imported" once.
TEST_F(UiMainWindow, FailedImportSaysNothingWasImportedOnce) {
    startWindow();
    const QString bad = configDir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{ not json");
    f.close();
    DialogAnswers::pushFileName(bad);
    window->action(QStringLiteral("import"))->trigger();
    const QString message = DialogAnswers::shownMessages().value(0);
    EXPECT_EQ(message.count(QStringLiteral("Nothing was imported")), 1) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("bad.json"))) << message.toStdString();
}

// Issue 8 item 15: with no console open the window shows a start page: open a profile,
// create one, import, open a job.
TEST_F(UiMainWindow, StartPageWhileNoConsoleIsOpen) {
    startWindow();
    StartPage *start = window->startPage();
    ASSERT_NE(start, nullptr);
    EXPECT_TRUE(start->isVisible());
    EXPECT_FALSE(window->tabs()->isVisible());
    EXPECT_TRUE(start->jobButton()->isVisible()) << "the window wires Open Job";

    start->createButton()->click();
    ProfileEditorDialog *dialog = window->profileCommands()->editor();
    ASSERT_NE(dialog, nullptr);
    fillAndSave(dialog, QStringLiteral("From the start page"));
    ASSERT_EQ(start->profileList()->count(), 1);
    EXPECT_TRUE(
        start->profileList()->item(0)->text().contains(QStringLiteral("From the start page")));

    start->openButton()->click();
    ASSERT_EQ(window->tabs()->count(), 1);
    EXPECT_TRUE(window->tabs()->isVisible());
    EXPECT_FALSE(start->isVisible());
    window->tabs()->tabCloseRequested(0);
    EXPECT_TRUE(start->isVisible());

    // Open Job… from the start page: the job's profile opens in a tab, filled in.
    const Profile profile = profileNamed(QStringLiteral("From the start page"));
    const auto spec = JobSpec::fromRun(profile, {}, QStringLiteral("echo from a job"));
    ASSERT_TRUE(spec.has_value());
    const QString jobFile = configDir.filePath(QStringLiteral("x.sandbox-job.json"));
    ASSERT_TRUE(JobSpecFile::write(jobFile, *spec));
    QSignalSpy job(start, &StartPage::openJobRequested);
    DialogAnswers::pushFileName(jobFile);
    start->jobButton()->click();
    EXPECT_EQ(job.count(), 1);
    ASSERT_EQ(window->tabs()->count(), 1);
    auto *tab = qobject_cast<ConsoleTab *>(window->tabs()->widget(0));
    ASSERT_NE(tab, nullptr);
    EXPECT_EQ(tab->input()->text(), QStringLiteral("echo from a job"));
}

TEST_F(UiMainWindow, PresenterModeIsRememberedAndShowsABanner) {
    startWindow();
    EXPECT_FALSE(window->presenterBanner()->isVisible());
    window->action(QStringLiteral("presenter"))->trigger();
    EXPECT_TRUE(window->presenterMode());
    EXPECT_TRUE(window->presenterBanner()->isVisible());
    EXPECT_TRUE(window->presenterBanner()->text().contains(QStringLiteral("Presenter mode is on")));

    ProfileEditorDialog *dialog = trigger("add");
    ASSERT_NE(dialog, nullptr);
    QTest::keyClicks(dialog->tokenField()->lineEdit(), QStringLiteral("tok-hidden"));
    dialog->tokenField()->showButton()->click();
    EXPECT_FALSE(dialog->tokenField()->isRevealed());
    dialog->reject();

    restart();
    EXPECT_TRUE(window->presenterMode());
    EXPECT_TRUE(window->presenterBanner()->isVisible());
}

TEST_F(UiMainWindow, OpenTabsAndHistoryPersist) {
    startWindow();
    fillAndSave(trigger("add"), QStringLiteral("History"));
    const Profile profile = profileNamed(QStringLiteral("History"));
    ConsoleTab *tab = window->openConsole(profile.id);
    ASSERT_NE(tab, nullptr);
    // The offscreen platform has no window manager to hand activation back after the
    // editor dialog closed; a desktop does that for the user.
    window->activateWindow();
    ASSERT_TRUE(EventWait::until([&] { return tab->input()->hasFocus(); }));
    // Argv mode errors run nothing; shell lines are recorded before they run.
    tab->input()->setText(QStringLiteral("echo first"));
    QTest::keyClick(tab->input(), Qt::Key_Return);
    ASSERT_TRUE(EventWait::until([&] { return !tab->isBusy(); }, 30000));
    tab->input()->setText(QStringLiteral("echo second"));
    QTest::keyClick(tab->input(), Qt::Key_Return);
    ASSERT_TRUE(EventWait::until([&] { return !tab->isBusy(); }, 30000));

    restart();
    ASSERT_EQ(window->tabs()->count(), 1);
    tab = window->consoleTab(profile.id);
    ASSERT_NE(tab, nullptr);
    QTest::keyClick(tab->input(), Qt::Key_Up);
    EXPECT_EQ(tab->input()->text(), QStringLiteral("echo second"));
    QTest::keyClick(tab->input(), Qt::Key_Up);
    EXPECT_EQ(tab->input()->text(), QStringLiteral("echo first"));
    QTest::keyClick(tab->input(), Qt::Key_Down);
    EXPECT_EQ(tab->input()->text(), QStringLiteral("echo second"));

    // Ctrl+R finds an older entry; Enter takes it into the input.
    tab->input()->clear();
    QTest::keyClick(tab->input(), Qt::Key_R, Qt::ControlModifier);
    ASSERT_TRUE(tab->searchField()->isVisible());
    QTest::keyClicks(tab->searchField(), QStringLiteral("fir"));
    QTest::keyClick(tab->searchField(), Qt::Key_Return);
    EXPECT_EQ(tab->input()->text(), QStringLiteral("echo first"));
    EXPECT_FALSE(tab->searchField()->isVisible());

    // Closing and reopening the tab keeps the history too.
    window->tabs()->tabCloseRequested(0);
    EXPECT_EQ(window->tabs()->count(), 0);
    tab = window->openConsole(profile.id);
    QTest::keyClick(tab->input(), Qt::Key_Up);
    EXPECT_EQ(tab->input()->text(), QStringLiteral("echo second"));
}
