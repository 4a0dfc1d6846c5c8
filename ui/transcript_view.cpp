#include "transcript_view.h"

#include "terminal_palette.h"
#include "transcript_caret.h"
#include "transcript_model.h"
#include "transcript_scroll_bar.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QKeyEvent>
#include <QMenu>
#include <QMimeData>
#include <QPainter>
#include <QScopedValueRollback>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>
#include <cmath>

namespace sandbox {

namespace {

constexpr int kMargin = 4; // pixels left of column 0

QColor rgb(quint32 value) {
    return QColor::fromRgb(QRgb(0xff000000u | value));
}

} // namespace

TranscriptView::TranscriptView(TranscriptModel *model, QWidget *parent)
    : QAbstractScrollArea(parent)
    , model_(model) {
    Q_ASSERT(model_);
    setFocusPolicy(Qt::StrongFocus);
    viewport()->setMouseTracking(true);
    viewport()->setCursor(Qt::IBeamCursor);
    viewport()->setAutoFillBackground(false);
    // paintEvent fills the whole viewport: nothing under it needs painting first.
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    painter_.setFont(font());
    QPalette pal = viewport()->palette();
    pal.setColor(QPalette::Base, rgb(TerminalPalette::defaultBackground()));
    viewport()->setPalette(pal);
    setVerticalScrollBar(new TranscriptScrollBar(this));
    setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    // QAbstractScrollArea lays its children out again after every range change of a bar, and
    // in Qt 6.4 that repaints the whole widget (frame, both bars, viewport): during a flood,
    // once per batch. The vertical bar is always shown, so its range never changes the
    // layout; only the horizontal bar's (shown as needed) does.
    disconnect(verticalScrollBar(), &QScrollBar::rangeChanged, this, nullptr);

    QColor selection = palette().color(QPalette::Highlight);
    selection.setAlpha(110);
    // Find colours: a light amber for every match, a stronger orange for the current one.
    painter_.setColours({selection, QColor(0xff, 0xe0, 0x6b, 170), QColor(0xff, 0x96, 0x32, 210)});

    autoScrollTimer_ = new QTimer(this);
    autoScrollTimer_->setInterval(50);
    connect(autoScrollTimer_, &QTimer::timeout, this, &TranscriptView::autoScroll);

    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (!adjustingScroll_)
            followTail_ = value >= verticalScrollBar()->maximum();
    });
    frameTimer_ = new QTimer(this);
    frameTimer_->setSingleShot(true);
    connect(frameTimer_, &QTimer::timeout, viewport(), qOverload<>(&QWidget::update));
    sinceFrame_.start();
    connect(model_, &TranscriptModel::linesAppended, this, &TranscriptView::onLinesAppended);
    connect(model_, &TranscriptModel::partialLinesChanged, this, &TranscriptView::onLinesAppended);
    connect(model_, &TranscriptModel::linesDropped, this, &TranscriptView::onLinesDropped);
    connect(model_, &TranscriptModel::modelReset, this, &TranscriptView::onModelReset);
    actions_ = new TranscriptViewActions(this);
    updateActions();
    linesSeen_ = model_->totalLinesAppended();
    updateScrollRange();
    scrollToBottom();
}

TranscriptView::~TranscriptView() = default;

void TranscriptView::updateActions() {
    actions_->update(hasSelection(), model_->hasDropMarker());
}

// --- model signals: O(1) each, whatever arrived ---

void TranscriptView::onLinesAppended() {
    linesSeen_ = model_->totalLinesAppended();
    const QScopedValueRollback<bool> fromModel(modelChanging_, true);
    updateScrollRange();
    if (followTail_)
        scrollToBottom();
    requestFrame();
}

