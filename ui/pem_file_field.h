#pragma once

#include <QWidget>

class QLineEdit;
class QToolButton;

namespace sandbox {

class StatusLine;

// A path to a PEM file plus one line from OpenSSL about it: subject, issuer, expiry for
// certificates; a warning when expired or expiring soon; for a key, whether it matches
// the certificate of a partner field. The line's space is reserved, so typing a path never
// moves the fields below.
class PemFileField : public QWidget {
    Q_OBJECT
public:
    enum class Kind { CaBundle, Certificate, PrivateKey };
    enum class Severity { None, Info, Warning, Error };

    PemFileField(Kind kind, QWidget *parent = nullptr);

    QString path() const;
    void setPath(const QString &path);
    // For a key field: the certificate field it must match.
    void setCertificateField(PemFileField *certificate);

    QString statusText() const;
    Severity severity() const { return severity_; }
    QLineEdit *lineEdit() const { return edit_; }
    QToolButton *browseButton() const { return browse_; }
    StatusLine *statusLine() const { return status_; }

    static constexpr int kExpiryWarningDays = 14;

Q_SIGNALS:
    void pathChanged(const QString &path);

public Q_SLOTS:
    void refresh();

private:
    void browse();
    void setStatus(Severity severity, const QString &text);
    void inspectCertificate(const std::string &pem, const QString &path);
    void inspectKey(const std::string &pem, const QString &path);

    Kind kind_;
    QLineEdit *edit_ = nullptr;
    QToolButton *browse_ = nullptr;
    StatusLine *status_ = nullptr;
    PemFileField *certificate_ = nullptr;
    Severity severity_ = Severity::None;
};

} // namespace sandbox
