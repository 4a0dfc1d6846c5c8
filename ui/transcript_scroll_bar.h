#pragma once

#include <QRect>
#include <QScrollBar>

namespace sandbox {

// The transcript's vertical scroll bar: repaints only when what it draws changes. During a
// flood the range moves by a line or two per batch (partial lines come and go, the ring
// grows) while the handle stays on the same pixels; QScrollBar repaints on every change, and
// a tall gradient fill goes to Qt's GUI thread pool, which the GUI thread then waits for
// (on a busy machine, for as long as those threads wait for a CPU).
class TranscriptScrollBar : public QScrollBar {
    Q_OBJECT
public:
    explicit TranscriptScrollBar(QWidget *parent = nullptr);

    // Paint events received (tests: a change the eye cannot see costs no paint).
    int paintCount() const { return paints_; }

protected:
    void sliderChange(SliderChange change) override;
    void paintEvent(QPaintEvent *event) override;

private:
    struct Look {
        QRect handle;
        bool atMinimum = false;
        bool atMaximum = false;
        bool enabled = false;
        friend bool operator==(const Look &, const Look &) = default;
    };
    Look look() const;

    Look drawn_;
    bool drawnKnown_ = false;
    bool checkQueued_ = false;
    int paints_ = 0;
};

} // namespace sandbox
