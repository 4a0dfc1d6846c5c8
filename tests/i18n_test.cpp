// The German translation: it is embedded, loads for a German locale (system or --lang), is
// complete, and the main window actually shows German text with it.
#include "console_shell.h"
#include "dialog_answers.h"
#include "env_table_widget.h"
#include "main_window.h"
#include "pem_file_field.h"
#include "profile_editor_dialog.h"
#include "profile_form.h"
#include "profile_store.h"
#include "secret_store.h"
#include "test_pki.h"
#include "translation_loader.h"
#include "ui_layout_check.h"

#include <QAction>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QTemporaryDir>
#include <QTest>

#include <QCoreApplication>
#include <QFile>
#include <QLocale>
#include <QRegularExpression>

#include <gtest/gtest.h>

using sandbox::TranslationLoader;

namespace {

QString tr(const char *context, const char *source) {
    return QCoreApplication::translate(context, source);
}

} // namespace

TEST(I18n, GermanTranslationIsEmbeddedAndLoads) {
    EXPECT_TRUE(QFile::exists(QStringLiteral(":/i18n/sandbox-console_de.qm")));
    TranslationLoader loader;
    ASSERT_TRUE(loader.install(QLocale(QLocale::German, QLocale::Germany)));
    EXPECT_EQ(loader.appTranslationFile(), QStringLiteral(":/i18n/sandbox-console_de.qm"));
    EXPECT_EQ(QLocale().language(), QLocale::German);
}

TEST(I18n, LangCodeOverridesTheSystemLocale) {
    bool ok = false;
    EXPECT_EQ(TranslationLoader::localeFor(QStringLiteral("de"), &ok).language(), QLocale::German);
    EXPECT_TRUE(ok);
    EXPECT_EQ(TranslationLoader::localeFor(QString(), &ok), QLocale::system());
    EXPECT_TRUE(ok);
    EXPECT_EQ(TranslationLoader::localeFor(QStringLiteral("de_AT"), &ok).territory(),
              QLocale::Austria);
    EXPECT_TRUE(ok);
    for (const char *bad : {"no-such-language", "xx", "12"}) {
        TranslationLoader::localeFor(QString::fromLatin1(bad), &ok);
        EXPECT_FALSE(ok) << bad;
    }
}

TEST(I18n, EnglishNeedsNoTranslationAndUninstallRestoresEnglish) {
    TranslationLoader loader;
    EXPECT_TRUE(loader.install(QLocale(QLocale::English, QLocale::UnitedStates)));
    EXPECT_TRUE(loader.appTranslationFile().isEmpty());

    ASSERT_TRUE(loader.install(QLocale(QLocale::German)));
    loader.uninstall();
    EXPECT_EQ(tr("sandbox::SecretStore", "Unused probe string"),
              QStringLiteral("Unused probe string"));
}

// Every message of the German catalogue has a finished translation: lupdate marks new or
// changed source strings "unfinished", and this fails until someone translates them.
TEST(I18n, GermanCatalogueIsComplete) {
    QFile ts(QStringLiteral(SANDBOX_SOURCE_DIR "/translations/sandbox-console_de.ts"));
    ASSERT_TRUE(ts.open(QIODevice::ReadOnly)) << ts.fileName().toStdString();
    const QString text = QString::fromUtf8(ts.readAll());
    const qsizetype messages = text.count(QStringLiteral("<message"));
    EXPECT_GT(messages, 100);
    const QRegularExpression unfinished(
        QStringLiteral("<translation type=\"(unfinished|vanished|obsolete)\""));
    qsizetype open = 0;
    for (auto it = unfinished.globalMatch(text); it.hasNext(); it.next())
        ++open;
    EXPECT_EQ(open, 0) << "messages without a finished German translation in "
                       << ts.fileName().toStdString();
}