// A flood changes the model up to 60 times a second; repainting as often spends the GUI
// thread on frames nobody can read. Model-driven repaints come at most once per
// kFrameIntervalMs (the first after a quiet spell at once); the scroll state itself is
// always current, and the user's own scrolling repaints at once.
void TranscriptView::requestFrame() {
    if (frameTimer_->isActive())
        return;
    const qint64 since = sinceFrame_.elapsed();
    if (since >= kFrameIntervalMs)
        viewport()->update();
    else
        frameTimer_->start(int(kFrameIntervalMs - since));
}

void TranscriptView::onLinesDropped(qsizetype rows) {
    // Keep what the reader looks at in place: every row moved up by `rows`.
    const int top = verticalScrollBar()->value();
    const QScopedValueRollback<bool> fromModel(modelChanging_, true);
    updateScrollRange();
    if (!followTail_) {
        adjustingScroll_ = true;
        verticalScrollBar()->setValue(int(qMax<qsizetype>(0, top - rows)));
        adjustingScroll_ = false;
    }
    updateActions(); // the drop marker may have appeared
    requestFrame();
}

void TranscriptView::onModelReset() {
    // modelReset also comes when the drop marker first appears; only clear() starts the
    // line numbers again, and only then do selection and highlights lose their lines.
    if (model_->totalLinesAppended() < linesSeen_) {
        selection_.clear();
        highlights_.clear();
        currentHighlight_ = -1;
        widestCells_ = 0;
        followTail_ = true;
        Q_EMIT selectionChanged();
    }
    linesSeen_ = model_->totalLinesAppended();
    updateScrollRange();
    if (followTail_)
        scrollToBottom();
    updateActions();
    viewport()->update();
}

void TranscriptView::updateScrollRange() {
    const int fullRows = qMax(1, viewport()->height() / painter_.lineHeight());
    const qsizetype rows = model_->lineCount();
    adjustingScroll_ = true;
    QScrollBar *v = verticalScrollBar();
    v->setPageStep(fullRows);
    v->setSingleStep(1);
    v->setRange(0, int(qMax<qsizetype>(0, rows - fullRows)));
    QScrollBar *h = horizontalScrollBar();
    const int width = int(std::ceil(widestCells_ * painter_.cellWidth())) + 2 * kMargin;
    h->setPageStep(viewport()->width());
    h->setSingleStep(int(std::ceil(painter_.cellWidth())));
    h->setRange(0, qMax(0, width - viewport()->width()));
    adjustingScroll_ = false;
}

// --- scrolling ---

qsizetype TranscriptView::firstVisibleRow() const {
    return verticalScrollBar()->value();
}

int TranscriptView::visibleRowCount() const {
    const int lh = painter_.lineHeight();
    return (viewport()->height() + lh - 1) / lh;
}

void TranscriptView::scrollToBottom() {
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
    followTail_ = true;
}

void TranscriptView::scrollToRow(qsizetype row) {
    verticalScrollBar()->setValue(int(qMax<qsizetype>(0, row)));
}

void TranscriptView::ensureRowVisible(qsizetype row) {
    const qsizetype first = firstVisibleRow();
    const int fullRows = qMax(1, viewport()->height() / painter_.lineHeight());
    if (row < first)
        scrollToRow(row);
    else if (row >= first + fullRows)
        scrollToRow(row - fullRows + 1);
}

void TranscriptView::goToPreviousHeader() {
    const qsizetype row = model_->previousHeaderRow(firstVisibleRow());
    if (row >= 0)
        scrollToRow(row);
}

void TranscriptView::goToNextHeader() {
    const qsizetype row = model_->nextHeaderRow(firstVisibleRow());
    if (row >= 0)
        scrollToRow(row);
    else
        scrollToBottom(); // past the last command: its end, following again
}

void TranscriptView::scrollContentsBy(int, int) {
    if (modelChanging_)
        requestFrame();
    else
        viewport()->update();
}

void TranscriptView::resizeEvent(QResizeEvent *event) {
    QAbstractScrollArea::resizeEvent(event);
    updateScrollRange();
    if (followTail_)
        scrollToBottom();
}

