#include "profile_form.h"

#include "env_table_widget.h"
#include "exec_error_text.h"
#include "pem_file_field.h"
#include "security_profile_clamp.h"
#include "status_line.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sandbox {

ProfileForm::ProfileForm(QWidget *parent)
    : QWidget(parent) {
    form_ = new QFormLayout(this);
    form_->setContentsMargins(0, 0, 0, 0);
    form_->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    addConnectionRows(form_);
    addRequestRows(form_);
    setProfile(Profile());
}

// Two reserved lines at the full field width: a wrapped QLabel in a form layout changes its
// height on relayouts (moving the fields below while the user types); a StatusLine never does.
QLabel *ProfileForm::hint(const QString &text) {
    auto *label = new StatusLine(2, this);
    label->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    label->setFullText(text);
    label->setEnabled(false); // drawn as secondary text
    return label;
}

void ProfileForm::addRowAfterName(const QString &label, QWidget *field) {
    form_->insertRow(1, label, field);
}

void ProfileForm::addConnectionRows(QFormLayout *form) {
    name_ = new QLineEdit(this);
    address_ = new QLineEdit(this);
    address_->setPlaceholderText(tr("host:port, e.g. 127.0.0.1:7443"));
    // Short box texts with a wrapped hint under them: they fit the dialog in any language.
    useTls_ = new QCheckBox(tr("Use T&LS"), this);
    auto *tlsHint =
        hint(tr("Without a CA file, the system's trusted root certificates verify the agent."));
    ca_ = new PemFileField(PemFileField::Kind::CaBundle, this);
    cert_ = new PemFileField(PemFileField::Kind::Certificate, this);
    key_ = new PemFileField(PemFileField::Kind::PrivateKey, this);
    key_->setCertificateField(cert_);
    serverName_ = new QLineEdit(this);
    serverName_->setPlaceholderText(tr("from the address"));
    allowInsecure_ = new QCheckBox(tr("Allow &insecure"), this);
    auto *insecureHint = hint(tr("Sends the token even over a connection without TLS, where "
                                 "anyone on the network path can read it."));
    timeout_ = new QSpinBox(this);
    timeout_->setRange(100, 600000);
    timeout_->setSingleStep(1000);
    timeout_->setSuffix(tr(" ms"));

    form->addRow(tr("&Name:"), name_);
    form->addRow(tr("&Address:"), address_);
    form->addRow(QString(), useTls_);
    form->addRow(QString(), tlsHint);
    form->addRow(tr("&CA file:"), ca_);
    form->addRow(tr("Client &certificate:"), cert_);
    form->addRow(tr("Client &key:"), key_);
    form->addRow(tr("Server name o&verride:"), serverName_);
    form->addRow(QString(), allowInsecure_);
    form->addRow(QString(), insecureHint);
    form->addRow(tr("Connect &timeout:"), timeout_);

    connect(useTls_, &QCheckBox::toggled, this, &ProfileForm::transportChanged);
    connect(allowInsecure_, &QCheckBox::toggled, this, &ProfileForm::transportChanged);
    for (PemFileField *field : {ca_, cert_, key_})
        connect(field, &PemFileField::pathChanged, this, &ProfileForm::transportChanged);
}

void ProfileForm::addRequestRows(QFormLayout *form) {
    securityProfile_ = new QComboBox(this);
    securityProfile_->setEditable(true);
    securityProfile_->addItems(
        {QStringLiteral("strict"), QStringLiteral("standard"), QStringLiteral("permissive")});
    // Names the profile the agent will really apply (SecurityProfileClamp), as you type.
    clampHint_ = new StatusLine(2, this);
    clampHint_->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    clampHint_->setEnabled(false);
    connect(securityProfile_, &QComboBox::currentTextChanged, this, [this](const QString &text) {
        clampHint_->setFullText(SecurityProfileClamp::explain(text.trimmed()));
    });
    // In MiB; RunnerConfig::maxReceiveMessageBytes is an int, so at most 2047 MiB.
    maxChunk_ = new QSpinBox(this);
    maxChunk_->setRange(4, 2047);
    maxChunk_->setSuffix(tr(" MiB"));
    maxChunk_->setToolTip(tr("The largest single output message accepted from the agent. The "
                             "reference agent sends a command's whole output as one message."));
    image_ = new QLineEdit(this);
    image_->setPlaceholderText(tr("e.g. docker.io/library/debian:12"));
    workdir_ = new QLineEdit(this);
    workdir_->setPlaceholderText(tr("agent default"));
    mode_ = new QComboBox(this);
    mode_->addItem(tr("Shell: run the line through /bin/sh -c"), int(CommandMode::Shell));
    mode_->addItem(tr("Argv: split the line with shell-like quoting, no expansion"),
                   int(CommandMode::Argv));
    askForColour_ = new QCheckBox(tr("Ask for &colour output"), this);
    askForColour_->setToolTip(
        tr("Adds TERM=xterm-256color, CLICOLOR_FORCE=1 and FORCE_COLOR=1 to each command "
           "unless the environment below sets them. Programs that colour only on a terminal "
           "(TTY) stay plain."));
    env_ = new EnvTableWidget(this);

    form->addRow(tr("&Security profile:"), securityProfile_);
    form->addRow(QString(), clampHint_);
    form->addRow(tr("&Image:"), image_);
    form->addRow(tr("&Working directory:"), workdir_);
    form->addRow(tr("Command &mode:"), mode_);
    form->addRow(QString(), askForColour_);
    form->addRow(tr("&Environment:"), env_);
    // The same words the receive-limit error uses to name this setting.
    form->addRow(ExecErrorText::receiveLimitSettingName() + QLatin1Char(':'), maxChunk_);
}

