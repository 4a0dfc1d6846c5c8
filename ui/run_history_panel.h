#pragma once

#include "run_record.h"

#include <QHash>
#include <QUuid>
#include <QWidget>

#include <optional>

class QAction;
class QLabel;
class QLineEdit;
class QTreeView;

namespace sandbox {

class RunHistory;
class RunHistoryModel;

// The run history of the current tab's profile (a dock): search field, the runs newest
// first, and the actions Re-run, Edit and run, Save as job…, Copy as sandboxctl command,
// Open transcript and Delete. Re-run, edit, save and copy go to whoever listens (the
// window, which knows the tabs and jobs); open and delete it does itself on the history.
class RunHistoryPanel : public QWidget {
    Q_OBJECT
public:
    explicit RunHistoryPanel(QWidget *parent = nullptr);

    void setHistory(RunHistory *history, const QString &profileName);
    RunHistory *history() const;

    QLineEdit *searchField() const { return search_; }
    QTreeView *view() const { return view_; }
    RunHistoryModel *model() const { return model_; }
    QLabel *titleLabel() const { return title_; }
    // rerun, editAndRun, saveJob, copyCommand, openTranscript, deleteRun
    QAction *action(const QString &name) const { return actions_.value(name); }

    std::optional<RunRecord> selectedRun() const;
    void selectRow(int row);

    // Writes the run's transcript as plain text (from its kept spool file) and opens it in
    // the desktop's viewer. Returns the text file, empty (and says why) when there is none.
    QString openTranscript(const RunRecord &record);
    bool deleteRun(const RunRecord &record);

Q_SIGNALS:
    void rerunRequested(const sandbox::RunRecord &record);
    void editRequested(const sandbox::RunRecord &record);
    void saveJobRequested(const sandbox::RunRecord &record);
    void copyCommandRequested(const sandbox::RunRecord &record);
    void copyFullCommandRequested(const sandbox::RunRecord &record);

private:
    QAction *addAction(const QString &name, const QString &text);
    void updateActions();

    QLabel *title_ = nullptr;
    QLineEdit *search_ = nullptr;
    QTreeView *view_ = nullptr;
    RunHistoryModel *model_ = nullptr;
    QHash<QString, QAction *> actions_;
    QUuid keptSelection_; // across model resets
};

} // namespace sandbox