// What the user sees: with --lang de the main window's menus and actions are German, and
// they are English again without the translation.
TEST(I18n, MainWindowShowsGermanText) {
    QTemporaryDir configDir;
    ASSERT_TRUE(configDir.isValid());
    TranslationLoader loader;
    ASSERT_TRUE(loader.install(TranslationLoader::localeFor(QStringLiteral("de"))));
    {
        sandbox::ConsoleShell shell(configDir.path());
        sandbox::MainWindow *window = shell.window();
        EXPECT_EQ(window->windowTitle(), QStringLiteral("Sandbox Console"));
        ASSERT_NE(window->action(QStringLiteral("add")), nullptr);
        EXPECT_EQ(window->action(QStringLiteral("add"))->text(), QStringLiteral("&Neues Profil…"));
        EXPECT_EQ(window->action(QStringLiteral("edit"))->text(),
                  QStringLiteral("Profil &bearbeiten…"));
        const QList<QAction *> menus = window->menuBar()->actions();
        ASSERT_FALSE(menus.isEmpty());
        EXPECT_EQ(menus.constFirst()->text(), QStringLiteral("&Datei"));
    }
    loader.uninstall();
    sandbox::ConsoleShell shell(configDir.path());
    EXPECT_EQ(shell.window()->action(QStringLiteral("add"))->text(),
              QStringLiteral("&New Profile…"));
}

namespace {

// German for the length of one test; English again afterwards.
class GermanUi : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(configDir.isValid());
        ASSERT_TRUE(loader.install(TranslationLoader::localeFor(QStringLiteral("de"))));
    }
    void TearDown() override { loader.uninstall(); }

    QTemporaryDir configDir;
    TranslationLoader loader;
};

} // namespace

// Issue 8 item 15: the German profile editor at its default size shows every label, check
// box and button whole ("Token vergessen", "Durchsuchen…", the TLS box), with the env
// buttons in view and no horizontal scroll bar; "Image" is translated.
TEST_F(GermanUi, ProfileEditorFitsAtItsDefaultSize) {
    sandbox::test::TestPki pki;
    ASSERT_TRUE(pki.ok()) << pki.error();
    sandbox::ProfileStore store(configDir.path());
    sandbox::SecretStore secrets;
    sandbox::ProfileEditorDialog dialog(&store, &secrets, std::nullopt);
    sandbox::ProfileForm *form = dialog.form();
    form->caField()->setPath(pki.ca().certPath);
    form->certField()->setPath(pki.client().certPath);
    form->keyField()->setPath(pki.client().keyPath);
    form->envTable()->setEnv(
        {{QStringLiteral("DB_PASSWORD"), QStringLiteral("secret://db.password")}});
    dialog.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
    EXPECT_EQ(dialog.windowTitle(), QStringLiteral("Neues Profil"));
    EXPECT_EQ(dialog.width(), 720);
    EXPECT_EQ(sandbox::test::clippedWidgets(&dialog), QStringList());
    EXPECT_EQ(sandbox::test::horizontalScrollBars(&dialog), QStringList());

    auto *layout = qobject_cast<QFormLayout *>(form->layout());
    ASSERT_NE(layout, nullptr);
    auto *imageLabel = qobject_cast<QLabel *>(layout->labelForField(form->imageEdit()));
    ASSERT_NE(imageLabel, nullptr);
    EXPECT_FALSE(imageLabel->text().contains(QStringLiteral("Image")))
        << imageLabel->text().toStdString();
}

// Issue 8 item 5 (German): a failed import says "nothing was imported" once.
TEST_F(GermanUi, FailedImportSaysNothingWasImportedOnce) {
    const QString bad = QDir(configDir.path()).filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("{ not json");
    f.close();
    sandbox::DialogAnswers::setTestMode(true);
    sandbox::DialogAnswers::clear();
    {
        sandbox::ConsoleShell shell(configDir.path());
        sandbox::DialogAnswers::pushFileName(bad);
        shell.window()->action(QStringLiteral("import"))->trigger();
    }
    const QString message = sandbox::DialogAnswers::shownMessages().value(0);
    sandbox::DialogAnswers::clear();
    EXPECT_EQ(message.count(QStringLiteral("nichts importiert")), 1) << message.toStdString();
    EXPECT_TRUE(message.contains(QStringLiteral("bad.json"))) << message.toStdString();
}
