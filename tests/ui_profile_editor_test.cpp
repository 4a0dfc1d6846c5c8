// The profile editor: the insecure-token banner for every combination, inline validation
// that keeps the user's input, PEM lines from OpenSSL, env badges and presenter mode.
#include "env_table_widget.h"
#include "event_wait.h"
#include "pem_file_field.h"
#include "profile_editor_dialog.h"
#include "profile_form.h"
#include "status_line.h"
#include "test_pki.h"
#include "token_field.h"
#include "transport_banner.h"
#include "ui_layout_check.h"
#include "ui_test_fixture.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <QToolButton>

using namespace sandbox;
using sandbox::test::TestPki;
using sandbox::test::UiFixture;

namespace {

using sandbox::test::EventWait;

class UiProfileEditor : public UiFixture {};

enum class Tls { None, SystemRoots, CaFile, Mutual };

void setTls(ProfileForm *form, Tls tls, const TestPki &pki) {
    form->useTlsCheck()->setChecked(tls == Tls::SystemRoots);
    form->caField()->setPath(tls == Tls::CaFile || tls == Tls::Mutual ? pki.ca().certPath
                                                                      : QString());
    form->certField()->setPath(tls == Tls::Mutual ? pki.client().certPath : QString());
    form->keyField()->setPath(tls == Tls::Mutual ? pki.client().keyPath : QString());
}

void typeToken(TokenField *field, const QString &token) {
    field->lineEdit()->selectAll();
    if (token.isEmpty())
        QTest::keyClick(field->lineEdit(), Qt::Key_Delete);
    else
        QTest::keyClicks(field->lineEdit(), token);
}

} // namespace

TEST_F(UiProfileEditor, InsecureTokenBannerForEveryCombination) {
    TestPki pki;
    ASSERT_TRUE(pki.ok()) << pki.error();
    ProfileEditorDialog dialog(store.get(), secrets.get(), std::nullopt);
    dialog.show();
    auto *banner = dialog.transportBanner();
    for (bool token : {false, true}) {
        for (Tls tls : {Tls::None, Tls::SystemRoots, Tls::CaFile, Tls::Mutual}) {
            for (bool allow : {false, true}) {
                SCOPED_TRACE(testing::Message() << "token=" << token << " tls=" << int(tls)
                                                << " allowInsecure=" << allow);
                typeToken(dialog.tokenField(), token ? QStringLiteral("tok-secret") : QString());
                setTls(dialog.form(), tls, pki);
                dialog.form()->allowInsecureCheck()->setChecked(allow);
                const bool cleartext = token && tls == Tls::None;
                if (cleartext && !allow) {
                    EXPECT_TRUE(banner->isVisible());
                    EXPECT_EQ(banner->level(), InfoBar::Level::Error);
                    EXPECT_TRUE(banner->text().contains(QStringLiteral("cleartext")));
                    EXPECT_TRUE(banner->text().contains(QStringLiteral("refused")));
                } else if (cleartext) {
                    EXPECT_TRUE(banner->isVisible());
                    EXPECT_EQ(banner->level(), InfoBar::Level::Warning);
                } else {
                    EXPECT_FALSE(banner->isVisible()) << banner->text().toStdString();
                }
            }
        }
    }
}

TEST_F(UiProfileEditor, InvalidInputIsShownInlineAndNothingIsLost) {
    ProfileEditorDialog dialog(store.get(), secrets.get(), std::nullopt);
    dialog.show();
    ProfileForm *form = dialog.form();
    QTest::keyClicks(form->nameEdit(), QStringLiteral("Staging"));
    QTest::keyClicks(form->addressEdit(), QStringLiteral("agent.example:7443"));
    form->envTable()->setEnv({{QStringLiteral("1BAD"), QStringLiteral("value")}});
    dialog.save();
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_EQ(dialog.result(), QDialog::Rejected);
    EXPECT_TRUE(dialog.errorBar()->isVisible());
    EXPECT_TRUE(dialog.errorBar()->text().contains(QStringLiteral("1BAD")));
    EXPECT_EQ(form->nameEdit()->text(), QStringLiteral("Staging"));
    EXPECT_EQ(form->addressEdit()->text(), QStringLiteral("agent.example:7443"));
    EXPECT_TRUE(store->profiles().isEmpty());

    form->addressEdit()->setText(QStringLiteral("no-port"));
    form->envTable()->setEnv({{QStringLiteral("GOOD_NAME"), QStringLiteral("value")}});
    dialog.save();
    EXPECT_TRUE(dialog.errorBar()->text().contains(QStringLiteral("host:port")));
    EXPECT_TRUE(store->profiles().isEmpty());

    form->addressEdit()->setText(QStringLiteral("agent.example:7443"));
    dialog.save();
    EXPECT_EQ(dialog.result(), QDialog::Accepted) << dialog.errorBar()->text().toStdString();
    ASSERT_EQ(store->profiles().size(), 1);
    EXPECT_EQ(store->profiles().at(0).env.value(0).key, QStringLiteral("GOOD_NAME"));
}

