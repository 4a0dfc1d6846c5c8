#include "run_history_panel.h"

#include "dialog_answers.h"
#include "run_history.h"
#include "run_history_model.h"
#include "spool_replay.h"

#include <QAction>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSaveFile>
#include <QStandardPaths>
#include <QToolBar>
#include <QTreeView>
#include <QUrl>
#include <QVBoxLayout>

namespace sandbox {

RunHistoryPanel::RunHistoryPanel(QWidget *parent)
    : QWidget(parent)
    , model_(new RunHistoryModel(this)) {
    title_ = new QLabel(this);
    title_->setTextFormat(Qt::PlainText);
    search_ = new QLineEdit(this);
    search_->setPlaceholderText(tr("Search runs (command, image, status)"));
    search_->setClearButtonEnabled(true);
    view_ = new QTreeView(this);
    view_->setModel(model_);
    view_->setRootIsDecorated(false);
    view_->setUniformRowHeights(true);
    view_->setAlternatingRowColors(true);
    view_->setSelectionMode(QAbstractItemView::SingleSelection);
    view_->setSelectionBehavior(QAbstractItemView::SelectRows);
    view_->setContextMenuPolicy(Qt::CustomContextMenu);
    view_->header()->setStretchLastSection(false);
    view_->header()->setSectionResizeMode(RunHistoryModel::Command, QHeaderView::Stretch);
    view_->header()->setSectionResizeMode(RunHistoryModel::Started, QHeaderView::ResizeToContents);

    auto *toolbar = new QToolBar(this);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->addAction(addAction(QStringLiteral("rerun"), tr("Re-run")));
    toolbar->addAction(addAction(QStringLiteral("editAndRun"), tr("Edit and run")));
    toolbar->addAction(addAction(QStringLiteral("saveJob"), tr("Save as job…")));
    addAction(QStringLiteral("copyCommand"), tr("Copy as sandboxctl command"))
        ->setToolTip(tr("sandboxctl exec --profile-name …: for whoever has this profile"));
    addAction(QStringLiteral("copyFullCommand"), tr("Copy as sandboxctl command (all flags)"))
        ->setToolTip(tr("--addr, --ca, --cert, --key, …, with the token file as a placeholder: "
                        "for whoever does not have this profile"));
    toolbar->addAction(addAction(QStringLiteral("openTranscript"), tr("Open transcript")));
    toolbar->addAction(addAction(QStringLiteral("deleteRun"), tr("Delete")));
    toolbar->insertAction(action(QStringLiteral("openTranscript")),
                          action(QStringLiteral("copyCommand")));
    action(QStringLiteral("editAndRun"))
        ->setToolTip(tr("Put the command and its overrides into the input; Enter runs it"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(title_);
    layout->addWidget(search_);
    layout->addWidget(toolbar);
    layout->addWidget(view_, 1);

    connect(search_, &QLineEdit::textChanged, model_, &RunHistoryModel::setFilter);
    // A run that starts or ends resets the model: the selected run stays selected.
    connect(model_, &QAbstractItemModel::modelAboutToBeReset, this, [this] {
        const std::optional<RunRecord> run = selectedRun();
        keptSelection_ = run ? run->id : QUuid();
    });
    connect(model_, &QAbstractItemModel::modelReset, this, [this] {
        for (int row = 0; !keptSelection_.isNull() && row < model_->rowCount(); ++row) {
            if (model_->record(row).id == keptSelection_)
                selectRow(row);
        }
        updateActions();
    });
    connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RunHistoryPanel::updateActions);
    connect(view_, &QTreeView::doubleClicked, this, [this] {
        if (const auto run = selectedRun())
            Q_EMIT editRequested(*run);
    });
    connect(view_, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        for (const char *name : {"rerun", "editAndRun", "saveJob", "copyCommand", "copyFullCommand",
                                 "openTranscript", "deleteRun"})
            menu.addAction(action(QString::fromLatin1(name)));
        menu.exec(view_->viewport()->mapToGlobal(pos));
    });
    const auto onSelected = [this](auto signal) {
        return [this, signal] {
            if (const auto run = selectedRun())
                Q_EMIT(this->*signal)(*run);
        };
    };
    connect(action(QStringLiteral("rerun")), &QAction::triggered, this,
            onSelected(&RunHistoryPanel::rerunRequested));
    connect(action(QStringLiteral("editAndRun")), &QAction::triggered, this,
            onSelected(&RunHistoryPanel::editRequested));
    connect(action(QStringLiteral("saveJob")), &QAction::triggered, this,
            onSelected(&RunHistoryPanel::saveJobRequested));
    connect(action(QStringLiteral("copyCommand")), &QAction::triggered, this,
            onSelected(&RunHistoryPanel::copyCommandRequested));
    connect(action(QStringLiteral("copyFullCommand")), &QAction::triggered, this,
            onSelected(&RunHistoryPanel::copyFullCommandRequested));
    connect(action(QStringLiteral("openTranscript")), &QAction::triggered, this, [this] {
        if (const auto run = selectedRun())
            openTranscript(*run);
    });
    connect(action(QStringLiteral("deleteRun")), &QAction::triggered, this, [this] {
        if (const auto run = selectedRun())
            deleteRun(*run);
    });
    setHistory(nullptr, QString());
}

QAction *RunHistoryPanel::addAction(const QString &name, const QString &text) {
    auto *a = new QAction(text, this);
    a->setObjectName(name);
    actions_.insert(name, a);
    return a;
}

void RunHistoryPanel::setHistory(RunHistory *history, const QString &profileName) {
    model_->setHistory(history);
    title_->setText(history ? tr("Runs of \"%1\"").arg(profileName)
                            : tr("Open a console to see its runs."));
    updateActions();
}

RunHistory *RunHistoryPanel::history() const {
    return model_->history();
}

std::optional<RunRecord> RunHistoryPanel::selectedRun() const {
    const QModelIndexList rows = view_->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return model_->record(rows.first().row());
}

void RunHistoryPanel::selectRow(int row) {
    view_->setCurrentIndex(model_->index(row, 0));
    view_->selectionModel()->select(model_->index(row, 0), QItemSelectionModel::ClearAndSelect |
                                                               QItemSelectionModel::Rows);
}

void RunHistoryPanel::updateActions() {
    const std::optional<RunRecord> run = selectedRun();
    for (QAction *a : std::as_const(actions_))
        a->setEnabled(run.has_value());
    if (run)
        action(QStringLiteral("openTranscript"))->setEnabled(!run->transcriptPath.isEmpty());
}

QString RunHistoryPanel::openTranscript(const RunRecord &record) {
    if (record.transcriptPath.isEmpty() || !QFileInfo::exists(record.transcriptPath)) {
        DialogAnswers::information(
            this, tr("Open transcript"),
            record.transcriptDropped
                ? tr("The transcript of \"%1\" was deleted over the run history's cap.")
                      .arg(record.line)
                : tr("No transcript was kept for \"%1\".").arg(record.line));
        return {};
    }
    // Plain text for any viewer; the kept spool file holds the raw bytes.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) +
                        QStringLiteral("/run-transcripts");
    QDir().mkpath(dir);
    const QString path =
        QDir(dir).filePath(record.id.toString(QUuid::WithoutBraces) + QStringLiteral(".txt"));
    QSaveFile out(path);
    SpoolReplay replay(out, SpoolReplay::Format::PlainText);
    const bool ok =
        out.open(QIODevice::WriteOnly) && replay.begin() &&
        replay.replayFile(record.transcriptPath, QFileInfo(record.transcriptPath).size()) &&
        replay.end() && out.commit();
    if (!ok) {
        DialogAnswers::warning(
            this, tr("Open transcript"),
            tr("Could not write %1: %2")
                .arg(QDir::toNativeSeparators(path),
                     replay.errorString().isEmpty() ? out.errorString() : replay.errorString()));
        return {};
    }
    DialogAnswers::openUrl(this, QUrl::fromLocalFile(path));
    return path;
}

bool RunHistoryPanel::deleteRun(const RunRecord &record) {
    RunHistory *runs = history();
    if (!runs ||
        !DialogAnswers::confirm(
            this, tr("Delete run"),
            tr("Delete the run \"%1\" and its transcript from the history?").arg(record.line),
            tr("Delete")))
        return false;
    QString error;
    if (!runs->remove(record.id, &error)) {
        DialogAnswers::warning(this, tr("Delete run"), error);
        return false;
    }
    return true;
}

} // namespace sandbox
