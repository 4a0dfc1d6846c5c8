#include "console_tab.h"

#include "app_icons.h"
#include "command_input.h"
#include "command_line_splitter.h"
#include "console_view.h"
#include "exec_error_text.h"
#include "exec_session.h"
#include "exec_session_thread.h"
#include "info_bar.h"
#include "quick_overrides_bar.h"
#include "token_transport_policy.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace sandbox {

ConsoleTab::ConsoleTab(const Profile &profile, SecretStore *secrets, const QString &configDir,
                       int historySize, QWidget *parent)
    : QWidget(parent)
    , profile_(profile)
    , secrets_(secrets)
    , history_(configDir, profile.id, historySize) {
    history_.load();
    buildUi();
    session_ = new ExecSessionThread(profile_, this);
    connectSession();
    connect(secrets_, &SecretStore::tokenRead, this, &ConsoleTab::onTokenRead);
    setProfile(profile_);
    setFocusProxy(input_);
}

ConsoleTab::~ConsoleTab() {
    session_->shutdown();
}

void ConsoleTab::buildUi() {
    overrides_ = new QuickOverridesBar(this);
    refusal_ = new InfoBar(this);
    editProfile_ = refusal_->addButton(tr("Edit profile"));
    connect(editProfile_, &QPushButton::clicked, this,
            [this] { Q_EMIT editProfileRequested(profile_.id); });
    keychainNote_ = new InfoBar(this);
    keychainNote_->setClosable(true);
    view_ = new ConsoleView(this);
    connect(view_, &ConsoleView::cancelRequested, this, &ConsoleTab::cancel);

    searchLabel_ = new QLabel(tr("Search history:"), this);
    search_ = new CommandInput(this);
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
    layout->addWidget(view_, 1);
    layout->addLayout(searchRow);
    layout->addLayout(inputRow);
    layout->addWidget(inputError_);
    for (QWidget *w : {static_cast<QWidget *>(searchLabel_), static_cast<QWidget *>(search_)})
        w->hide();
    setRunning(false);

    connect(input_, &QLineEdit::returnPressed, this, &ConsoleTab::runInput);
    connect(input_, &QLineEdit::textEdited, inputError_, &QWidget::hide);
    connect(input_, &CommandInput::historyPreviousRequested, this, [this] { walkHistory(true); });
    connect(input_, &CommandInput::historyNextRequested, this, [this] { walkHistory(false); });
    connect(input_, &CommandInput::reverseSearchRequested, this, &ConsoleTab::startReverseSearch);
    connect(input_, &CommandInput::cancelRequested, this, &ConsoleTab::cancel);
    connect(search_, &QLineEdit::textEdited, this, [this] { searchHistory(false); });
    connect(search_, &CommandInput::reverseSearchRequested, this, [this] { searchHistory(true); });
    connect(search_, &QLineEdit::returnPressed, this, [this] { finishReverseSearch(true); });
    connect(search_, &CommandInput::cancelRequested, this, [this] { finishReverseSearch(false); });
    connect(stop_, &QPushButton::clicked, this, &ConsoleTab::cancel);
    connect(elapsedTimer_, &QTimer::timeout, this, &ConsoleTab::updateElapsed);
}

void ConsoleTab::connectSession() {
    ExecSession *session = session_->session();
    connect(session, &ExecSession::outputReady, this, &ConsoleTab::drainOutput);
    connect(session, &ExecSession::commandFinished, this, &ConsoleTab::onCommandFinished);
    connect(session, &ExecSession::stateChanged, this, &ConsoleTab::setState);
}

void ConsoleTab::setProfile(const Profile &profile) {
    const bool changed = !(profile == profile_);
    profile_ = profile;
    overrides_->setDefaults(profile.image, profile.securityProfile, profile.workdir);
    if (changed) {
        session_->setProfile(profile);
        refusal_->hide();
    }
}

void ConsoleTab::setScrollbackLines(int lines) {
    view_->setScrollbackLines(lines);
}

void ConsoleTab::setHistorySize(int entries) {
    history_.setMaxEntries(entries);
}

