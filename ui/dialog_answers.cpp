#include "dialog_answers.h"

#include <QPushButton>

#include <QDesktopServices>
#include <QFileDialog>
#include <QQueue>
#include <QUrl>

namespace sandbox {

namespace {

struct Answers {
    bool testMode = false;
    QQueue<QMessageBox::StandardButton> buttons;
    QQueue<QString> fileNames;
    QStringList shown;
    QStringList opened;
};

Answers &answers() {
    static Answers a;
    return a;
}

std::optional<QMessageBox::StandardButton> nextButton(const QString &text) {
    Answers &a = answers();
    a.shown.append(text);
    if (!a.buttons.isEmpty())
        return a.buttons.dequeue();
    if (a.testMode)
        return QMessageBox::Cancel;
    return std::nullopt;
}

std::optional<QString> nextFileName() {
    Answers &a = answers();
    if (!a.fileNames.isEmpty())
        return a.fileNames.dequeue();
    if (a.testMode)
        return QString();
    return std::nullopt;
}

} // namespace

void DialogAnswers::setTestMode(bool on) {
    answers().testMode = on;
}
bool DialogAnswers::testMode() {
    return answers().testMode;
}
void DialogAnswers::pushMessageBoxAnswer(QMessageBox::StandardButton answer) {
    answers().buttons.enqueue(answer);
}
void DialogAnswers::pushFileName(const QString &path) {
    answers().fileNames.enqueue(path);
}
void DialogAnswers::clear() {
    answers().buttons.clear();
    answers().fileNames.clear();
    answers().shown.clear();
    answers().opened.clear();
}
QStringList DialogAnswers::shownMessages() {
    return answers().shown;
}
QStringList DialogAnswers::openedUrls() {
    return answers().opened;
}

bool DialogAnswers::openUrl(QWidget *parent, const QUrl &url) {
    Q_UNUSED(parent);
    answers().opened.append(url.toString());
    if (answers().testMode)
        return true;
    return QDesktopServices::openUrl(url);
}

QMessageBox::StandardButton DialogAnswers::question(QWidget *parent, const QString &title,
                                                    const QString &text,
                                                    QMessageBox::StandardButtons buttons,
                                                    QMessageBox::StandardButton defaultButton) {
    if (const auto preset = nextButton(text))
        return *preset;
    return QMessageBox::question(parent, title, text, buttons, defaultButton);
}

bool DialogAnswers::confirm(QWidget *parent, const QString &title, const QString &text,
                            const QString &acceptText) {
    if (const auto preset = nextButton(text))
        return *preset == QMessageBox::Yes || *preset == QMessageBox::Ok;
    QMessageBox box(QMessageBox::Question, title, text, QMessageBox::Cancel, parent);
    QPushButton *accept = box.addButton(acceptText, QMessageBox::AcceptRole);
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == accept;
}

void DialogAnswers::information(QWidget *parent, const QString &title, const QString &text) {
    if (nextButton(text))
        return;
    QMessageBox::information(parent, title, text);
}

void DialogAnswers::warning(QWidget *parent, const QString &title, const QString &text) {
    if (nextButton(text))
        return;
    QMessageBox::warning(parent, title, text);
}

QString DialogAnswers::openFileName(QWidget *parent, const QString &caption, const QString &dir,
                                    const QString &filter) {
    if (const auto preset = nextFileName())
        return *preset;
    return QFileDialog::getOpenFileName(parent, caption, dir, filter);
}

QString DialogAnswers::saveFileName(QWidget *parent, const QString &caption, const QString &dir,
                                    const QString &filter) {
    if (const auto preset = nextFileName())
        return *preset;
    return QFileDialog::getSaveFileName(parent, caption, dir, filter);
}

} // namespace sandbox
