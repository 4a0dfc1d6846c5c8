#pragma once

#include <QLocale>
#include <QObject>
#include <QString>

class QTranslator;

namespace sandbox {

// Installs the application's own translation (embedded as ":/i18n/sandbox-console_<lang>.qm")
// and Qt's qtbase translation (from Qt's translations directory, when the distribution ships
// it) for one locale. The translators are children of this object; destroying it removes them.
class TranslationLoader : public QObject {
    Q_OBJECT
public:
    explicit TranslationLoader(QObject *parent = nullptr);
    ~TranslationLoader() override;

    // The locale the UI should use: QLocale::system(), or the `--lang` code when one is given.
    // An unknown code sets *ok to false and returns the system locale, so the caller can say so.
    static QLocale localeFor(const QString &langCode, bool *ok = nullptr);

    // Loads and installs the translators for `locale` (replacing any installed before) and
    // makes it the default QLocale. Returns true when the application's own translation was
    // found, or when none is needed (English).
    bool install(const QLocale &locale);
    // Removes the installed translators.
    void uninstall();

    // Resource path of the loaded application translation; empty when none is loaded.
    QString appTranslationFile() const { return appFile_; }
    bool qtTranslationLoaded() const { return qtLoaded_; }

    static QString resourceDirectory() { return QStringLiteral(":/i18n"); }

private:
    QTranslator *app_ = nullptr;
    QTranslator *qt_ = nullptr;
    QString appFile_;
    bool qtLoaded_ = false;
};

} // namespace sandbox
