#pragma once

#include "transcript_spool.h"

#include <QDialog>

#include <memory>

class QLabel;
class QRadioButton;
class QThread;

namespace sandbox {

class TranscriptModel;

// Ctrl+S in a console tab: save the whole tab or the selected command, as plain text, as
// the raw bytes (ANSI escape codes kept) or as HTML with colours. The bytes come from the
// spool files (TranscriptSpool::save), so the file is complete however many lines the
// ring dropped; the writing runs on a worker thread, the GUI stays live.
//
// The file name is asked through DialogAnswers::saveFileName (tests preload it), errors
// name the file and go through DialogAnswers::warning. Without a ready spool the lines
// still in memory are saved (plain text or HTML) and the dialog says so.
//
// Not modal-blocking: openFor() shows it window-modal and returns; tests drive it with
// setScope/setFormat and accept().
class TranscriptSaveDialog : public QDialog {
    Q_OBJECT
public:
    enum class Scope { WholeTab, SelectedCommand };

    // `spool` may be null; `blockId` 0 means no command is selected. The spool and the
    // model must outlive the dialog.
    TranscriptSaveDialog(const TranscriptModel *model, TranscriptSpool *spool, quint64 blockId,
                         QWidget *parent = nullptr);
    // Waits for a save in progress: the worker thread reads the spool.
    ~TranscriptSaveDialog() override;

    // Opens a dialog that deletes itself when closed.
    static TranscriptSaveDialog *openFor(const TranscriptModel *model, TranscriptSpool *spool,
                                         quint64 blockId, QWidget *parent);

    Scope scope() const;
    void setScope(Scope scope);
    TranscriptSpool::SaveFormat format() const;
    void setFormat(TranscriptSpool::SaveFormat format);
    bool isSaving() const;
    // Presenter mode: says that the file is the record and holds the output unmasked.
    void setPresenterWarning(bool on);
    QLabel *presenterWarningLabel() const { return presenterWarning_; }

public Q_SLOTS:
    // Asks for the file name and starts writing; closes when written.
    void accept() override;

Q_SIGNALS:
    void saved(const QString &path);
    void failed(const QString &message); // names the file

private:
    bool spoolReady() const;
    QString fileFilter() const;
    void startSave(const QString &path);
    void finishSave();
    bool saveFromModel(const QString &path, QString *error) const;

    const TranscriptModel *model_;
    TranscriptSpool *spool_;
    quint64 blockId_;
    QRadioButton *wholeTab_ = nullptr;
    QRadioButton *selectedCommand_ = nullptr;
    QRadioButton *plainText_ = nullptr;
    QRadioButton *rawBytes_ = nullptr;
    QRadioButton *html_ = nullptr;
    QLabel *status_ = nullptr;
    QLabel *presenterWarning_ = nullptr;
    QThread *worker_ = nullptr;
    QString savingTo_;
    // Written by the worker, read after it finished.
    bool workerOk_ = false;
    QString workerError_;
};

} // namespace sandbox