void TranscriptView::changeEvent(QEvent *event) {
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange) {
        painter_.setFont(font());
        updateScrollRange();
        viewport()->update();
    }
}

// --- painting: only rows [first, first + visible) ---

TranscriptPainter::RowMarks
TranscriptView::marksFor(qsizetype row, qint64 key, qsizetype textSize,
                         const std::optional<std::pair<qsizetype, qsizetype>> &sel) const {
    TranscriptPainter::RowMarks marks;
    if (sel && row >= sel->first && row <= sel->second) {
        const auto range = selection_.rangeInRow(*model_, row, textSize);
        marks.selectionStart = range.start;
        marks.selectionEnd = range.end;
        marks.selectionToLineEnd = range.toLineEnd;
    }
    auto it = std::lower_bound(highlights_.cbegin(), highlights_.cend(), key,
                               [](const KeyedMatch &m, qint64 k) { return m.key < k; });
    for (; it != highlights_.cend() && it->key == key; ++it)
        marks.highlights.append(
            {it->start, it->length, int(it - highlights_.cbegin()) == currentHighlight_});
    return marks;
}

void TranscriptView::paintEvent(QPaintEvent *) {
    sinceFrame_.restart();
    QPainter p(viewport());
    p.fillRect(viewport()->rect(), rgb(TerminalPalette::defaultBackground()));
    const qsizetype count = model_->lineCount();
    const qsizetype first = firstVisibleRow();
    const qsizetype end = qMin(count, first + visibleRowCount());
    const double x = kMargin - horizontalScrollBar()->value();
    const double right = viewport()->width();
    const auto sel = selection_.rows(*model_);
    int widest = widestCells_;
    painter_.beginFrame();
    double y = 0;
    for (qsizetype row = first; row < end; ++row, y += painter_.lineHeight()) {
        const qint64 key = TranscriptAnchor::keyOfRow(*model_, row);
        const TranscriptRowLayout &layout = painter_.layout(key, model_->line(row));
        painter_.paintRow(p, layout, x, y, right,
                          marksFor(row, key, layout.line().text.size(), sel));
        widest = qMax(widest, layout.cells());
    }
    painter_.endFrame();
    paintedRows_ = int(qMax<qsizetype>(0, end - first));
    if (widest > widestCells_) { // a wider row came into view: grow the range after painting
        widestCells_ = widest;
        QMetaObject::invokeMethod(this, &TranscriptView::updateScrollRange, Qt::QueuedConnection);
    }
}

// --- selection ---

bool TranscriptView::hasSelection() const {
    return selection_.rows(*model_).has_value();
}

void TranscriptView::setSelection(qsizetype anchorRow, qsizetype anchorOffset, qsizetype cursorRow,
                                  qsizetype cursorOffset) {
    selection_.set({TranscriptAnchor::keyOfRow(*model_, anchorRow), anchorOffset},
                   {TranscriptAnchor::keyOfRow(*model_, cursorRow), cursorOffset});
    updateActions();
    viewport()->update();
    Q_EMIT selectionChanged();
}

void TranscriptView::selectAll() {
    const qsizetype count = model_->lineCount();
    if (count == 0)
        return;
    setSelection(0, 0, count - 1, model_->line(count - 1).text.size());
}

void TranscriptView::clearSelection() {
    selection_.clear();
    updateActions();
    viewport()->update();
    Q_EMIT selectionChanged();
}

QString TranscriptView::selectedText() const {
    return selection_.plainText(*model_);
}

QString TranscriptView::selectedHtml() const {
    return selection_.html(*model_);
}

quint64 TranscriptView::currentBlockId() const {
    qsizetype row = -1;
    if (selection_.anchor())
        row = TranscriptAnchor::rowOfKey(*model_, selection_.cursor().key);
    else if (followTail_)
        row = model_->lineCount() - 1;
    else
        row = firstVisibleRow() + visibleRowCount() / 2;
    return model_->blockIdAt(qMin(row, model_->lineCount() - 1));
}

