#include "app_settings.h"

#include <QDir>
#include <QSettings>

namespace sandbox {

namespace {
const QString kScrollback = QStringLiteral("console/scrollbackLines");
const QString kSpoolCap = QStringLiteral("console/spoolCapMiB");
const QString kHistory = QStringLiteral("console/historySize");
const QString kPresenter = QStringLiteral("view/presenterMode");
const QString kGeometry = QStringLiteral("window/geometry");
const QString kState = QStringLiteral("window/state");
const QString kTabs = QStringLiteral("window/openTabs");
const QString kCurrentTab = QStringLiteral("window/currentTab");

int positiveOr(const QVariant &value, int fallback) {
    bool ok = false;
    const int v = value.toInt(&ok);
    return ok && v > 0 ? v : fallback;
}
} // namespace

AppSettings::AppSettings(const QString &configDir)
    : settings_(std::make_unique<QSettings>(
          QDir(configDir).filePath(QStringLiteral("settings.ini")), QSettings::IniFormat)) {}

AppSettings::~AppSettings() = default;

QString AppSettings::filePath() const {
    return settings_->fileName();
}

int AppSettings::spoolCapMiB() const {
    return positiveOr(settings_->value(kSpoolCap), kDefaultSpoolCapMiB);
}
void AppSettings::setSpoolCapMiB(int mib) {
    settings_->setValue(kSpoolCap, mib);
}
int AppSettings::scrollbackLines() const {
    return positiveOr(settings_->value(kScrollback), kDefaultScrollbackLines);
}
void AppSettings::setScrollbackLines(int lines) {
    settings_->setValue(kScrollback, lines);
}

int AppSettings::historySize() const {
    return positiveOr(settings_->value(kHistory), kDefaultHistorySize);
}
void AppSettings::setHistorySize(int entries) {
    settings_->setValue(kHistory, entries);
}

bool AppSettings::presenterMode() const {
    return settings_->value(kPresenter, false).toBool();
}
void AppSettings::setPresenterMode(bool on) {
    settings_->setValue(kPresenter, on);
}

QByteArray AppSettings::windowGeometry() const {
    return settings_->value(kGeometry).toByteArray();
}
void AppSettings::setWindowGeometry(const QByteArray &geometry) {
    settings_->setValue(kGeometry, geometry);
}

QByteArray AppSettings::windowState() const {
    return settings_->value(kState).toByteArray();
}
void AppSettings::setWindowState(const QByteArray &state) {
    settings_->setValue(kState, state);
}

QList<QUuid> AppSettings::openTabs() const {
    QList<QUuid> ids;
    const QStringList texts = settings_->value(kTabs).toStringList();
    for (const QString &text : texts) {
        const QUuid id = QUuid::fromString(text);
        if (!id.isNull()) // a profile may have several tabs
            ids.append(id);
    }
    return ids;
}

void AppSettings::setOpenTabs(const QList<QUuid> &ids) {
    QStringList texts;
    for (const QUuid &id : ids)
        texts << id.toString(QUuid::WithoutBraces);
    settings_->setValue(kTabs, texts);
}

QUuid AppSettings::currentTab() const {
    return QUuid::fromString(settings_->value(kCurrentTab).toString());
}
void AppSettings::setCurrentTab(const QUuid &id) {
    settings_->setValue(kCurrentTab, id.toString(QUuid::WithoutBraces));
}

bool AppSettings::sync() {
    settings_->sync();
    return settings_->status() == QSettings::NoError;
}

} // namespace sandbox