TEST_F(UiProfileEditor, FailedSaveKeepsTheDialogOpenWithTheInput) {
    // A directory where profiles.json should be makes the atomic write fail.
    ASSERT_TRUE(QDir(configDir.path()).mkpath(QStringLiteral("profiles.json")));
    ProfileEditorDialog dialog(store.get(), secrets.get(), std::nullopt);
    dialog.show();
    QTest::keyClicks(dialog.form()->nameEdit(), QStringLiteral("Will not save"));
    QTest::keyClicks(dialog.form()->addressEdit(), QStringLiteral("127.0.0.1:1"));
    dialog.save();
    EXPECT_TRUE(dialog.isVisible());
    EXPECT_NE(dialog.result(), QDialog::Accepted);
    EXPECT_TRUE(dialog.errorBar()->isVisible());
    EXPECT_TRUE(dialog.errorBar()->text().contains(QStringLiteral("profiles.json")))
        << dialog.errorBar()->text().toStdString();
    EXPECT_EQ(dialog.form()->nameEdit()->text(), QStringLiteral("Will not save"));
}

TEST_F(UiProfileEditor, PemFilesShowSubjectIssuerExpiryAndProblems) {
    TestPki pki;
    ASSERT_TRUE(pki.ok()) << pki.error();
    ProfileEditorDialog dialog(store.get(), secrets.get(), std::nullopt);
    ProfileForm *form = dialog.form();

    form->certField()->setPath(pki.client().certPath);
    EXPECT_EQ(form->certField()->severity(), PemFileField::Severity::Info);
    EXPECT_TRUE(form->certField()->statusText().contains(QStringLiteral("Subject:")));
    EXPECT_TRUE(form->certField()->statusText().contains(QStringLiteral("Issuer:")));
    EXPECT_TRUE(form->certField()->statusText().contains(QStringLiteral("Expires:")));

    form->keyField()->setPath(pki.client().keyPath);
    EXPECT_EQ(form->keyField()->severity(), PemFileField::Severity::Info)
        << form->keyField()->statusText().toStdString();
    form->keyField()->setPath(pki.foreignClient().keyPath);
    EXPECT_EQ(form->keyField()->severity(), PemFileField::Severity::Error);
    EXPECT_TRUE(form->keyField()->statusText().contains(QStringLiteral("does not match")));

    form->caField()->setPath(pki.expiredServer().certPath);
    EXPECT_EQ(form->caField()->severity(), PemFileField::Severity::Warning);
    EXPECT_TRUE(form->caField()->statusText().contains(QStringLiteral("expired")));

    form->caField()->setPath(configDir.filePath(QStringLiteral("missing.pem")));
    EXPECT_EQ(form->caField()->severity(), PemFileField::Severity::Error);
    EXPECT_TRUE(form->caField()->statusText().contains(QStringLiteral("missing.pem")));
}

TEST_F(UiProfileEditor, FilePickerGoesThroughTheSeam) {
    TestPki pki;
    ASSERT_TRUE(pki.ok()) << pki.error();
    ProfileEditorDialog dialog(store.get(), secrets.get(), std::nullopt);
    DialogAnswers::pushFileName(pki.ca().certPath);
    dialog.form()->caField()->browseButton()->click();
    EXPECT_EQ(dialog.form()->caField()->path(), pki.ca().certPath);
}