void TranscriptView::copy() {
    if (hasSelection())
        QGuiApplication::clipboard()->setText(selectedText());
}

void TranscriptView::copyWithColours() {
    if (!hasSelection())
        return;
    auto *mime = new QMimeData;
    mime->setHtml(selectedHtml());
    mime->setText(selectedText());
    QGuiApplication::clipboard()->setMimeData(mime);
}

void TranscriptView::clear() {
    model_->clear();
}

// --- find ---

void TranscriptView::setHighlights(const QList<FindMatch> &matches, int current) {
    highlights_.clear();
    highlights_.reserve(matches.size());
    for (const FindMatch &m : matches)
        highlights_.append({TranscriptAnchor::keyOfRow(*model_, m.row), m.start, m.length});
    currentHighlight_ = (current >= 0 && current < matches.size()) ? current : -1;
    if (currentHighlight_ >= 0) {
        const FindMatch &m = matches[currentHighlight_];
        const qsizetype first = firstVisibleRow();
        const int fullRows = qMax(1, viewport()->height() / painter_.lineHeight());
        if (m.row < first || m.row >= first + fullRows)
            scrollToRow(m.row - fullRows / 2);
        const TranscriptRowLayout &layout =
            painter_.layout(highlights_[currentHighlight_].key, model_->line(m.row));
        widestCells_ = qMax(widestCells_, layout.cells());
        updateScrollRange();
        const int left = int(layout.columnOfOffset(m.start) * painter_.cellWidth());
        const int right = int(layout.columnOfOffset(m.start + m.length) * painter_.cellWidth());
        QScrollBar *h = horizontalScrollBar();
        if (left < h->value() || right + 2 * kMargin > h->value() + viewport()->width())
            h->setValue(left - viewport()->width() / 3);
    }
    viewport()->update();
}

void TranscriptView::clearHighlights() {
    highlights_.clear();
    currentHighlight_ = -1;
    viewport()->update();
}

// --- mouse and keys ---

qsizetype TranscriptView::rowAt(int y) const {
    const qsizetype row =
        firstVisibleRow() + qsizetype(std::floor(double(y) / painter_.lineHeight()));
    return qBound(qsizetype(0), row, model_->lineCount() - 1);
}

TranscriptAnchor TranscriptView::anchorAt(const QPoint &pos) {
    const qsizetype row = rowAt(pos.y());
    if (row < 0)
        return {};
    const qint64 key = TranscriptAnchor::keyOfRow(*model_, row);
    const double column =
        (pos.x() + horizontalScrollBar()->value() - kMargin) / painter_.cellWidth();
    return {key, painter_.layout(key, model_->line(row)).offsetNearColumn(column)};
}

bool TranscriptView::isOnDropMarker(const QPoint &pos) const {
    return model_->hasDropMarker() && rowAt(pos.y()) == 0 && pos.y() >= 0 &&
           firstVisibleRow() == 0 && pos.y() < painter_.lineHeight();
}

void TranscriptView::selectionMoved(bool scrollToCursor) {
    if (scrollToCursor)
        ensureRowVisible(TranscriptAnchor::rowOfKey(*model_, selection_.cursor().key));
    updateActions();
    viewport()->update();
    Q_EMIT selectionChanged();
}

void TranscriptView::mousePressEvent(QMouseEvent *event) {
    if (event->button() != Qt::LeftButton || model_->lineCount() == 0)
        return QAbstractScrollArea::mousePressEvent(event);
    const TranscriptAnchor at = anchorAt(event->position().toPoint());
    if (event->modifiers() & Qt::ShiftModifier)
        selection_.extendTo(at);
    else
        selection_.set(at, at);
    dragging_ = true;
    pressPos_ = event->position().toPoint();
    pressOnMarker_ = isOnDropMarker(pressPos_);
    selectionMoved(false);
}

