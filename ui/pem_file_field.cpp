#include "pem_file_field.h"

#include "dialog_answers.h"
#include "pem_inspector.h"
#include "status_line.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QToolButton>
#include <QVBoxLayout>

#include <chrono>

namespace sandbox {

namespace {

QString fromStd(const std::string &s) {
    return QString::fromStdString(s);
}

QDateTime toDateTime(std::chrono::system_clock::time_point tp) {
    const auto secs = std::chrono::duration_cast<std::chrono::seconds>(tp.time_since_epoch());
    return QDateTime::fromSecsSinceEpoch(secs.count());
}

} // namespace

PemFileField::PemFileField(Kind kind, QWidget *parent)
    : QWidget(parent)
    , kind_(kind) {
    edit_ = new QLineEdit(this);
    edit_->setClearButtonEnabled(true);
    edit_->setPlaceholderText(kind == Kind::CaBundle ? tr("none (system roots when TLS is on)")
                                                     : tr("none"));
    browse_ = new QToolButton(this);
    browse_->setText(tr("Browse…"));
    // Two lines: the OpenSSL summary and a warning under it.
    status_ = new StatusLine(2, this);

    auto *row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(edit_, 1);
    row->addWidget(browse_);
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addLayout(row);
    column->addWidget(status_);

    connect(browse_, &QToolButton::clicked, this, &PemFileField::browse);
    connect(edit_, &QLineEdit::textChanged, this, [this](const QString &text) {
        refresh();
        Q_EMIT pathChanged(text);
    });
}

QString PemFileField::path() const {
    return edit_->text().trimmed();
}

void PemFileField::setPath(const QString &path) {
    edit_->setText(path);
}

void PemFileField::setCertificateField(PemFileField *certificate) {
    certificate_ = certificate;
    connect(certificate_, &PemFileField::pathChanged, this, &PemFileField::refresh);
    refresh();
}

QString PemFileField::statusText() const {
    return status_->fullText();
}

void PemFileField::browse() {
    const QString caption =
        kind_ == Kind::PrivateKey ? tr("Choose a private key") : tr("Choose a certificate");
    const QString chosen =
        DialogAnswers::openFileName(this, caption, QFileInfo(path()).absolutePath(),
                                    tr("PEM files (*.pem *.crt *.key *.cer);;All files (*)"));
    if (!chosen.isEmpty())
        setPath(chosen);
}

void PemFileField::setStatus(Severity severity, const QString &text) {
    severity_ = severity;
    status_->setFullText(text);
    QString colour;
    switch (severity) {
    case Severity::Warning:
        colour = QStringLiteral("#b7791f");
        break;
    case Severity::Error:
        colour = QStringLiteral("#c0392b");
        break;
    default:
        break;
    }
    status_->setStyleSheet(colour.isEmpty() ? QString() : QStringLiteral("color: %1;").arg(colour));
}

void PemFileField::refresh() {
    const QString file = path();
    if (file.isEmpty()) {
        setStatus(Severity::None, QString());
        return;
    }
    std::string error;
    const auto pem = PemInspector::readFile(file.toStdString(), error);
    if (!pem) {
        setStatus(Severity::Error, fromStd(error));
        return;
    }
    if (kind_ == Kind::PrivateKey)
        inspectKey(*pem, file);
    else
        inspectCertificate(*pem, file);
}

void PemFileField::inspectCertificate(const std::string &pem, const QString &path) {
    std::string error;
    const auto info = PemInspector::certificate(pem, path.toStdString(), error);
    if (!info) {
        setStatus(Severity::Error, fromStd(error));
        return;
    }
    const QDateTime expiry = toDateTime(info->notAfter);
    const QString expiryText = QLocale().toString(expiry, QLocale::ShortFormat);
    QString line = tr("Subject: %1 · Issuer: %2 · Expires: %3")
                       .arg(fromStd(info->subject), fromStd(info->issuer), expiryText);
    const QDateTime now = QDateTime::currentDateTime();
    if (expiry < now) {
        setStatus(Severity::Warning,
                  line + QLatin1Char('\n') + tr("Warning: this certificate has expired."));
    } else if (now.daysTo(expiry) < kExpiryWarningDays) {
        setStatus(Severity::Warning, line + QLatin1Char('\n') +
                                         tr("Warning: this certificate expires in %n day(s).",
                                            nullptr, int(now.daysTo(expiry))));
    } else {
        setStatus(Severity::Info, line);
    }
}

void PemFileField::inspectKey(const std::string &pem, const QString &path) {
    std::string error;
    if (!PemInspector::isPrivateKey(pem, path.toStdString(), error)) {
        setStatus(Severity::Error, fromStd(error));
        return;
    }
    const QString certPath = certificate_ ? certificate_->path() : QString();
    if (certPath.isEmpty()) {
        setStatus(Severity::Info, tr("Private key"));
        return;
    }
    const auto certPem = PemInspector::readFile(certPath.toStdString(), error);
    if (!certPem) {
        setStatus(Severity::Info, tr("Private key"));
        return;
    }
    if (!PemInspector::keyMatchesCertificate(*certPem, pem, error)) {
        setStatus(Severity::Error,
                  tr("Error: this key does not match the client certificate %1.").arg(certPath) +
                      (error.empty() ? QString() : QStringLiteral(" (%1)").arg(fromStd(error))));
        return;
    }
    setStatus(Severity::Info, tr("Private key, matches the client certificate"));
}

} // namespace sandbox
