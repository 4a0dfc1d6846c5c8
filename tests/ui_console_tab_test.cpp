// Issue 8 in the console tab, as a user sees it: window shortcuts from the command input,
// the busy hint that goes with the command, presenter mode's masking and its warnings, the
// "connecting…" state against a silent port, and the profile editor's security profile hint
// and receive limit.
#include "command_input.h"
#include "console_tab.h"
#include "dialog_answers.h"
#include "event_wait.h"
#include "exec_error_text.h"
#include "info_bar.h"
#include "main_window.h"
#include "profile_commands.h"
#include "profile_editor_dialog.h"
#include "profile_form.h"
#include "secure_agent.h"
#include "shared_dir.h"
#include "silent_listener.h"
#include "status_line.h"
#include "test_pki.h"
#include "transcript_model.h"
#include "transcript_save_dialog.h"
#include "transcript_view.h"
#include "ui_test_fixture.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QTest>

using namespace sandbox;
using sandbox::test::EventWait;
using sandbox::test::SecureAgent;
using sandbox::test::SharedDir;
using sandbox::test::TestPki;
using sandbox::test::UiFixture;

namespace {

class UiConsoleTab : public UiFixture {
protected:
    void TearDown() override {
        window.reset();
        UiFixture::TearDown();
    }

    Profile addProfile(const QString &address, bool withToken = false) {
        Profile p;
        p.name = QStringLiteral("Tab test");
        p.address = address;
        p.caFile = pki.ca().certPath;
        p.image = QString::fromLatin1(SecureAgent::kImage);
        p.connectTimeoutMs = 5000;
        p.env = {{QStringLiteral("DB_PASSWORD"), QStringLiteral("hunter2-value")}};
        EXPECT_TRUE(store->add(p, nullptr, &p));
        if (withToken) {
            EXPECT_EQ(writeToken(p.id, QString::fromStdString(agent.token())),
                      SecretStore::Status::Ok);
        }
        return p;
    }

    ConsoleTab *open(const Profile &p) {
        window = std::make_unique<MainWindow>(store.get(), secrets.get(), settings.get());
        window->resize(1200, 760);
        window->show();
        window->activateWindow();
        EXPECT_TRUE(QTest::qWaitForWindowActive(window.get()));
        ConsoleTab *tab = window->openConsole(p.id);
        EXPECT_TRUE(EventWait::until([&] { return tab->input()->hasFocus(); }));
        return tab;
    }

    static QString textOf(ConsoleTab *tab) {
        return tab->view()->model()->exportAll(TranscriptExport::Format::PlainText);
    }

    // Closes whatever a shortcut opened (editor, settings), so the input has focus again.
    void closeDialogs(ConsoleTab *tab) {
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (auto *dialog = qobject_cast<QDialog *>(w); dialog && dialog->isVisible())
                dialog->reject();
        }
        window->activateWindow();
        tab->input()->setFocus();
        EXPECT_TRUE(EventWait::until([&] { return tab->input()->hasFocus(); }));
    }

    TestPki pki;
    SecureAgent agent{pki};
    std::unique_ptr<MainWindow> window;
};

} // namespace

