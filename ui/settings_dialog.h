#pragma once

#include <QDialog>

class QSpinBox;

namespace sandbox {

// Scrollback, transcript file cap and history size. Values in and out; the caller stores them in
// AppSettings.
class SettingsDialog : public QDialog {
    Q_OBJECT
public:
    explicit SettingsDialog(QWidget *parent = nullptr);

    void setScrollbackLines(int lines);
    int scrollbackLines() const;
    void setSpoolCapMiB(int mib);
    int spoolCapMiB() const;
    void setHistorySize(int entries);
    int historySize() const;

    QSpinBox *scrollbackSpin() const { return scrollback_; }
    QSpinBox *historySpin() const { return history_; }
    QSpinBox *spoolCapSpin() const { return spoolCap_; }

private:
    QSpinBox *scrollback_ = nullptr;
    QSpinBox *history_ = nullptr;
    QSpinBox *spoolCap_ = nullptr;
};

} // namespace sandbox
