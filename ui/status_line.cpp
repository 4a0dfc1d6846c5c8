#include "status_line.h"

#include <QEvent>
#include <QFontMetrics>

namespace sandbox {

StatusLine::StatusLine(int lines, QWidget *parent)
    : QLabel(parent)
    , lines_(std::max(1, lines)) {
    setWordWrap(true);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wide enough for anything: the text is fitted to the width the layout gives.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    reserveHeight();
}

void StatusLine::setFullText(const QString &text) {
    full_ = text;
    fit();
}

void StatusLine::resizeEvent(QResizeEvent *event) {
    QLabel::resizeEvent(event);
    fit();
}

void StatusLine::changeEvent(QEvent *event) {
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        reserveHeight();
        fit();
    }
}

void StatusLine::reserveHeight() {
    const QMargins m = contentsMargins();
    setFixedHeight(lines_ * fontMetrics().lineSpacing() + m.top() + m.bottom());
}

bool StatusLine::fits(const QString &text) const {
    const QRect box = contentsRect();
    const QRect needed = fontMetrics().boundingRect(QRect(0, 0, box.width(), 1 << 20),
                                                    Qt::TextWordWrap | Qt::AlignLeft, text);
    return needed.height() <= box.height() && needed.width() <= box.width();
}

// Keeps the start (what is wrong) and the end (the file name, a warning) of a long text.
void StatusLine::fit() {
    QString shown = full_;
    if (!full_.isEmpty() && contentsRect().width() > 0 && !fits(full_)) {
        qsizetype lo = 0;
        qsizetype hi = full_.size();
        auto shortened = [this](qsizetype keep) -> QString {
            return full_.left(keep - keep / 2) + QStringLiteral(" … ") + full_.right(keep / 2);
        };
        while (lo < hi) {
            const qsizetype mid = (lo + hi + 1) / 2;
            if (fits(shortened(mid)))
                lo = mid;
            else
                hi = mid - 1;
        }
        shown = shortened(lo);
    }
    setText(shown);
    setToolTip(shown == full_ ? QString() : full_);
}

} // namespace sandbox
