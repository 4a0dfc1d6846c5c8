#pragma once

#include <QObject>

class QAction;
class QMenu;

namespace sandbox {

class TranscriptView;

// TranscriptView's actions, with their shortcuts (active while the view or a widget they
// are also added to has focus) and the order of its context menu.
class TranscriptViewActions : public QObject {
    Q_OBJECT
public:
    explicit TranscriptViewActions(TranscriptView *view);

    // Copy needs a selection (then Ctrl+C copies; without one it cancels, see the view);
    // Open Transcript File needs the drop marker.
    void update(bool hasSelection, bool hasDropMarker);
    void populate(QMenu &menu) const;

    QAction *copy = nullptr;
    QAction *copyHtml = nullptr;
    QAction *selectAll = nullptr;
    QAction *clear = nullptr;
    QAction *save = nullptr;
    QAction *openTranscript = nullptr;
    QAction *previousHeader = nullptr;
    QAction *nextHeader = nullptr;
};

} // namespace sandbox
