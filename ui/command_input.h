#pragma once

#include <QPlainTextEdit>

namespace sandbox {

// The console's command line. Enter submits; Shift+Enter inserts a newline and the field
// grows up to kMaxVisibleLines before it scrolls. No length limit of its own (a QLineEdit
// cuts at 32,767 characters): the agent decides what is too long and says so. Turns keys
// into intents (submit, history walk, reverse search, cancel) and leaves what they mean to
// ConsoleTab. ↑/↓ walk the history only from the first/last line of a multi-line command.
class CommandInput : public QPlainTextEdit {
    Q_OBJECT
public:
    static constexpr int kMaxVisibleLines = 6;

    explicit CommandInput(QWidget *parent = nullptr);

    // The QLineEdit-like surface ConsoleTab and the tests use.
    QString text() const { return toPlainText(); }
    void setText(const QString &text); // cursor at the end
    void setCursorPosition(int position);
    int cursorPosition() const;
    bool hasSelectedText() const;
    // Single-line fields (the history search) ignore Shift+Enter and never grow.
    void setSingleLine(bool on);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

Q_SIGNALS:
    // Enter (without Shift).
    void returnPressed();
    // The user changed the text (not setText()).
    void textEdited();
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

private:
    int visibleLines() const;
    void updateHeight();

    bool singleLine_ = false;
    bool settingText_ = false;
};

} // namespace sandbox
