#pragma once

#include <QLabel>

namespace sandbox {

// A status text under a field whose space is always reserved (a fixed number of lines),
// shown or empty, so the fields below never move while the user types. A text that needs
// more lines is shortened in the middle; the whole text is then in the tooltip.
class StatusLine : public QLabel {
    Q_OBJECT
public:
    explicit StatusLine(int lines, QWidget *parent = nullptr);

    void setFullText(const QString &text);
    QString fullText() const { return full_; }
    int lines() const { return lines_; }

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void reserveHeight();
    void fit();
    bool fits(const QString &text) const;

    int lines_;
    QString full_;
};

} // namespace sandbox