TEST_F(UiProfileEditor, EnvKeysValidatedAndSecretReferencesBadged) {
    EnvTableWidget table;
    table.setEnv({{QStringLiteral("PLAIN"), QStringLiteral("hello")},
                  {QStringLiteral("DB_PASSWORD"), QStringLiteral("secret://db/password")}});
    EXPECT_TRUE(table.validationError().isEmpty());
    EXPECT_TRUE(table.noteText(0).isEmpty());
    EXPECT_EQ(table.noteText(1), QStringLiteral("resolved by the agent"));
    EXPECT_EQ(table.env().value(1).value, QStringLiteral("secret://db/password"));
    table.addRow();
    table.table()->item(2, EnvTableWidget::KeyColumn)->setText(QStringLiteral("has-dash"));
    EXPECT_TRUE(table.validationError().contains(QStringLiteral("has-dash")));
    table.table()->item(2, EnvTableWidget::KeyColumn)->setText(QStringLiteral("_OK1"));
    EXPECT_TRUE(table.validationError().isEmpty());
    table.table()->selectRow(2);
    table.removeSelectedRows();
    EXPECT_EQ(table.rowCount(), 2);
}

TEST_F(UiProfileEditor, PresenterModeMasksTokenAndEnvValues) {
    Profile profile;
    profile.name = QStringLiteral("Demo");
    profile.address = QStringLiteral("127.0.0.1:1");
    profile.env = {{QStringLiteral("PLAIN"), QStringLiteral("visible-value")},
                   {QStringLiteral("REF"), QStringLiteral("secret://vault/key")}};
    QString addError;
    ASSERT_TRUE(store->add(profile, &addError)) << addError.toStdString();
    ProfileEditorDialog dialog(store.get(), secrets.get(), profile);
    dialog.show();
    TokenField *token = dialog.tokenField();
    ASSERT_TRUE(EventWait::until([&] { return !token->isLoading(); }, 20000));
    QTest::keyClicks(token->lineEdit(), QStringLiteral("tok-shown"));
    token->showButton()->click();
    EXPECT_TRUE(token->isRevealed());

    dialog.setPresenterMode(true);
    EXPECT_FALSE(token->isRevealed());
    EXPECT_FALSE(token->showButton()->isEnabled());
    token->showButton()->click();
    EXPECT_FALSE(token->isRevealed());
    EnvTableWidget *env = dialog.form()->envTable();
    EXPECT_FALSE(env->displayedValue(0).contains(QStringLiteral("visible-value")));
    EXPECT_EQ(env->displayedValue(1), QStringLiteral("secret://vault/key"));

    dialog.setPresenterMode(false);
    EXPECT_EQ(env->displayedValue(0), QStringLiteral("visible-value"));
    EXPECT_TRUE(token->showButton()->isEnabled());
}

// "Ask for colour output": ticked for a new profile, kept when saved, off when unticked.
TEST_F(UiProfileEditor, AskForColourIsOnForNewProfilesAndSaved) {
    ProfileEditorDialog dialog(store.get(), secrets.get(), std::nullopt);
    dialog.show();
    ASSERT_TRUE(dialog.form()->askForColourCheck()->isChecked());
    EXPECT_TRUE(dialog.form()->askForColourCheck()->toolTip().contains(QStringLiteral("TTY")));
    QTest::keyClicks(dialog.form()->nameEdit(), QStringLiteral("Colourless"));
    QTest::keyClicks(dialog.form()->addressEdit(), QStringLiteral("127.0.0.1:1"));
    dialog.form()->askForColourCheck()->setChecked(false);
    dialog.save();
    const auto saved = store->find(dialog.profileId());
    ASSERT_TRUE(saved.has_value());
    EXPECT_FALSE(saved->askForColour);
    ProfileStore reread(configDir.path());
    ASSERT_EQ(reread.load(), ProfileStore::LoadStatus::Ok);
    ASSERT_TRUE(reread.find(dialog.profileId()).has_value());
    EXPECT_FALSE(reread.find(dialog.profileId())->askForColour);
}

// Issue 8 item 15 (English): at its default size the editor shows every label, check box
// and button whole, with no horizontal scroll bar; the token row sits right below Name.
TEST_F(UiProfileEditor, EveryLabelFitsAtTheDefaultSize) {
    TestPki pki;
    ASSERT_TRUE(pki.ok()) << pki.error();
    ProfileEditorDialog dialog(store.get(), secrets.get(), std::nullopt);
    setTls(dialog.form(), Tls::Mutual, pki);
    dialog.form()->envTable()->setEnv(
        {{QStringLiteral("DB_PASSWORD"), QStringLiteral("secret://db.password")}});
    dialog.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
    EXPECT_EQ(dialog.width(), 720);
    EXPECT_EQ(sandbox::test::clippedWidgets(&dialog), QStringList());
    EXPECT_EQ(sandbox::test::horizontalScrollBars(&dialog), QStringList());
    const int nameY = dialog.form()->nameEdit()->mapTo(&dialog, QPoint()).y();
    const int tokenY = dialog.tokenField()->mapTo(&dialog, QPoint()).y();
    const int addressY = dialog.form()->addressEdit()->mapTo(&dialog, QPoint()).y();
    EXPECT_LT(nameY, tokenY);
    EXPECT_LT(tokenY, addressY);
}