// Item 6: Ctrl+E and every other window shortcut fire while the command input has focus.
TEST_F(UiConsoleTab, WindowShortcutsWorkFromTheCommandInput) {
    ASSERT_TRUE(pki.ok()) << pki.error();
    ConsoleTab *tab = open(addProfile(QStringLiteral("127.0.0.1:1")));
    ASSERT_NE(tab, nullptr);

    QSignalSpy edit(window->action(QStringLiteral("edit")), &QAction::triggered);
    QTest::keyClick(tab->input(), Qt::Key_E, Qt::ControlModifier);
    EXPECT_EQ(edit.count(), 1) << "Ctrl+E did not open the editor from the input";
    EXPECT_NE(window->profileCommands()->editor(), nullptr);
    EXPECT_TRUE(tab->input()->text().isEmpty());
    closeDialogs(tab);

    for (const char *name : {"add", "edit", "presenter", "settings"}) {
        QAction *action = window->action(QString::fromLatin1(name));
        ASSERT_NE(action, nullptr) << name;
        const QKeySequence shortcut = action->shortcut();
        if (shortcut.isEmpty())
            continue;
        QSignalSpy triggered(action, &QAction::triggered);
        const QKeyCombination key = shortcut[0];
        QTest::keyClick(tab->input(), key.key(), key.keyboardModifiers());
        EXPECT_EQ(triggered.count(), 1)
            << name << " (" << shortcut.toString().toStdString() << ") from the input";
        if (action->isCheckable() && action->isChecked())
            action->trigger(); // presenter mode off again
        closeDialogs(tab);
    }
    // Under X11 the line edit claims Ctrl+E ("end of line"); offscreen it uses another
    // keyboard scheme that does not. A window shortcut on a key the line edit claims under
    // every scheme (Ctrl+A, "select all") shows the rule everywhere: the window's wins.
    auto *windowWide = new QAction(QStringLiteral("Window-wide"), window.get());
    windowWide->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_A));
    static_cast<QWidget *>(window.get())->addAction(windowWide);
    QSignalSpy windowWideSpy(windowWide, &QAction::triggered);
    tab->input()->setText(QStringLiteral("typed"));
    QTest::keyClick(tab->input(), Qt::Key_A, Qt::ControlModifier);
    EXPECT_EQ(windowWideSpy.count(), 1) << "the line edit kept a key the window binds";
    EXPECT_FALSE(tab->input()->hasSelectedText());
    delete windowWide;
    QTest::keyClick(tab->input(), Qt::Key_A, Qt::ControlModifier);
    EXPECT_TRUE(tab->input()->hasSelectedText()) << "without a window shortcut it edits";
    tab->input()->clear();

    // The tab's own shortcuts keep working too (Ctrl+L clears the transcript).
    tab->view()->model()->appendNotice(QStringLiteral("to be cleared"));
    QTest::keyClick(tab->input(), Qt::Key_L, Qt::ControlModifier);
    EXPECT_EQ(tab->view()->model()->lineCount(), 0);
}

// Item 7: "A command is still running" goes when the command ends.
TEST_F(UiConsoleTab, BusyHintGoesAwayWhenTheCommandEnds) {
    ASSERT_TRUE(pki.ok()) << pki.error();
    ASSERT_TRUE(agent.start());
    SharedDir shared;
    ASSERT_TRUE(shared.ok());
    ConsoleTab *tab = open(addProfile(QString::fromStdString(agent.address()), true));
    QSignalSpy ended(tab, &ConsoleTab::commandEnded);
    const QString gate = QString::fromStdString(shared.path("go"));
    tab->input()->setText(
        QStringLiteral("echo started; while [ ! -e %1 ]; do sleep 0.1; done").arg(gate));
    QTest::keyClick(tab->input(), Qt::Key_Return);
    ASSERT_TRUE(
        EventWait::until([&] { return textOf(tab).contains(QStringLiteral("started\n")); }, 30000));

    tab->input()->setText(QStringLiteral("echo second"));
    QTest::keyClick(tab->input(), Qt::Key_Return);
    ASSERT_TRUE(tab->inputErrorLabel()->isVisible());
    EXPECT_EQ(tab->inputErrorLabel()->text(),
              QStringLiteral("A command is still running; stop it first (Esc)."));

    ASSERT_TRUE(shared.write("go", "go"));
    ASSERT_TRUE(ended.count() > 0 || ended.wait(60000));
    EXPECT_FALSE(tab->inputErrorLabel()->isVisible())
        << "stale: " << tab->inputErrorLabel()->text().toStdString();
    EXPECT_EQ(tab->input()->text(), QStringLiteral("echo second")) << "the typed line is kept";
}

