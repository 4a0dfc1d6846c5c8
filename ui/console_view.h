#pragma once

#include "output_buffer.h"

#include <QByteArray>
#include <QList>
#include <QPlainTextEdit>
#include <QStringDecoder>
#include <QTextCharFormat>

class QAction;
class QTimer;
class QDateTime;

namespace sandbox {

// Read-only console output: per command a header, stdout, stderr in its own colour and an
// end banner. Scrollback is bounded by maximumBlockCount. Appended text is queued and laid
// out in slices of a few hundred lines per event-loop pass, so a flood never stalls the
// GUI for long; queued lines that the scrollback would drop anyway are never laid out.
class ConsoleView : public QPlainTextEdit {
    Q_OBJECT
public:
    enum class Style { Stdout, Stderr, Header, BannerOk, BannerFailed, Notice };

    // One piece of raw output; bytes are not UTF-8 checked.
    using RawChunk = OutputChunk;

    explicit ConsoleView(QWidget *parent = nullptr);

    void setScrollbackLines(int lines);
    int scrollbackLines() const { return maximumBlockCount(); }

    void appendCommandHeader(const QDateTime &when, const QString &profileName,
                             const QString &image, const QString &command);
    // Decodes with one stateful UTF-8 decoder per stream, so a multibyte sequence split
    // across chunks still decodes; invalid bytes become U+FFFD.
    void appendOutput(const QList<RawChunk> &chunks);
    void appendEndBanner(const QString &text, bool success);
    void appendNotice(const QString &text);

    QTextCharFormat format(Style style) const;

    // True while appended text is still queued for layout; caughtUp() follows.
    bool hasPendingText() const { return !pending_.isEmpty(); }

    QAction *clearAction() const { return clearAction_; }
    QAction *copyAction() const { return copyAction_; }
    QAction *selectAllAction() const { return selectAllAction_; }

Q_SIGNALS:
    // Ctrl+C with nothing selected, or Esc, while the view has focus.
    void cancelRequested();
    // Everything appended so far is in the document.
    void caughtUp();

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    struct Segment {
        Style style;
        QString text;
    };
    void appendSegments(QList<Segment> segments);
    void appendLine(Style style, const QString &text);
    void ensureLineStart(QList<Segment> &segments) const;
    void dropLinesBeyondScrollback(QList<Segment> &segments) const;
    QList<Segment> takeSlice();
    void insertSlice();
    void resetDecoders();

    QStringDecoder stdoutDecoder_;
    QStringDecoder stderrDecoder_;
    QTextCharFormat formats_[6];
    QList<Segment> pending_;  // appended, not yet in the document
    bool atLineStart_ = true; // at the end of everything appended, pending included
    QTimer *sliceTimer_ = nullptr;
    QAction *clearAction_ = nullptr;
    QAction *copyAction_ = nullptr;
    QAction *selectAllAction_ = nullptr;
};

} // namespace sandbox