// Issue 8 item 16: typing a certificate path, letter by letter, through "no such file"
// errors to the certificate's summary and its expiry warning, never moves the fields below:
// their place is reserved, so a click lands where the user aimed.
TEST_F(UiProfileEditor, CertificateLinesDoNotMoveTheFieldsBelow) {
    TestPki pki;
    ASSERT_TRUE(pki.ok()) << pki.error();
    ProfileEditorDialog dialog(store.get(), secrets.get(), std::nullopt);
    dialog.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
    ProfileForm *form = dialog.form();
    auto positions = [&] {
        QList<int> ys;
        for (QWidget *w : {static_cast<QWidget *>(form->certField()->lineEdit()),
                           static_cast<QWidget *>(form->keyField()->lineEdit()),
                           static_cast<QWidget *>(form->allowInsecureCheck())})
            ys << w->mapTo(&dialog, QPoint()).y();
        return ys;
    };
    const QList<int> before = positions();
    QTest::keyClicks(form->caField()->lineEdit(), pki.expiredServer().certPath);
    QCoreApplication::processEvents();
    EXPECT_EQ(form->caField()->severity(), PemFileField::Severity::Warning);
    EXPECT_EQ(positions(), before);
    // Every letter on the way: an error line, then the summary and the warning.
    form->caField()->lineEdit()->clear();
    const QString path = pki.ca().certPath;
    for (qsizetype i = 0; i < path.size(); ++i) {
        QTest::keyClicks(form->caField()->lineEdit(), path.mid(i, 1));
        QCoreApplication::processEvents();
        ASSERT_EQ(positions(), before) << "after typing " << path.left(i + 1).toStdString();
    }
    EXPECT_EQ(form->caField()->severity(), PemFileField::Severity::Info);
    EXPECT_TRUE(form->caField()->statusLine()->isVisible());
    // The reserved line shows the text (or, when it is too long, its start and end).
    EXPECT_TRUE(form->caField()->statusLine()->text().startsWith(QStringLiteral("Subject:")));
}

// Cancel, Esc or the close button with unsaved edits asks first; saying no keeps them.
TEST_F(UiProfileEditor, CancelAsksBeforeUnsavedEditsAreLost) {
    ProfileEditorDialog untouched(store.get(), secrets.get(), std::nullopt);
    untouched.show();
    untouched.reject();
    EXPECT_FALSE(untouched.isVisible()) << "nothing was edited, nothing to ask";
    EXPECT_TRUE(DialogAnswers::shownMessages().isEmpty());

    ProfileEditorDialog dialog(store.get(), secrets.get(), std::nullopt);
    dialog.show();
    QTest::keyClicks(dialog.form()->nameEdit(), QStringLiteral("Half typed"));
    DialogAnswers::pushMessageBoxAnswer(QMessageBox::Cancel);
    QTest::keyClick(&dialog, Qt::Key_Escape);
    EXPECT_TRUE(dialog.isVisible());
    ASSERT_EQ(DialogAnswers::shownMessages().size(), 1);
    EXPECT_TRUE(DialogAnswers::shownMessages().at(0).contains(QStringLiteral("not saved")));
    EXPECT_EQ(dialog.form()->nameEdit()->text(), QStringLiteral("Half typed"));

    DialogAnswers::pushMessageBoxAnswer(QMessageBox::Yes);
    dialog.close();
    EXPECT_FALSE(dialog.isVisible());
    EXPECT_EQ(dialog.result(), QDialog::Rejected);
    EXPECT_TRUE(store->profiles().isEmpty());

    // A token typed into an otherwise untouched profile is an edit too.
    ProfileEditorDialog tokenOnly(store.get(), secrets.get(), std::nullopt);
    tokenOnly.show();
    typeToken(tokenOnly.tokenField(), QStringLiteral("tok-typed"));
    tokenOnly.reject();
    EXPECT_TRUE(tokenOnly.isVisible());
    EXPECT_EQ(DialogAnswers::shownMessages().size(), 3);
}
