#include "profile_editor_dialog.h"

#include "connection_tester.h"
#include "dialog_answers.h"
#include "info_bar.h"
#include "profile_form.h"
#include "profile_store.h"
#include "token_field.h"
#include "transport_banner.h"

#include <QDialogButtonBox>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace sandbox {

ProfileEditorDialog::ProfileEditorDialog(ProfileStore *store, SecretStore *secrets,
                                         const std::optional<Profile> &existing, QWidget *parent)
    : QDialog(parent)
    , store_(store)
    , secrets_(secrets)
    , isNew_(!existing.has_value()) {
    setWindowTitle(isNew_ ? tr("New Profile") : tr("Edit Profile"));
    buildUi();
    const Profile profile = existing.value_or(Profile());
    id_ = profile.id;
    form_->setProfile(profile);
    opened_ = form_->profile();
    if (!isNew_) {
        token_->setLoading(true);
        connect(secrets_->readToken(id_), &SecretJob::finished, this,
                &ProfileEditorDialog::onTokenRead);
    }
    updateBanner();
}

void ProfileEditorDialog::buildUi() {
    errors_ = new InfoBar(this);
    keychain_ = new InfoBar(this);
    banner_ = new TransportBanner(this);
    form_ = new ProfileForm(this);
    token_ = new TokenField(this);
    // Right below the name: one label column for all rows keeps the form narrow.
    form_->addRowAfterName(tr("Bearer &token:"), token_);

    auto *content = new QWidget(this);
    auto *contentLayout = new QVBoxLayout(content);
    contentLayout->addWidget(form_);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    buttons_ = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    testConnection_ = buttons_->addButton(tr("&Test Connection"), QDialogButtonBox::ActionRole);
    testConnection_->setToolTip(tr("Connect with the settings as they are here, run `true` and "
                                   "show the TLS details and the round trip"));
    connectionTest_ = new InfoBar(this);
    connectionTest_->setClosable(true);
    tester_ = new ConnectionTester(this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(errors_);
    layout->addWidget(banner_);
    layout->addWidget(keychain_);
    layout->addWidget(scroll, 1);
    layout->addWidget(connectionTest_);
    layout->addWidget(buttons_);
    resize(720, 760);

    connect(buttons_, &QDialogButtonBox::accepted, this, &ProfileEditorDialog::save);
    connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(testConnection_, &QPushButton::clicked, this, &ProfileEditorDialog::testConnection);
    connect(tester_, &ConnectionTester::finished, this, &ProfileEditorDialog::showConnectionTest);
    connect(form_, &ProfileForm::transportChanged, this, &ProfileEditorDialog::updateBanner);
    connect(token_, &TokenField::tokenChanged, this, &ProfileEditorDialog::updateBanner);
    connect(token_, &TokenField::forgetRequested, this, [this] {
        if (!isNew_)
            connect(secrets_->deleteToken(id_), &SecretJob::finished, this,
                    &ProfileEditorDialog::onTokenDeleted);
    });
}

QPushButton *ProfileEditorDialog::saveButton() const {
    return buttons_->button(QDialogButtonBox::Save);
}

QUuid ProfileEditorDialog::profileId() const {
    return id_;
}

void ProfileEditorDialog::setPresenterMode(bool on) {
    token_->setPresenterMode(on);
    form_->setPresenterMode(on);
}

void ProfileEditorDialog::updateBanner() {
    const Profile p = form_->profile();
    banner_->update(p.tokenTransport(!token_->token().isEmpty()));
}

void ProfileEditorDialog::save() {
    if (writingToken_)
        return;
    const QString problem = form_->validate();
    if (!problem.isEmpty()) {
        errors_->showMessage(InfoBar::Level::Error, problem);
        return;
    }
    if (!storeProfile())
        return;
    opened_ = form_->profile(); // stored: only later edits are unsaved
    errors_->showMessage(InfoBar::Level::Information, QString());
    Q_EMIT profileSaved(id_);
    if (!token_->isEdited() || token_->isLoading()) {
        accept();
        return;
    }
    saveToken();
}

void ProfileEditorDialog::reject() {
    const bool edited = form_->profile() != opened_ || token_->isEdited();
    if (edited && !DialogAnswers::confirm(this, tr("Discard Changes"),
                                          tr("The changes to this profile are not saved. "
                                             "Discard them?"),
                                          tr("&Discard Changes")))
        return;
    QDialog::reject();
}

void ProfileEditorDialog::saveToken() {
    setBusy(true);
    // An empty token deletes the entry; the answer is a write either way.
    connect(secrets_->writeToken(id_, token_->token()), &SecretJob::finished, this,
            &ProfileEditorDialog::onTokenWritten);
}

// The user's input stays in the form whatever happens here.
bool ProfileEditorDialog::storeProfile() {
    Profile profile = form_->profile();
    profile.id = id_;
    QString error;
    bool ok = false;
    if (isNew_ && !store_->find(id_)) {
        Profile stored;
        ok = store_->add(profile, &error, &stored);
        if (store_->find(stored.id))
            id_ = stored.id;
    } else {
        ok = store_->update(profile, &error);
    }
    if (store_->find(id_))
        isNew_ = false;
    if (!ok)
        errors_->showMessage(InfoBar::Level::Error,
                             tr("The profile could not be saved: %1").arg(error));
    return ok;
}

void ProfileEditorDialog::testConnection() {
    const QString problem = form_->validate();
    if (!problem.isEmpty()) {
        connectionTest_->showMessage(InfoBar::Level::Error, problem);
        return;
    }
    if (tester_->isRunning())
        return;
    if (token_->isLoading()) {
        connectionTest_->showMessage(InfoBar::Level::Warning,
                                     tr("The token is still being read from the keychain; test "
                                        "again in a moment."));
        return;
    }
    testConnection_->setEnabled(false);
    const Profile profile = form_->profile();
    connectionTest_->showMessage(InfoBar::Level::Information,
                                 tr("Testing the connection to %1…").arg(profile.address));
    tester_->start(profile, token_->token());
}

void ProfileEditorDialog::showConnectionTest(const ConnectionTestReport &report) {
    testConnection_->setEnabled(true);
    connectionTest_->showMessage(report.ok() ? InfoBar::Level::Information : InfoBar::Level::Error,
                                 report.lines().join(QLatin1Char('\n')));
    Q_EMIT connectionTestFinished(report.ok());
}

void ProfileEditorDialog::onTokenRead(SecretJob *job) {
    if (job->profileId() != id_ || !token_->isLoading())
        return;
    token_->setLoadedToken(job->token());
    if (job->status() != SecretStatus::Ok && job->status() != SecretStatus::NotFound)
        keychain_->showMessage(InfoBar::Level::Warning, job->message());
    updateBanner();
}

void ProfileEditorDialog::onTokenWritten(SecretJob *job) {
    setBusy(false);
    if (job->ok()) {
        accept();
        return;
    }
    // The profile is saved; the token lives for this session only. Say so and stay open.
    keychain_->showMessage(InfoBar::Level::Warning, job->message());
    buttons_->button(QDialogButtonBox::Cancel)->setText(tr("Close"));
}

// "Forget" in the token field; saving goes through onTokenWritten.
void ProfileEditorDialog::onTokenDeleted(SecretJob *job) {
    if (!job->ok()) {
        keychain_->showMessage(InfoBar::Level::Warning, job->message());
        return;
    }
    keychain_->showMessage(InfoBar::Level::Information,
                           tr("The token was removed from the keychain."));
}

void ProfileEditorDialog::setBusy(bool busy) {
    writingToken_ = busy;
    buttons_->setEnabled(!busy);
    if (busy)
        keychain_->showMessage(InfoBar::Level::Information,
                               tr("Saving the token to the keychain…"));
    else
        keychain_->showMessage(InfoBar::Level::Information, QString());
}

} // namespace sandbox
