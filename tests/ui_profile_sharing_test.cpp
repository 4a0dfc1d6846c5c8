// Profiles for sharing in the window: import that merges by id after the user confirmed
// the differences (DialogAnswers), the export dialog's preview and the file it writes, and
// Test connection in the editor against the real mTLS agent and a port nobody serves.
#include "connection_tester.h"
#include "event_wait.h"
#include "exec_error_text.h"
#include "info_bar.h"
#include "main_window.h"
#include "profile_commands.h"
#include "profile_editor_dialog.h"
#include "profile_export.h"
#include "profile_export_dialog.h"
#include "profile_form.h"
#include "secure_agent.h"
#include "test_pki.h"
#include "token_field.h"
#include "ui_test_fixture.h"

#include <QAction>
#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>

using namespace sandbox;
using sandbox::test::EventWait;
using sandbox::test::SecureAgent;
using sandbox::test::TestPki;
using sandbox::test::UiFixture;

namespace {

class UiProfileSharing : public UiFixture {
protected:
    void TearDown() override {
        window.reset();
        UiFixture::TearDown();
    }
    void startWindow() {
        window = std::make_unique<MainWindow>(store.get(), secrets.get(), settings.get());
        window->show();
    }
    Profile add(const QString &name, const QString &address) {
        Profile p;
        p.name = name;
        p.address = address;
        p.useTls = true;
        p.env = {{QStringLiteral("DB_PASSWORD"), QStringLiteral("hunter2")}};
        EXPECT_TRUE(store->add(p, nullptr, &p));
        return p;
    }
    QString filePath(const char *name) const {
        return QDir(exchange.path()).filePath(QString::fromUtf8(name));
    }
    static QByteArray readAll(const QString &path) {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QTemporaryDir exchange;
    std::unique_ptr<MainWindow> window;
};

} // namespace

TEST_F(UiProfileSharing, ImportUpdatesAnExistingProfileAfterConfirmingTheDifferences) {
    const Profile mine = add(QStringLiteral("Build farm"), QStringLiteral("farm.example:50051"));
    Profile theirs = mine;
    theirs.address = QStringLiteral("farm2.example:50051");
    const QString file = filePath("shared.json");
    ASSERT_TRUE(ProfileExport::write({theirs}, file, {}));
    startWindow();

    // No: nothing changes, and no "(imported)" copy appears.
    DialogAnswers::pushFileName(file);
    DialogAnswers::pushMessageBoxAnswer(QMessageBox::No);
    window->action(QStringLiteral("import"))->trigger();
    ASSERT_FALSE(DialogAnswers::shownMessages().isEmpty());
    const QString question = DialogAnswers::shownMessages().last();
    EXPECT_TRUE(question.contains(QStringLiteral("\"Build farm\" exists here already")))
        << question.toStdString();
    EXPECT_TRUE(
        question.contains(QStringLiteral("address: farm.example:50051 → farm2.example:50051")))
        << question.toStdString();
    EXPECT_FALSE(question.contains(QStringLiteral("hunter2")));
    ASSERT_EQ(store->profiles().size(), 1);
    EXPECT_EQ(store->profiles().first().address, mine.address);

    // Yes: the same profile (same id, same name) now has the imported address; the env
    // value the export left out stays this machine's.
    DialogAnswers::pushFileName(file);
    DialogAnswers::pushMessageBoxAnswer(QMessageBox::Yes);
    window->action(QStringLiteral("import"))->trigger();
    ASSERT_EQ(store->profiles().size(), 1);
    const Profile now = store->profiles().first();
    EXPECT_EQ(now.id, mine.id);
    EXPECT_EQ(now.name, QStringLiteral("Build farm"));
    EXPECT_EQ(now.address, QStringLiteral("farm2.example:50051"));
    EXPECT_EQ(now.env, mine.env);
    // It survives a restart.
    window.reset();
    makeStores();
    store->load();
    EXPECT_EQ(store->find(mine.id)->address, QStringLiteral("farm2.example:50051"));
}

TEST_F(UiProfileSharing, ExportPreviewListsWhatLeavesAndTheFileHoldsOnlyThat) {
    const Profile a = add(QStringLiteral("Alpha"), QStringLiteral("alpha.example:1"));
    const Profile b = add(QStringLiteral("Beta"), QStringLiteral("beta.example:2"));
    ASSERT_EQ(writeToken(a.id, QStringLiteral("tok-never-exported")), SecretStore::Status::Ok);
    startWindow();
    const QString file = filePath("alpha.json");
    DialogAnswers::pushFileName(file);
    ASSERT_TRUE(window->profileCommands()->exportProfiles({a.id}));
    ProfileExportDialog *dialog = window->profileCommands()->exportDialog();
    ASSERT_NE(dialog, nullptr);
    ASSERT_EQ(dialog->profileList()->count(), 2);
    EXPECT_EQ(dialog->profileList()->item(0)->checkState(), Qt::Checked);
    EXPECT_EQ(dialog->profileList()->item(1)->checkState(), Qt::Unchecked);
    QString preview = dialog->preview()->toPlainText();
    EXPECT_TRUE(preview.contains(QStringLiteral("Alpha — alpha.example:1")))
        << preview.toStdString();
    EXPECT_FALSE(preview.contains(QStringLiteral("Beta")));
    EXPECT_TRUE(preview.contains(QStringLiteral("DB_PASSWORD (value left out)")));
    EXPECT_TRUE(preview.contains(QStringLiteral("No tokens")));

    dialog->includeEnvValuesCheck()->setChecked(true);
    preview = dialog->preview()->toPlainText();
    EXPECT_TRUE(preview.contains(QStringLiteral("DB_PASSWORD (value included)")))
        << preview.toStdString();
    QSignalSpy exported(dialog, &ProfileExportDialog::exported);
    dialog->exportButton()->click();
    ASSERT_EQ(exported.count(), 1);
    const QByteArray written = readAll(file);
    EXPECT_TRUE(written.contains("alpha.example:1"));
    EXPECT_FALSE(written.contains("beta.example:2"));
    EXPECT_TRUE(written.contains("hunter2")); // ticked
    EXPECT_FALSE(written.contains("tok-never-exported"));
    Q_UNUSED(b);
}

class UiTestConnection : public UiProfileSharing {
protected:
    void SetUp() override {
        UiProfileSharing::SetUp();
        ASSERT_TRUE(pki.ok()) << pki.error();
        ASSERT_TRUE(agent.start(SecureAgent::Options().withMtls()));
    }
    ProfileEditorDialog *editorFor(const Profile &p) {
        startWindow();
        ProfileEditorDialog *editor = window->profileCommands()->openEditor(p.id);
        EXPECT_NE(editor, nullptr);
        EXPECT_TRUE(EventWait::until([&] { return !editor->tokenField()->isLoading(); }, 20000));
        return editor;
    }
    static bool testConnection(ProfileEditorDialog *editor) {
        QSignalSpy finished(editor, &ProfileEditorDialog::connectionTestFinished);
        editor->testConnectionButton()->click();
        return finished.wait(60000);
    }
    Profile mtlsProfile() {
        Profile p;
        p.name = QStringLiteral("mTLS agent");
        p.address = QString::fromStdString(agent.address());
        p.caFile = pki.ca().certPath;
        p.certFile = pki.client().certPath;
        p.keyFile = pki.client().keyPath;
        p.image = QString::fromLatin1(SecureAgent::kImage);
        p.connectTimeoutMs = 3000;
        EXPECT_TRUE(store->add(p, nullptr, &p));
        EXPECT_EQ(writeToken(p.id, QString::fromStdString(agent.token())), SecretStore::Status::Ok);
        return p;
    }

