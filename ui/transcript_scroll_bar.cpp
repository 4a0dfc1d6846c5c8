#include "transcript_scroll_bar.h"

#include <QStyle>
#include <QStyleOptionSlider>

namespace sandbox {

TranscriptScrollBar::TranscriptScrollBar(QWidget *parent)
    : QScrollBar(Qt::Vertical, parent) {}

TranscriptScrollBar::Look TranscriptScrollBar::look() const {
    QStyleOptionSlider option;
    initStyleOption(&option);
    Look l;
    l.handle =
        style()->subControlRect(QStyle::CC_ScrollBar, &option, QStyle::SC_ScrollBarSlider, this);
    // Styles draw the arrow buttons differently at either end.
    l.atMinimum = value() == minimum();
    l.atMaximum = value() == maximum();
    l.enabled = isEnabled() && maximum() > minimum();
    return l;
}

// A batch changes the range, then the value (following the tail): judged once both are
// done, so an in-between state (not at the bottom yet) costs no repaint either.
void TranscriptScrollBar::sliderChange(SliderChange change) {
    if (change == SliderOrientationChange || !drawnKnown_) {
        QScrollBar::sliderChange(change);
        return;
    }
    if (checkQueued_)
        return;
    checkQueued_ = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            checkQueued_ = false;
            if (look() != drawn_)
                update();
        },
        Qt::QueuedConnection);
}

void TranscriptScrollBar::paintEvent(QPaintEvent *event) {
    ++paints_;
    drawn_ = look();
    drawnKnown_ = true;
    QScrollBar::paintEvent(event);
}

} // namespace sandbox