void TranscriptView::mouseMoveEvent(QMouseEvent *event) {
    const QPoint pos = event->position().toPoint();
    if (!dragging_) {
        viewport()->setCursor(isOnDropMarker(pos) ? Qt::PointingHandCursor : Qt::IBeamCursor);
        return;
    }
    selection_.extendTo(anchorAt(pos));
    const bool outside = pos.y() < 0 || pos.y() >= viewport()->height();
    if (outside && !autoScrollTimer_->isActive())
        autoScrollTimer_->start();
    else if (!outside)
        autoScrollTimer_->stop();
    selectionMoved(false);
}

void TranscriptView::mouseReleaseEvent(QMouseEvent *event) {
    if (!dragging_ || event->button() != Qt::LeftButton)
        return QAbstractScrollArea::mouseReleaseEvent(event);
    dragging_ = false;
    autoScrollTimer_->stop();
    const QPoint pos = event->position().toPoint();
    const bool click = (pos - pressPos_).manhattanLength() < QApplication::startDragDistance();
    if (pressOnMarker_ && click && isOnDropMarker(pos)) {
        selection_.clear();
        selectionMoved(false);
        actions_->openTranscript->trigger();
        return;
    }
    if (hasSelection() && QGuiApplication::clipboard()->supportsSelection())
        QGuiApplication::clipboard()->setText(selectedText(), QClipboard::Selection);
}

void TranscriptView::mouseDoubleClickEvent(QMouseEvent *event) {
    if (event->button() != Qt::LeftButton || model_->lineCount() == 0)
        return QAbstractScrollArea::mouseDoubleClickEvent(event);
    const TranscriptAnchor at = anchorAt(event->position().toPoint());
    const qsizetype row = TranscriptAnchor::rowOfKey(*model_, at.key);
    const auto [start, end] = TranscriptCaret::wordAt(model_->line(row).text, at.offset);
    selection_.set({at.key, start}, {at.key, end});
    selectionMoved(false);
}

// While a drag is held above or below the viewport, scroll and extend the selection.
void TranscriptView::autoScroll() {
    const QPoint pos = viewport()->mapFromGlobal(QCursor::pos());
    QScrollBar *v = verticalScrollBar();
    v->setValue(v->value() + (pos.y() < 0 ? -3 : 3));
    selection_.extendTo(anchorAt(pos));
    selectionMoved(false);
}

void TranscriptView::keyPressEvent(QKeyEvent *event) {
    if ((event->matches(QKeySequence::Copy) && !hasSelection()) || event->key() == Qt::Key_Escape) {
        Q_EMIT cancelRequested();
        return event->accept();
    }
    const bool control = event->modifiers() & Qt::ControlModifier;
    if (event->modifiers() & Qt::ShiftModifier) {
        // No caret yet: extend from the end of the transcript, where the output just was.
        const TranscriptAnchor from =
            selection_.anchor() ? selection_.cursor()
                                : TranscriptCaret::endOfRow(*model_, model_->lineCount() - 1);
        const int page = qMax(1, viewport()->height() / painter_.lineHeight());
        if (const auto to =
                TranscriptCaret::moved(*model_, painter_, from, event->key(), control, page)) {
            if (!selection_.anchor())
                selection_.set(from, from);
            selection_.extendTo(*to);
            selectionMoved(true);
            return event->accept();
        }
    }
    // Home / End, with or without Ctrl (as in terminals and editors): top and bottom.
    const bool plainOrControl = (event->modifiers() & ~Qt::ControlModifier) == Qt::NoModifier;
    if (event->key() == Qt::Key_Home && plainOrControl)
        return scrollToRow(0);
    if (event->key() == Qt::Key_End && plainOrControl)
        return scrollToBottom();
    QAbstractScrollArea::keyPressEvent(event);
}

void TranscriptView::contextMenuEvent(QContextMenuEvent *event) {
    updateActions();
    QMenu menu(this);
    actions_->populate(menu);
    menu.exec(event->globalPos());
}

} // namespace sandbox
