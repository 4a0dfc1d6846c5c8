#include "transcript_save_dialog.h"

#include "dialog_answers.h"
#include "transcript_model.h"

#include <QButtonGroup>
#include <QDateTime>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSaveFile>
#include <QStandardPaths>
#include <QThread>
#include <QVBoxLayout>

namespace sandbox {

namespace {

// Writes `write`'s output atomically: the file appears only when complete.
template <typename Write> bool writeFile(const QString &path, Write write, QString *error) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = file.errorString();
        return false;
    }
    if (!write(file, error)) {
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

QString suffixFor(TranscriptSpool::SaveFormat format) {
    switch (format) {
    case TranscriptSpool::SaveFormat::PlainText:
        return QStringLiteral("txt");
    case TranscriptSpool::SaveFormat::RawBytes:
        return QStringLiteral("ansi");
    case TranscriptSpool::SaveFormat::Html:
        return QStringLiteral("html");
    }
    return QStringLiteral("txt");
}

QRadioButton *addRadio(QVBoxLayout *layout, QButtonGroup *group, const QString &text) {
    auto *radio = new QRadioButton(text);
    layout->addWidget(radio);
    group->addButton(radio);
    return radio;
}

} // namespace

TranscriptSaveDialog::TranscriptSaveDialog(const TranscriptModel *model, TranscriptSpool *spool,
                                           quint64 blockId, QWidget *parent)
    : QDialog(parent)
    , model_(model)
    , spool_(spool)
    , blockId_(blockId) {
    setWindowTitle(tr("Save Transcript"));
    auto *layout = new QVBoxLayout(this);

    auto *what = new QGroupBox(tr("What"), this);
    auto *whatLayout = new QVBoxLayout(what);
    auto *whatGroup = new QButtonGroup(this);
    wholeTab_ = addRadio(whatLayout, whatGroup, tr("&Whole tab (every command)"));
    QString command;
    // The header names the command; once the ring dropped it, no output line may stand in.
    if (const auto [first, last] = model_->blockRows(blockId_);
        first >= 0 && model_->line(first).kind == LineKind::Header)
        command = model_->line(first).text;
    selectedCommand_ = addRadio(whatLayout, whatGroup,
                                command.isEmpty() ? tr("Selected &command")
                                                  : tr("Selected &command: %1").arg(command));
    selectedCommand_->setEnabled(blockId_ != 0);
    (blockId_ != 0 ? selectedCommand_ : wholeTab_)->setChecked(true);
    layout->addWidget(what);

    auto *format = new QGroupBox(tr("Format"), this);
    auto *formatLayout = new QVBoxLayout(format);
    auto *formatGroup = new QButtonGroup(this);
    plainText_ = addRadio(formatLayout, formatGroup, tr("&Plain text"));
    rawBytes_ = addRadio(formatLayout, formatGroup, tr("&Raw bytes (ANSI escape codes kept)"));
    html_ = addRadio(formatLayout, formatGroup, tr("&HTML with colours"));
    plainText_->setChecked(true);
    layout->addWidget(format);

    presenterWarning_ = new QLabel(
        tr("Presenter mode is on, but a saved transcript is the record: it holds the output "
           "unmasked, env values included."),
        this);
    presenterWarning_->setWordWrap(true);
    presenterWarning_->setStyleSheet(QStringLiteral("color: #c0392b;"));
    presenterWarning_->hide();
    layout->addWidget(presenterWarning_);

    status_ = new QLabel(this);
    status_->setWordWrap(true);
    layout->addWidget(status_);
    if (!spoolReady()) {
        rawBytes_->setEnabled(false);
        status_->setText(
            tr("The transcript file is not available (%1): only the lines still shown are saved.")
                .arg(spool_ ? spool_->errorString() : tr("no transcript file")));
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Save)->setText(tr("&Save…"));
    connect(buttons, &QDialogButtonBox::accepted, this, &TranscriptSaveDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &TranscriptSaveDialog::reject);
    layout->addWidget(buttons);
}

TranscriptSaveDialog::~TranscriptSaveDialog() {
    if (worker_)
        worker_->wait();
}

TranscriptSaveDialog *TranscriptSaveDialog::openFor(const TranscriptModel *model,
                                                    TranscriptSpool *spool, quint64 blockId,
                                                    QWidget *parent) {
    auto *dialog = new TranscriptSaveDialog(model, spool, blockId, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

void TranscriptSaveDialog::setPresenterWarning(bool on) {
    presenterWarning_->setVisible(on);
}

bool TranscriptSaveDialog::spoolReady() const {
    return spool_ && spool_->isReady();
}

TranscriptSaveDialog::Scope TranscriptSaveDialog::scope() const {
    return selectedCommand_->isChecked() ? Scope::SelectedCommand : Scope::WholeTab;
}

void TranscriptSaveDialog::setScope(Scope scope) {
    if (scope == Scope::SelectedCommand && selectedCommand_->isEnabled())
        selectedCommand_->setChecked(true);
    else
        wholeTab_->setChecked(true);
}

TranscriptSpool::SaveFormat TranscriptSaveDialog::format() const {
    if (rawBytes_->isChecked())
        return TranscriptSpool::SaveFormat::RawBytes;
    if (html_->isChecked())
        return TranscriptSpool::SaveFormat::Html;
    return TranscriptSpool::SaveFormat::PlainText;
}

void TranscriptSaveDialog::setFormat(TranscriptSpool::SaveFormat format) {
    switch (format) {
    case TranscriptSpool::SaveFormat::PlainText:
        plainText_->setChecked(true);
        break;
    case TranscriptSpool::SaveFormat::RawBytes:
        if (rawBytes_->isEnabled())
            rawBytes_->setChecked(true);
        break;
    case TranscriptSpool::SaveFormat::Html:
        html_->setChecked(true);
        break;
    }
}

bool TranscriptSaveDialog::isSaving() const {
    return worker_ != nullptr;
}

QString TranscriptSaveDialog::fileFilter() const {
    switch (format()) {
    case TranscriptSpool::SaveFormat::PlainText:
        return tr("Text files (*.txt);;All files (*)");
    case TranscriptSpool::SaveFormat::RawBytes:
        return tr("Terminal output with ANSI codes (*.ansi *.log);;All files (*)");
    case TranscriptSpool::SaveFormat::Html:
        return tr("HTML files (*.html *.htm);;All files (*)");
    }
    return {};
}

void TranscriptSaveDialog::accept() {
    if (isSaving())
        return;
    const QString suffix = suffixFor(format());
    const QString suggested =
        QDir(QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation))
            .filePath(
                QStringLiteral("transcript-%1.%2")
                    .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")),
                         suffix));
    QString path =
        DialogAnswers::saveFileName(this, tr("Save Transcript"), suggested, fileFilter());
    if (path.isEmpty())
        return; // the file dialog was cancelled: keep the choices open
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + suffix;
    startSave(path);
}

bool TranscriptSaveDialog::saveFromModel(const QString &path, QString *error) const {
    const auto exportFormat = format() == TranscriptSpool::SaveFormat::Html
                                  ? TranscriptExport::Format::Html
                                  : TranscriptExport::Format::PlainText;
    const QString text = scope() == Scope::SelectedCommand
                             ? model_->exportBlock(blockId_, exportFormat)
                             : model_->exportAll(exportFormat);
    return writeFile(
        path,
        [&text](QIODevice &out, QString *err) {
            if (out.write(text.toUtf8()) >= 0)
                return true;
            *err = out.errorString();
            return false;
        },
        error);
}

void TranscriptSaveDialog::startSave(const QString &path) {
    savingTo_ = path;
    workerOk_ = false;
    workerError_.clear();
    if (!spoolReady()) { // the lines in memory: small, written here
        workerOk_ = saveFromModel(path, &workerError_);
        finishSave();
        return;
    }
    setEnabled(false);
    status_->setText(tr("Saving to %1…").arg(QDir::toNativeSeparators(path)));
    const auto saveFormat = format();
    const std::optional<quint64> block =
        scope() == Scope::SelectedCommand ? std::optional<quint64>(blockId_) : std::nullopt;
    worker_ = QThread::create([this, path, saveFormat, block] {
        workerOk_ = writeFile(
            path,
            [&](QIODevice &out, QString *err) { return spool_->save(out, saveFormat, block, err); },
            &workerError_);
    });
    connect(worker_, &QThread::finished, this, &TranscriptSaveDialog::finishSave);
    worker_->start();
}

void TranscriptSaveDialog::finishSave() {
    if (worker_) {
        worker_->wait();
        delete worker_;
        worker_ = nullptr;
    }
    setEnabled(true);
    if (workerOk_) {
        status_->clear();
        Q_EMIT saved(savingTo_);
        QDialog::accept();
        return;
    }
    const QString message = tr("Could not save the transcript to %1: %2")
                                .arg(QDir::toNativeSeparators(savingTo_), workerError_);
    status_->setText(message);
    DialogAnswers::warning(this, tr("Save Transcript"), message);
    Q_EMIT failed(message);
}

} // namespace sandbox
