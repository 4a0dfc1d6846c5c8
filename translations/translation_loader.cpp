#include "translation_loader.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QRegularExpression>
#include <QTranslator>

namespace sandbox {

TranslationLoader::TranslationLoader(QObject *parent)
    : QObject(parent) {}

TranslationLoader::~TranslationLoader() {
    uninstall();
}

QLocale TranslationLoader::localeFor(const QString &langCode, bool *ok) {
    if (ok)
        *ok = true;
    const QString code = langCode.trimmed();
    if (code.isEmpty())
        return QLocale::system();
    // language[_Script][_TERRITORY], e.g. "de", "de_DE", "pt-BR", "sr_Latn_RS". QLocale
    // itself accepts anything with a known prefix ("no-such-thing" would be Norwegian) and
    // maps what it does not know to the C locale.
    static const QRegularExpression form(
        QStringLiteral("^[A-Za-z]{2,3}([_-][A-Za-z]{4})?([_-]([A-Za-z]{2}|[0-9]{3}))?$"));
    const QLocale locale(code);
    if (code != QStringLiteral("C") &&
        (!form.match(code).hasMatch() || locale.language() == QLocale::C)) {
        if (ok)
            *ok = false;
        return QLocale::system();
    }
    return locale;
}

bool TranslationLoader::install(const QLocale &locale) {
    uninstall();
    QLocale::setDefault(locale);

    // English is the source language: nothing to load, and not an error.
    const bool needsAppTranslation =
        locale.language() != QLocale::English && locale.language() != QLocale::C;
    app_ = new QTranslator(this);
    if (app_->load(locale, QStringLiteral("sandbox-console"), QStringLiteral("_"),
                   resourceDirectory())) {
        QCoreApplication::installTranslator(app_);
        appFile_ = app_->filePath();
    } else {
        delete app_;
        app_ = nullptr;
    }

    qt_ = new QTranslator(this);
    if (qt_->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        QCoreApplication::installTranslator(qt_);
        qtLoaded_ = true;
    } else {
        delete qt_;
        qt_ = nullptr;
    }
    return app_ != nullptr || !needsAppTranslation;
}

void TranslationLoader::uninstall() {
    if (app_) {
        QCoreApplication::removeTranslator(app_);
        delete app_;
        app_ = nullptr;
    }
    if (qt_) {
        QCoreApplication::removeTranslator(qt_);
        delete qt_;
        qt_ = nullptr;
    }
    appFile_.clear();
    qtLoaded_ = false;
}

} // namespace sandbox