    TestPki pki;
    SecureAgent agent{pki};
};

TEST_F(UiTestConnection, ShowsTheNegotiatedTlsDetailsAndTheRoundTrip) {
    ProfileEditorDialog *editor = editorFor(mtlsProfile());
    ASSERT_TRUE(testConnection(editor));
    const QString text = editor->connectionTestBar()->text();
    EXPECT_EQ(editor->connectionTestBar()->level(), InfoBar::Level::Information)
        << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("`true` ran and exited 0"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("Round trip:")));
    EXPECT_TRUE(text.contains(QStringLiteral("TLSv1.3")));
    EXPECT_TRUE(text.contains(QStringLiteral("server certificate CN=")));
    EXPECT_TRUE(text.contains(QStringLiteral("issued by")));
    EXPECT_TRUE(text.contains(QStringLiteral("expires")));
    EXPECT_FALSE(text.contains(QString::fromStdString(agent.token())));
    EXPECT_TRUE(editor->testConnectionButton()->isEnabled());
}

TEST_F(UiTestConnection, AWrongPortFailsInTheConsolesWords) {
    ProfileEditorDialog *editor = editorFor(mtlsProfile());
    editor->form()->addressEdit()->setText(QStringLiteral("127.0.0.1:1"));
    ASSERT_TRUE(testConnection(editor));
    const QString text = editor->connectionTestBar()->text();
    EXPECT_EQ(editor->connectionTestBar()->level(), InfoBar::Level::Error);
    EXPECT_TRUE(text.contains(QStringLiteral("127.0.0.1:1")) &&
                text.contains(QStringLiteral("unreachable")))
        << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("Round trip")));
}
