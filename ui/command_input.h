#pragma once

#include <QLineEdit>

namespace sandbox {

// The console's command line. Turns keys into intents (history walk, reverse search,
// cancel) and leaves what they mean to ConsoleTab.
class CommandInput : public QLineEdit {
    Q_OBJECT
public:
    explicit CommandInput(QWidget *parent = nullptr);

Q_SIGNALS:
    void historyPreviousRequested();
    void historyNextRequested();
    void reverseSearchRequested();
    // Esc, or Ctrl+C with no text selected in the input.
    void cancelRequested();

protected:
    bool event(QEvent *event) override;
    // A shortcut of the window (menus, tab actions) is bound to this key.
    bool isWindowShortcut(const QKeyEvent *event) const;
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace sandbox
