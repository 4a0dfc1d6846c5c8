#include "token_field.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>

namespace sandbox {

TokenField::TokenField(QWidget *parent)
    : QWidget(parent) {
    edit_ = new QLineEdit(this);
    edit_->setEchoMode(QLineEdit::Password);
    edit_->setPlaceholderText(tr("no token"));
    // Keeps the token out of input-method history and autocompletion.
    edit_->setInputMethodHints(Qt::ImhHiddenText | Qt::ImhSensitiveData | Qt::ImhNoPredictiveText);
    show_ = new QToolButton(this);
    show_->setText(tr("Show"));
    show_->setCheckable(true);
    show_->setToolTip(tr("Show the token while the button is down"));
    forget_ = new QToolButton(this);
    forget_->setText(tr("Forget token"));
    forget_->setToolTip(tr("Remove the token from the keychain"));

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit_, 1);
    layout->addWidget(show_);
    layout->addWidget(forget_);

    connect(show_, &QToolButton::toggled, this, &TokenField::updateEcho);
    connect(edit_, &QLineEdit::textEdited, this, [this](const QString &text) {
        edited_ = true;
        Q_EMIT tokenChanged(text);
    });
    connect(forget_, &QToolButton::clicked, this, [this] {
        edit_->clear();
        edited_ = true;
        Q_EMIT tokenChanged(QString());
        Q_EMIT forgetRequested();
    });
}

QString TokenField::token() const {
    return loading_ ? QString() : edit_->text();
}

void TokenField::setLoadedToken(const QString &token) {
    setLoading(false);
    if (edited_)
        return; // the user typed while the keychain was answering: keep their input
    edit_->setText(token);
    Q_EMIT tokenChanged(token);
}

void TokenField::setLoading(bool loading) {
    loading_ = loading;
    edit_->setEnabled(!loading);
    forget_->setEnabled(!loading);
    edit_->setPlaceholderText(loading ? tr("loading…") : tr("no token"));
}

void TokenField::setPresenterMode(bool on) {
    presenter_ = on;
    if (on)
        show_->setChecked(false);
    show_->setEnabled(!on);
    show_->setToolTip(on ? tr("Presenter mode is on: the token cannot be shown")
                         : tr("Show the token while the button is down"));
    updateEcho();
}

bool TokenField::isRevealed() const {
    return edit_->echoMode() == QLineEdit::Normal;
}

void TokenField::updateEcho() {
    const bool reveal = show_->isChecked() && !presenter_;
    edit_->setEchoMode(reveal ? QLineEdit::Normal : QLineEdit::Password);
}

} // namespace sandbox
