#pragma once

#include <QWidget>

class QLineEdit;
class QToolButton;

namespace sandbox {

// The bearer token input: masked, with a show toggle (disabled in presenter mode) and a
// "Forget token" action. Shows "loading…" while the keychain read is in flight.
class TokenField : public QWidget {
    Q_OBJECT
public:
    explicit TokenField(QWidget *parent = nullptr);

    QString token() const;
    // Sets the token as loaded from the keychain (not a user edit).
    void setLoadedToken(const QString &token);
    void setLoading(bool loading);
    bool isLoading() const { return loading_; }
    // True once the user typed or forgot the token.
    bool isEdited() const { return edited_; }
    void setPresenterMode(bool on);
    bool isRevealed() const;

    QLineEdit *lineEdit() const { return edit_; }
    QToolButton *showButton() const { return show_; }
    QToolButton *forgetButton() const { return forget_; }

Q_SIGNALS:
    void tokenChanged(const QString &token);
    void forgetRequested();

private:
    void updateEcho();

    QLineEdit *edit_ = nullptr;
    QToolButton *show_ = nullptr;
    QToolButton *forget_ = nullptr;
    bool loading_ = false;
    bool edited_ = false;
    bool presenter_ = false;
};

} // namespace sandbox
