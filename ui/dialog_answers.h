#pragma once

#include <QMessageBox>
#include <QString>
#include <QStringList>

class QUrl;
class QWidget;

namespace sandbox {

// The one place the UI opens modal message boxes and file dialogs. Tests preload the next
// answers (KeePassXC style) so no test ever blocks in a modal loop; in test mode a dialog
// without a preloaded answer returns "Cancel"/empty and is only recorded.
class DialogAnswers {
public:
    static void setTestMode(bool on);
    static bool testMode();

    static void pushMessageBoxAnswer(QMessageBox::StandardButton answer);
    static void pushFileName(const QString &path);
    static void clear();
    // Texts of message boxes shown (or answered) so far, newest last.
    static QStringList shownMessages();
    // Files and links handed to the desktop (QDesktopServices) so far; in test mode they
    // are only recorded, never opened.
    static QStringList openedUrls();

    static QMessageBox::StandardButton question(QWidget *parent, const QString &title,
                                                const QString &text,
                                                QMessageBox::StandardButtons buttons,
                                                QMessageBox::StandardButton defaultButton);
    // A question with one accepting button of our own words ("Stop and Close") and Cancel,
    // Cancel being the default. Preloaded answers: Yes or Ok accept, anything else cancels.
    static bool confirm(QWidget *parent, const QString &title, const QString &text,
                        const QString &acceptText);
    static void information(QWidget *parent, const QString &title, const QString &text);
    static void warning(QWidget *parent, const QString &title, const QString &text);

    static QString openFileName(QWidget *parent, const QString &caption, const QString &dir,
                                const QString &filter);
    static bool openUrl(QWidget *parent, const QUrl &url);
    static QString saveFileName(QWidget *parent, const QString &caption, const QString &dir,
                                const QString &filter);
};

} // namespace sandbox
