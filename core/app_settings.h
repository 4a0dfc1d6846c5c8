#pragma once

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUuid>

#include <memory>

class QSettings;

namespace sandbox {

// Application preferences in `<configDir>/settings.ini` (QSettings, IniFormat).
// Use from the GUI thread.
class AppSettings {
public:
    // The transcript ring (TranscriptModel) and the spool cap per tab (TranscriptSpool).
    static constexpr int kDefaultScrollbackLines = 100'000;
    static constexpr int kDefaultSpoolCapMiB = 2048;
    static constexpr int kDefaultHistorySize = 1000;

    explicit AppSettings(const QString &configDir);
    ~AppSettings();
    AppSettings(const AppSettings &) = delete;
    AppSettings &operator=(const AppSettings &) = delete;

    QString filePath() const;

    int scrollbackLines() const;
    void setScrollbackLines(int lines);
    int spoolCapMiB() const;
    void setSpoolCapMiB(int mib);
    int historySize() const;
    void setHistorySize(int entries);
    bool presenterMode() const;
    void setPresenterMode(bool on);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);

    // Profile ids of the open console tabs, in tab order, and the current one.
    QList<QUuid> openTabs() const;
    void setOpenTabs(const QList<QUuid> &ids);
    QUuid currentTab() const;
    void setCurrentTab(const QUuid &id);

    // Writes pending changes; false when the file could not be written.
    bool sync();

private:
    std::unique_ptr<QSettings> settings_;
};

} // namespace sandbox