void ConsoleTab::runInput() {
    const QString line = input_->text().trimmed();
    if (line.isEmpty())
        return;
    if (isBusy()) {
        inputError_->setText(tr("A command is still running; stop it first (Esc)."));
        inputError_->show();
        return;
    }
    const SplitResult split = CommandLineSplitter::split(line, profile_.mode);
    if (!split.ok()) {
        inputError_->setText(split.errorColumn >= 0
                                 ? tr("%1 (column %2)").arg(split.error).arg(split.errorColumn + 1)
                                 : split.error);
        inputError_->show();
        if (split.errorColumn >= 0)
            input_->setCursorPosition(split.errorColumn);
        return;
    }
    inputError_->hide();
    history_.add(line);
    input_->clear();
    PendingCommand pending;
    pending.id = nextId_++;
    pending.command.argv = split.argv;
    pending.command.displayText = line;
    pending.command.image = overrides_->image();
    pending.command.securityProfile = overrides_->securityProfile();
    pending.command.workdir = overrides_->workdir();
    pending_ = pending;
    setRunning(true);
    // The answer arrives in onTokenRead; the GUI thread keeps going meanwhile.
    secrets_->readToken(profile_.id);
}

void ConsoleTab::onTokenRead(const QUuid &id, const QString &token, SecretStore::Status status,
                             const QString &message) {
    if (id != profile_.id || !pending_)
        return;
    const PendingCommand pending = *pending_;
    pending_.reset();
    if (status != SecretStore::Status::Ok && status != SecretStore::Status::NotFound)
        keychainNote_->showMessage(InfoBar::Level::Warning,
                                   tr("Could not read the token from the keychain: %1 The "
                                      "command runs without a token.")
                                       .arg(message));
    const auto assessment = TokenTransportPolicy::assess(profile_, !token.isEmpty());
    if (TokenTransportPolicy::blocksExec(assessment)) {
        refuse(TokenTransportPolicy::message(assessment));
        return;
    }
    startCommand(pending, token);
}

void ConsoleTab::startCommand(const PendingCommand &pending, const QString &token) {
    refusal_->hide();
    const QString image = pending.command.image.value_or(profile_.image);
    view_->appendCommandHeader(QDateTime::currentDateTime(), profile_.name, image,
                               pending.command.displayText);
    runningId_ = pending.id;
    session_->run(pending.id, pending.command, token);
}

void ConsoleTab::refuse(const QString &reason) {
    view_->appendNotice(tr("Refused: %1").arg(reason));
    refusal_->showMessage(InfoBar::Level::Error, reason);
    setRunning(false);
    Q_EMIT commandEnded();
}

void ConsoleTab::drainOutput() {
    view_->appendOutput(session_->session()->takeOutput());
}

void ConsoleTab::onCommandFinished(quint64 id, const ExecResult &result) {
    if (id != runningId_)
        return;
    drainOutput();
    runningId_ = 0;
    QString text = ExecErrorText::banner(result);
    const QString meaning = ExecErrorText::describe(result, profile_.address);
    if (!meaning.isEmpty())
        text += QStringLiteral(" — ") + meaning;
    view_->appendEndBanner(text, result.exited() && result.exitCode == 0);
    setRunning(false);
    // After a flood the view may still be laying out its last slices; "ended" means the
    // user can read the end banner.
    if (view_->hasPendingText())
        connect(view_, &ConsoleView::caughtUp, this, &ConsoleTab::commandEnded,
                Qt::SingleShotConnection);
    else
        Q_EMIT commandEnded();
}

void ConsoleTab::cancel() {
    if (pending_) {
        pending_.reset();
        view_->appendNotice(tr("Cancelled before the command started."));
        setRunning(false);
        Q_EMIT commandEnded();
        return;
    }
    if (runningId_ != 0)
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
        input_->setFocus();
    }
}

void ConsoleTab::updateElapsed() {
    elapsedLabel_->setText(
        tr("running %1")
            .arg(ExecErrorText::formatDuration(std::chrono::milliseconds(elapsed_.elapsed()))));
}

void ConsoleTab::setState(ConnectionState state) {
    state_ = state;
    Q_EMIT connectionStateChanged(state);
}

void ConsoleTab::walkHistory(bool older) {
    const std::optional<QString> entry =
        older ? history_.previous(input_->text()) : history_.next();
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
    const int found = history_.search(text, older ? searchIndex_ : -1);
    if (found < 0) {
        searchLabel_->setText(tr("Search history (no match):"));
        return;
    }
    searchIndex_ = found;
    searchLabel_->setText(tr("Search history:"));
    input_->setText(history_.at(found));
}

void ConsoleTab::finishReverseSearch(bool accept) {
    if (!accept)
        input_->setText(searchDraft_);
    searchLabel_->hide();
    search_->hide();
    history_.resetCursor();
    input_->setFocus();
}

} // namespace sandbox
