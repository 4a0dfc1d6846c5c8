#include "console_tab.h"

#include "app_icons.h"
#include "command_input.h"
#include "command_line_splitter.h"
#include "dialog_answers.h"
#include "exec_error_text.h"
#include "find_bar.h"
#include "info_bar.h"
#include "quick_overrides_bar.h"
#include "run_recorder.h"
#include "secret_store.h"
#include "transcript_model.h"
#include "transcript_save_dialog.h"
#include "transcript_spool.h"
#include "transcript_view.h"

#include <QAction>
#include <QDesktopServices>
#include <QDir>
#include <QUrl>

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace sandbox {

ConsoleTab::ConsoleTab(const Profile &profile, SecretStore *secrets, const QString &configDir,
                       int historySize, QWidget *parent)
    : QWidget(parent)
    , session_(new ConsoleSession(profile, secrets, configDir, historySize, this)) {
    buildUi();
    connectSession();
    showProfileDefaults(profile);
    setFocusProxy(input_);
}

ConsoleTab::~ConsoleTab() = default;

void ConsoleTab::buildUi() {
    overrides_ = new QuickOverridesBar(this);
    refusal_ = new InfoBar(this);
    editProfile_ = refusal_->addButton(tr("Edit profile"));
    connect(editProfile_, &QPushButton::clicked, this,
            [this] { Q_EMIT editProfileRequested(profileId()); });
    keychainNote_ = new InfoBar(this);
    keychainNote_->setClosable(true);
    jobPreview_ = new InfoBar(this);
    jobPreview_->setClosable(true);
    view_ = new TranscriptView(session_->transcript(), this);
    connect(view_, &TranscriptView::cancelRequested, this, &ConsoleTab::cancel);
    connect(view_, &TranscriptView::saveRequested, this, &ConsoleTab::saveTranscript);
    connect(view_, &TranscriptView::openTranscriptRequested, this,
            &ConsoleTab::openTranscriptFolder);
    // The view's shortcuts (Ctrl+S, Ctrl+Up/Down, Ctrl+L) work from the command input too.
    for (QAction *action : {view_->saveAction(), view_->previousHeaderAction(),
                            view_->nextHeaderAction(), view_->clearAction()}) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    findBar_ = new FindBar(view_, this);
    findBar_->installShortcuts(this);
    connect(findBar_, &FindBar::saveRequested, this,
            [this] { saveTranscript(view_->currentBlockId()); });

    searchLabel_ = new QLabel(tr("Search history:"), this);
    search_ = new CommandInput(this);
    search_->setSingleLine(true);
    search_->setPlaceholderText(
        tr("Type to search; Ctrl+R for older, Enter to take, Esc to leave"));
    input_ = new CommandInput(this);
    inputError_ = new QLabel(this);
    inputError_->setStyleSheet(QStringLiteral("color: #c0392b;"));
    inputError_->setWordWrap(true);
    inputError_->hide();
    stop_ = new QPushButton(AppIcons::action(AppIcons::Action::Stop), tr("Stop"), this);
    stop_->setToolTip(tr("Cancel the running command (Ctrl+C or Esc)"));
    elapsedLabel_ = new QLabel(this);
    elapsedTimer_ = new QTimer(this);
    elapsedTimer_->setInterval(200);

    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(searchLabel_);
    searchRow->addWidget(search_, 1);
    auto *inputRow = new QHBoxLayout;
    inputRow->addWidget(new QLabel(QStringLiteral("$"), this));
    inputRow->addWidget(input_, 1);
    inputRow->addWidget(elapsedLabel_);
    inputRow->addWidget(stop_);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(overrides_);
    layout->addWidget(refusal_);
    layout->addWidget(keychainNote_);
    layout->addWidget(jobPreview_);
    layout->addWidget(view_, 1);
    layout->addWidget(findBar_);
    layout->addLayout(searchRow);
    layout->addLayout(inputRow);
    layout->addWidget(inputError_);
    for (QWidget *w : {static_cast<QWidget *>(searchLabel_), static_cast<QWidget *>(search_)})
        w->hide();
    setRunning(false);

    connect(input_, &CommandInput::returnPressed, this, &ConsoleTab::runInput);
    connect(input_, &CommandInput::textEdited, inputError_, &QWidget::hide);
    connect(input_, &CommandInput::historyPreviousRequested, this, [this] { walkHistory(true); });
    connect(input_, &CommandInput::historyNextRequested, this, [this] { walkHistory(false); });
    connect(input_, &CommandInput::reverseSearchRequested, this, &ConsoleTab::startReverseSearch);
    connect(input_, &CommandInput::cancelRequested, this, &ConsoleTab::cancel);
    connect(search_, &CommandInput::textEdited, this, [this] { searchHistory(false); });
    connect(search_, &CommandInput::reverseSearchRequested, this, [this] { searchHistory(true); });
    connect(search_, &CommandInput::returnPressed, this, [this] { finishReverseSearch(true); });
    connect(search_, &CommandInput::cancelRequested, this, [this] { finishReverseSearch(false); });
    connect(stop_, &QPushButton::clicked, this, &ConsoleTab::cancel);
    connect(elapsedTimer_, &QTimer::timeout, this, &ConsoleTab::updateElapsed);
}

void ConsoleTab::connectSession() {
    connect(session_, &ConsoleSession::commandStarted, refusal_, &QWidget::hide);
    connect(session_, &ConsoleSession::commandStarted, jobPreview_, &QWidget::hide);
    // A new command brings the view back to the tail, as a terminal does on input.
    connect(session_, &ConsoleSession::commandStarted, view_, &TranscriptView::scrollToBottom);
    connect(session_, &ConsoleSession::commandEnded, this, &ConsoleTab::commandEnded);
    connect(session_, &ConsoleSession::refused, this, &ConsoleTab::refuse);
    connect(session_, &ConsoleSession::cancelledBeforeStart, this, &ConsoleTab::commandEnded);
    connect(session_, &ConsoleSession::keychainProblem, this, [this](const QString &message) {
        keychainNote_->showMessage(InfoBar::Level::Warning, message);
    });
    connect(session_, &ConsoleSession::busyChanged, this, &ConsoleTab::setRunning);
    connect(session_, &ConsoleSession::connectionStateChanged, this,
            &ConsoleTab::connectionStateChanged);
    connect(session_, &ConsoleSession::connectionStateChanged, this, [this] {
        if (session_->isBusy())
            updateElapsed();
    });
}

void ConsoleTab::setProfile(const Profile &profile) {
    const bool changed = !(profile == session_->profile());
    showProfileDefaults(profile);
    if (changed) {
        session_->setProfile(profile);
        refusal_->hide();
    }
}

void ConsoleTab::showProfileDefaults(const Profile &profile) {
    overrides_->setDefaults(profile.image, profile.securityProfile, profile.workdir);
    QStringList keys;
    for (const EnvVar &var : profile.requestEnv())
        keys.append(var.key);
    overrides_->setProfileEnvKeys(keys);
}

void ConsoleTab::setScrollbackLines(int lines) {
    session_->setScrollbackLines(lines);
}

void ConsoleTab::setSpoolCapBytes(qint64 bytes) {
    session_->setSpoolCapBytes(bytes);
}

void ConsoleTab::setHistorySize(int entries) {
    session_->history().setMaxEntries(entries);
}

void ConsoleTab::setRunHistory(RunHistory *history) {
    if (!recorder_)
        recorder_ = new RunRecorder(session_, history);
    else
        recorder_->setHistory(history);
}

RunHistory *ConsoleTab::runHistory() const {
    return recorder_ ? recorder_->history() : nullptr;
}

void ConsoleTab::fillCommand(const QString &line, const ConsoleSession::Overrides &overrides) {
    overrides_->setValues(overrides.image, overrides.securityProfile, overrides.workdir);
    // A run's or job's env is the whole list it sent; the tab's editor holds what differs
    // from what the profile sends itself (its env and colour variables).
    overrides_->setEnv(session_->profile().envChanges(overrides.env.value_or(QList<EnvVar>())));
    overrides_->timeoutSpin()->setValue(
        overrides.timeout ? int(std::chrono::ceil<std::chrono::seconds>(*overrides.timeout).count())
                          : 0);
    input_->setText(line);
    inputError_->hide();
    input_->setFocus();
}

void ConsoleTab::showJobPreview(const QString &text) {
    jobPreview_->showMessage(InfoBar::Level::Information, text);
}

void ConsoleTab::runInput() {
    if (const QString envError = overrides_->envError(); !envError.isEmpty()) {
        inputError_->setText(envError);
        inputError_->show();
        return;
    }
    ConsoleSession::Overrides overrides;
    overrides.image = overrides_->image();
    overrides.securityProfile = overrides_->securityProfile();
    overrides.workdir = overrides_->workdir();
    if (const QList<EnvVar> tabEnv = overrides_->env(); !tabEnv.isEmpty())
        overrides.env = ConsoleSession::mergedEnv(session_->profile(), tabEnv);
    overrides.timeout = overrides_->timeout();
    const ConsoleSession::SubmitResult result = session_->submit(input_->text(), overrides);
    if (result.status == ConsoleSession::SubmitResult::Status::Empty)
        return;
    if (!result.started()) {
        inputError_->setText(result.error);
        inputError_->show();
        // "still running" is about the command, not the line: it goes when the command ends.
        busyHintShown_ = result.status == ConsoleSession::SubmitResult::Status::Busy;
        if (result.errorColumn >= 0)
            input_->setCursorPosition(result.errorColumn);
        return;
    }
    inputError_->hide();
    input_->clear();
}

void ConsoleTab::refuse(const QString &reason) {
    refusal_->showMessage(InfoBar::Level::Error, reason);
    Q_EMIT commandEnded();
}

void ConsoleTab::setPresenterMode(bool on) {
    session_->setPresenterMode(on);
}

void ConsoleTab::saveTranscript(quint64 blockId) {
    TranscriptSaveDialog *dialog = TranscriptSaveDialog::openFor(
        session_->transcript(), session_->spool().get(), blockId, this);
    dialog->setPresenterWarning(session_->presenterMode());
}

void ConsoleTab::openTranscriptFolder(const QString &directory) {
    if (!QDesktopServices::openUrl(QUrl::fromLocalFile(directory)))
        DialogAnswers::information(this, tr("Transcript files"),
                                   tr("The full output of every command is in %1.")
                                       .arg(QDir::toNativeSeparators(directory)));
}

void ConsoleTab::cancel() {
    session_->cancel();
}

void ConsoleTab::setRunning(bool running) {
    stop_->setEnabled(running);
    stop_->setVisible(running);
    elapsedLabel_->setVisible(running);
    if (running) {
        elapsed_.start();
        updateElapsed();
        elapsedTimer_->start();
    } else {
        elapsedTimer_->stop();
        if (busyHintShown_)
            inputError_->hide();
        busyHintShown_ = false;
        input_->setFocus();
    }
}

void ConsoleTab::updateElapsed() {
    const QString elapsed =
        ExecErrorText::formatDuration(std::chrono::milliseconds(elapsed_.elapsed()));
    // Until the connection is up (TLS handshake done) nothing runs yet: a silent port must
    // not look like a running command.
    elapsedLabel_->setText(session_->connectionState() == ConnectionState::Ready
                               ? tr("running %1").arg(elapsed)
                               : tr("connecting… %1").arg(elapsed));
}

void ConsoleTab::walkHistory(bool older) {
    const std::optional<QString> entry =
        older ? session_->history().previous(input_->text()) : session_->history().next();
    if (entry)
        input_->setText(*entry);
}

void ConsoleTab::startReverseSearch() {
    searchDraft_ = input_->text();
    searchIndex_ = -1;
    search_->clear();
    searchLabel_->show();
    search_->show();
    search_->setFocus();
}

void ConsoleTab::searchHistory(bool older) {
    const QString text = search_->text();
    const int found = session_->history().search(text, older ? searchIndex_ : -1);
    if (found < 0) {
        searchLabel_->setText(tr("Search history (no match):"));
        return;
    }
    searchIndex_ = found;
    searchLabel_->setText(tr("Search history:"));
    input_->setText(session_->history().at(found));
}

void ConsoleTab::finishReverseSearch(bool accept) {
    if (!accept)
        input_->setText(searchDraft_);
    searchLabel_->hide();
    search_->hide();
    session_->history().resetCursor();
    input_->setFocus();
}

} // namespace sandbox
