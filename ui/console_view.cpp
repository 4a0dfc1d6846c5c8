#include "console_view.h"

#include <QAction>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QFontDatabase>
#include <QKeyEvent>
#include <QMenu>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextCursor>
#include <QTimer>

namespace sandbox {

namespace {

constexpr int kDefaultScrollback = 10000;
// Lines laid out per event-loop pass: a few milliseconds of work, so input and repaints
// keep flowing during a flood.
constexpr int kLinesPerSlice = 256;

QTextCharFormat colouredFormat(const QColor &colour, bool bold) {
    QTextCharFormat f;
    f.setForeground(colour);
    if (bold)
        f.setFontWeight(QFont::Bold);
    return f;
}

} // namespace

ConsoleView::ConsoleView(QWidget *parent)
    : QPlainTextEdit(parent)
    , stdoutDecoder_(QStringDecoder::Utf8)
    , stderrDecoder_(QStringDecoder::Utf8) {
    setReadOnly(true);
    setUndoRedoEnabled(false);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setMaximumBlockCount(kDefaultScrollback);
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);

    formats_[int(Style::Stdout)] = QTextCharFormat();
    formats_[int(Style::Stderr)] = colouredFormat(QColor(0xd2, 0x3c, 0x3c), false);
    formats_[int(Style::Header)] = colouredFormat(QColor(0x3b, 0x6f, 0xb6), true);
    formats_[int(Style::BannerOk)] = colouredFormat(QColor(0x2e, 0x8b, 0x57), true);
    formats_[int(Style::BannerFailed)] = colouredFormat(QColor(0xc0, 0x39, 0x2b), true);
    formats_[int(Style::Notice)] = colouredFormat(QColor(0xb7, 0x79, 0x1f), true);

    sliceTimer_ = new QTimer(this);
    sliceTimer_->setSingleShot(true);
    sliceTimer_->setInterval(0);
    connect(sliceTimer_, &QTimer::timeout, this, &ConsoleView::insertSlice);

    clearAction_ = new QAction(tr("C&lear"), this);
    clearAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    connect(clearAction_, &QAction::triggered, this, [this] {
        clear();
        pending_.clear();
        atLineStart_ = true;
    });
    copyAction_ = new QAction(tr("&Copy"), this);
    copyAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    connect(copyAction_, &QAction::triggered, this, &QPlainTextEdit::copy);
    selectAllAction_ = new QAction(tr("Select &All"), this);
    selectAllAction_->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    connect(selectAllAction_, &QAction::triggered, this, &QPlainTextEdit::selectAll);
    for (QAction *a : {clearAction_, copyAction_, selectAllAction_}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(a);
    }
}

void ConsoleView::setScrollbackLines(int lines) {
    setMaximumBlockCount(lines > 0 ? lines : kDefaultScrollback);
}

QTextCharFormat ConsoleView::format(Style style) const {
    return formats_[int(style)];
}

void ConsoleView::appendCommandHeader(const QDateTime &when, const QString &profileName,
                                      const QString &image, const QString &command) {
    resetDecoders();
    const QString imageText = image.isEmpty() ? tr("agent default image") : image;
    appendLine(Style::Header, tr("[%1] %2 · %3 $ %4")
                                  .arg(when.toString(QStringLiteral("HH:mm:ss")), profileName,
                                       imageText, command));
}

void ConsoleView::appendOutput(const QList<RawChunk> &chunks) {
    QList<Segment> segments;
    segments.reserve(chunks.size());
    for (const RawChunk &chunk : chunks) {
        QStringDecoder &decoder = chunk.isStderr ? stderrDecoder_ : stdoutDecoder_;
        QString text = decoder.decode(chunk.data);
        if (text.isEmpty())
            continue;
        const Style style = chunk.isStderr ? Style::Stderr : Style::Stdout;
        if (!segments.isEmpty() && segments.last().style == style)
            segments.last().text += text;
        else
            segments.append({style, std::move(text)});
    }
    appendSegments(std::move(segments));
}

void ConsoleView::appendEndBanner(const QString &text, bool success) {
    resetDecoders();
    appendLine(success ? Style::BannerOk : Style::BannerFailed, text);
}

