#include "info_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace sandbox {

namespace {

QString styleFor(InfoBar::Level level) {
    switch (level) {
    case InfoBar::Level::Error:
        return QStringLiteral("sandbox--InfoBar { background: #fbe3e4; border: 1px solid #c0392b;"
                              " border-radius: 4px; } QLabel { color: #8b1a10; }");
    case InfoBar::Level::Warning:
        return QStringLiteral("sandbox--InfoBar { background: #fff3cd; border: 1px solid #d39e00;"
                              " border-radius: 4px; } QLabel { color: #6b4e00; }");
    case InfoBar::Level::Information:
        break;
    }
    return QStringLiteral("sandbox--InfoBar { background: #e2effa; border: 1px solid #3b6fb6;"
                          " border-radius: 4px; } QLabel { color: #1d3d66; }");
}

} // namespace

InfoBar::InfoBar(QWidget *parent)
    : QWidget(parent) {
    setAttribute(Qt::WA_StyledBackground, true);
    label_ = new QLabel(this);
    label_->setWordWrap(true);
    label_->setTextFormat(Qt::PlainText);
    label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buttons_ = new QHBoxLayout;
    close_ = new QPushButton(tr("Dismiss"), this);
    close_->hide();
    connect(close_, &QPushButton::clicked, this, [this] {
        hide();
        Q_EMIT dismissed();
    });

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(label_, 1);
    layout->addLayout(buttons_);
    layout->addWidget(close_);
    showMessage(Level::Information, QString());
    hide();
}

void InfoBar::showMessage(Level level, const QString &text) {
    level_ = level;
    label_->setText(text);
    setStyleSheet(styleFor(level));
    setVisible(!text.isEmpty());
}

QString InfoBar::text() const {
    return label_->text();
}

QPushButton *InfoBar::addButton(const QString &text) {
    auto *button = new QPushButton(text, this);
    buttons_->addWidget(button);
    return button;
}

void InfoBar::setClosable(bool closable) {
    close_->setVisible(closable);
}

} // namespace sandbox
