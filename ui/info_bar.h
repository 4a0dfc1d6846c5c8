#pragma once

#include <QWidget>

class QHBoxLayout;
class QLabel;
class QPushButton;

namespace sandbox {

// A coloured, non-blocking message strip: errors (red), warnings (amber), information.
// Optional action buttons; the bar never takes focus away from what the user is doing.
class InfoBar : public QWidget {
    Q_OBJECT
public:
    enum class Level { Information, Warning, Error };

    explicit InfoBar(QWidget *parent = nullptr);

    void showMessage(Level level, const QString &text);
    QString text() const;
    Level level() const { return level_; }
    // Adds a button that emits the returned button's clicked().
    QPushButton *addButton(const QString &text);
    void setClosable(bool closable);

Q_SIGNALS:
    // The user closed the bar with its Dismiss button.
    void dismissed();

private:
    QLabel *label_ = nullptr;
    QHBoxLayout *buttons_ = nullptr;
    QPushButton *close_ = nullptr;
    Level level_ = Level::Information;
};

} // namespace sandbox
