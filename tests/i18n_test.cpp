// The German translation: it is embedded, loads for a German locale (system or --lang), is
// complete, and the main window actually shows German text with it.
#include "console_shell.h"
#include "main_window.h"
#include "translation_loader.h"

#include <QAction>
#include <QMenuBar>
#include <QTemporaryDir>

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