void ConsoleView::appendNotice(const QString &text) {
    appendLine(Style::Notice, text);
}

void ConsoleView::appendLine(Style style, const QString &text) {
    QList<Segment> segments;
    ensureLineStart(segments);
    segments.append({style, text + QLatin1Char('\n')});
    appendSegments(std::move(segments));
}

void ConsoleView::ensureLineStart(QList<Segment> &segments) const {
    if (!atLineStart_)
        segments.append({Style::Stdout, QStringLiteral("\n")});
}

// A batch with more lines than the scrollback would be trimmed right after insertion;
// skipping those lines up front keeps a flood from laying out text nobody can see.
void ConsoleView::dropLinesBeyondScrollback(QList<Segment> &segments) const {
    const int limit = maximumBlockCount();
    if (limit <= 0)
        return;
    qsizetype lines = 0;
    for (qsizetype i = segments.size() - 1; i >= 0; --i) {
        const QString &text = segments[i].text;
        for (qsizetype pos = text.size() - 1; pos >= 0; --pos) {
            if (text[pos] != QLatin1Char('\n') || ++lines < limit)
                continue;
            segments[i].text = text.mid(pos + 1);
            segments.remove(0, i);
            return;
        }
    }
}

void ConsoleView::appendSegments(QList<Segment> segments) {
    for (Segment &segment : segments) {
        if (segment.text.isEmpty())
            continue;
        atLineStart_ = segment.text.endsWith(QLatin1Char('\n'));
        if (!pending_.isEmpty() && pending_.last().style == segment.style)
            pending_.last().text += segment.text;
        else
            pending_.append(std::move(segment));
    }
    dropLinesBeyondScrollback(pending_);
    // The first slice goes in at once, so short output shows without a detour.
    if (!sliceTimer_->isActive())
        insertSlice();
}

// Takes up to kLinesPerSlice lines from the front of the queue.
QList<ConsoleView::Segment> ConsoleView::takeSlice() {
    QList<Segment> slice;
    int lines = 0;
    while (!pending_.isEmpty() && lines < kLinesPerSlice) {
        Segment &front = pending_.first();
        qsizetype pos = -1;
        while (lines < kLinesPerSlice) {
            pos = front.text.indexOf(QLatin1Char('\n'), pos + 1);
            if (pos < 0)
                break;
            ++lines;
        }
        if (pos < 0 || pos + 1 == front.text.size()) {
            slice.append(pending_.takeFirst());
            continue;
        }
        slice.append({front.style, front.text.left(pos + 1)});
        front.text.remove(0, pos + 1);
    }
    return slice;
}

void ConsoleView::insertSlice() {
    const QList<Segment> slice = takeSlice();
    QScrollBar *bar = verticalScrollBar();
    const bool followTail = bar->value() >= bar->maximum() - 2;

    QTextCursor cursor(document());
    cursor.movePosition(QTextCursor::End);
    cursor.beginEditBlock();
    for (const Segment &segment : slice)
        cursor.insertText(segment.text, formats_[int(segment.style)]);
    cursor.endEditBlock();
    if (followTail)
        bar->setValue(bar->maximum());
    if (pending_.isEmpty())
        Q_EMIT caughtUp();
    else
        sliceTimer_->start();
}

void ConsoleView::resetDecoders() {
    stdoutDecoder_.resetState();
    stderrDecoder_.resetState();
}

void ConsoleView::contextMenuEvent(QContextMenuEvent *event) {
    QMenu menu(this);
    copyAction_->setEnabled(textCursor().hasSelection());
    menu.addAction(copyAction_);
    menu.addAction(selectAllAction_);
    menu.addSeparator();
    menu.addAction(clearAction_);
    menu.exec(event->globalPos());
    copyAction_->setEnabled(true);
}

void ConsoleView::keyPressEvent(QKeyEvent *event) {
    const bool copyWithoutSelection =
        event->matches(QKeySequence::Copy) && !textCursor().hasSelection();
    if (copyWithoutSelection || event->key() == Qt::Key_Escape) {
        Q_EMIT cancelRequested();
        event->accept();
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

} // namespace sandbox