void ProfileForm::setProfile(const Profile &profile) {
    base_ = profile;
    name_->setText(profile.name);
    address_->setText(profile.address);
    useTls_->setChecked(profile.useTls);
    ca_->setPath(profile.caFile);
    cert_->setPath(profile.certFile);
    key_->setPath(profile.keyFile);
    serverName_->setText(profile.serverName);
    allowInsecure_->setChecked(profile.allowInsecure);
    timeout_->setValue(profile.connectTimeoutMs);
    securityProfile_->setCurrentText(profile.securityProfile);
    clampHint_->setFullText(SecurityProfileClamp::explain(profile.securityProfile));
    maxChunk_->setValue(profile.maxChunkBytes >> 20);
    image_->setText(profile.image);
    workdir_->setText(profile.workdir);
    mode_->setCurrentIndex(mode_->findData(int(profile.mode)));
    askForColour_->setChecked(profile.askForColour);
    env_->setEnv(profile.env);
}

Profile ProfileForm::profile() const {
    Profile p = base_;
    p.name = name_->text().trimmed();
    p.address = address_->text().trimmed();
    p.useTls = useTls_->isChecked();
    p.caFile = ca_->path();
    p.certFile = cert_->path();
    p.keyFile = key_->path();
    p.serverName = serverName_->text().trimmed();
    p.allowInsecure = allowInsecure_->isChecked();
    p.connectTimeoutMs = timeout_->value();
    p.securityProfile = securityProfile_->currentText().trimmed();
    // Unchanged MiB keep the exact byte value a profile file may hold.
    if (maxChunk_->value() != (base_.maxChunkBytes >> 20))
        p.maxChunkBytes = maxChunk_->value() << 20;
    p.image = image_->text().trimmed();
    p.workdir = workdir_->text().trimmed();
    p.mode = CommandMode(mode_->currentData().toInt());
    p.askForColour = askForColour_->isChecked();
    p.env = env_->env();
    return p;
}

QString ProfileForm::validate() {
    auto fail = [](QWidget *field, const QString &message) {
        field->setFocus();
        return message;
    };
    if (name_->text().trimmed().isEmpty())
        return fail(name_, tr("The profile needs a name."));
    const QString address = address_->text().trimmed();
    const int colon = int(address.lastIndexOf(QLatin1Char(':')));
    bool portOk = false;
    const int port = colon > 0 ? address.mid(colon + 1).toInt(&portOk) : 0;
    if (address.isEmpty() || !portOk || port <= 0 || port > 65535)
        return fail(address_, tr("The address must be host:port, e.g. 127.0.0.1:7443."));
    if (cert_->path().isEmpty() != key_->path().isEmpty())
        return fail(cert_->path().isEmpty() ? cert_->lineEdit() : key_->lineEdit(),
                    tr("A client certificate and its key go together: set both or neither."));
    for (PemFileField *field : {ca_, cert_, key_}) {
        if (field->severity() == PemFileField::Severity::Error)
            return fail(field->lineEdit(), field->statusText());
    }
    const QString envError = env_->validationError();
    if (!envError.isEmpty())
        return fail(env_, envError);
    return QString();
}

void ProfileForm::setPresenterMode(bool on) {
    env_->setPresenterMode(on);
}

} // namespace sandbox