// Item 9: presenter mode masks the profile's env values in the output, says so in the
// banner, and warns when saving (saves are never masked).
TEST_F(UiConsoleTab, PresenterModeMasksOutputSaysSoAndWarnsWhenSaving) {
    ASSERT_TRUE(pki.ok()) << pki.error();
    ASSERT_TRUE(agent.start());
    ConsoleTab *tab = open(addProfile(QString::fromStdString(agent.address()), true));
    window->setPresenterMode(true);
    EXPECT_TRUE(window->presenterBanner()->text().contains(
        QStringLiteral("values of this profile's env are masked in output; output of the "
                       "agent's secret resolution cannot be known and is not masked")))
        << window->presenterBanner()->text().toStdString();

    QSignalSpy ended(tab, &ConsoleTab::commandEnded);
    tab->input()->setText(QStringLiteral("env"));
    QTest::keyClick(tab->input(), Qt::Key_Return);
    ASSERT_TRUE(ended.wait(60000));
    const QString shown = textOf(tab);
    EXPECT_FALSE(shown.contains(QStringLiteral("hunter2-value"))) << shown.toStdString();
    EXPECT_TRUE(shown.contains(QStringLiteral("DB_PASSWORD=•••••••••••••"))) << shown.toStdString();

    tab->saveTranscript(0);
    auto *dialog = tab->findChild<TranscriptSaveDialog *>();
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->presenterWarningLabel()->isVisibleTo(dialog));
    EXPECT_TRUE(dialog->presenterWarningLabel()->text().contains(QStringLiteral("unmasked")));
    dialog->reject();

    window->setPresenterMode(false);
    tab->saveTranscript(0);
    auto *plain = tab->findChildren<TranscriptSaveDialog *>().last();
    EXPECT_FALSE(plain->presenterWarningLabel()->isVisibleTo(plain));
    plain->reject();
}

// Item 12: against a port that accepts and never answers TLS, the tab says "connecting…"
// (not "running") until the end, and the end names the stalled handshake.
TEST_F(UiConsoleTab, SilentPortShowsConnectingAndNamesTheStalledHandshake) {
    ASSERT_TRUE(pki.ok()) << pki.error();
    test::SilentListener silent;
    ASSERT_TRUE(silent.ok());
    Profile p = addProfile(QString::fromStdString(silent.address()));
    p.connectTimeoutMs = 3000;
    ASSERT_TRUE(store->update(p));
    ConsoleTab *tab = open(p);
    QSignalSpy ended(tab, &ConsoleTab::commandEnded);
    tab->input()->setText(QStringLiteral("true"));
    QTest::keyClick(tab->input(), Qt::Key_Return);
    bool sawRunning = false;
    const bool sawConnecting = EventWait::until(
        [&] {
            const QString text = tab->elapsedLabel()->text();
            sawRunning |= text.startsWith(QStringLiteral("running"));
            return tab->elapsedLabel()->isVisible() &&
                   text.startsWith(QStringLiteral("connecting…"));
        },
        30000);
    EXPECT_TRUE(sawConnecting) << tab->elapsedLabel()->text().toStdString();
    ASSERT_TRUE(ended.count() > 0 || ended.wait(60000));
    EXPECT_FALSE(sawRunning) << "nothing ran: the handshake never finished";
    EXPECT_TRUE(
        textOf(tab).contains(QString::fromStdString(silent.address()) +
                             QStringLiteral(" accepted the connection but never completed the TLS "
                                            "handshake (is it a TLS port?)")))
        << textOf(tab).toStdString();
}

// Items 8 and 14 in the editor: the hint names the profile the agent will apply, and the
// receive limit is a field labelled as the error names it, 1 GiB by default.
TEST_F(UiConsoleTab, EditorNamesTheAppliedSecurityProfileAndHasTheReceiveLimit) {
    ProfileForm form;
    form.setProfile(Profile());
    form.securityProfileCombo()->setCurrentText(QStringLiteral("permissive"));
    EXPECT_TRUE(form.securityProfileHint()->fullText().contains(
        QStringLiteral("The reference agent will apply \"standard\", not \"permissive\"")))
        << form.securityProfileHint()->fullText().toStdString();
    form.securityProfileCombo()->setCurrentText(QStringLiteral("strict"));
    EXPECT_TRUE(form.securityProfileHint()->fullText().contains(
        QStringLiteral("will apply \"strict\" as requested")))
        << form.securityProfileHint()->fullText().toStdString();

    EXPECT_EQ(form.maxChunkSpin()->value(), 1024);
    auto *layout = form.findChild<QFormLayout *>();
    ASSERT_NE(layout, nullptr);
    auto *label = qobject_cast<QLabel *>(layout->labelForField(form.maxChunkSpin()));
    ASSERT_NE(label, nullptr);
    EXPECT_EQ(label->text(), ExecErrorText::receiveLimitSettingName() + QLatin1Char(':'));
    form.maxChunkSpin()->setValue(200);
    EXPECT_EQ(form.profile().maxChunkBytes, 200 * 1024 * 1024);
}
