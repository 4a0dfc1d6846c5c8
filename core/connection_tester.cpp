#include "connection_tester.h"

#include "exec_cancellation.h"
#include "exec_error_text.h"
#include "remote_runner.h"
#include "runner_config_validator.h"
#include "tls_failure_probe.h"

#include <QCoreApplication>

#include <openssl/x509_vfy.h>

namespace sandbox {

namespace {

QString fromStd(const std::string &s) {
    return QString::fromStdString(s);
}

ExecResult configFailure(const std::string &error) {
    ExecResult result;
    result.error.kind = ExecErrorKind::InvalidConfig;
    result.error.message = error;
    return result;
}

// The agent's certificate and the protocol, from one handshake with the runner's settings.
void readTlsDetails(const RunnerConfig &config, ExecCancellation *cancellation,
                    ConnectionTestReport &report) {
    TlsMaterial tls;
    std::string error;
    if (!RunnerConfigValidator::validate(config, tls, error))
        return;
    const auto facts = TlsFailureProbe::probe(
        config, tls, [cancellation] { return cancellation && cancellation->isCancelled(); });
    if (!facts)
        return;
    report.tlsProtocol = fromStd(facts->protocol);
    report.subject = fromStd(facts->subject);
    report.issuer = fromStd(facts->issuer);
    report.expires = fromStd(facts->expires);
    if (facts->verifyResult != X509_V_OK)
        report.certificateProblem = fromStd(X509_verify_cert_error_string(facts->verifyResult));
}

} // namespace

QStringList ConnectionTestReport::lines() const {
    QStringList out;
    if (ok())
        out << tr("Connected to %1: `true` ran and exited 0.").arg(address);
    else if (result.exited())
        out << tr("Connected to %1, but `true` exited %2.").arg(address).arg(result.exitCode);
    else
        out << ExecErrorText::describe(result, address);
    if (result.exited()) {
        const QString first = ExecErrorText::formatDuration(result.duration);
        out << (roundTrip ? tr("Round trip: %1 (the first call, with connecting%2: %3).")
                                .arg(ExecErrorText::formatDuration(*roundTrip),
                                     tls ? tr(" and the TLS handshake") : QString(), first)
                          : tr("Round trip: %1.").arg(first));
    }
    if (!tls) {
        out << tr("No TLS: the connection is plaintext.");
    } else if (!subject.isEmpty()) {
        out << tr("TLS: %1 · server certificate %2 · issued by %3 · expires %4")
                   .arg(tlsProtocol.isEmpty() ? tr("handshake not completed") : tlsProtocol,
                        subject, issuer, expires);
        if (!certificateProblem.isEmpty())
            out << tr("Certificate check: %1").arg(certificateProblem);
    }
    return out;
}

ConnectionTester::ConnectionTester(QObject *parent)
    : QObject(parent) {
    static const int registered = qRegisterMetaType<sandbox::ConnectionTestReport>();
    Q_UNUSED(registered);
}

ConnectionTester::~ConnectionTester() {
    cancel();
    join();
}

void ConnectionTester::start(const Profile &profile, const QString &token) {
    if (running_)
        return;
    join();
    running_ = true;
    cancellation_ = std::make_shared<ExecCancellation>();
    thread_ = std::thread([this, profile, token, cancellation = cancellation_] {
        const ConnectionTestReport report = run(profile, token, cancellation.get());
        // Queued: delivered on the GUI thread, dropped if this object is gone by then
        // (the destructor joins this thread first, so `this` is valid here).
        QMetaObject::invokeMethod(
            this,
            [this, report] {
                running_ = false;
                Q_EMIT finished(report);
            },
            Qt::QueuedConnection);
    });
}

void ConnectionTester::cancel() {
    if (cancellation_)
        cancellation_->cancel();
}

void ConnectionTester::join() {
    if (thread_.joinable())
        thread_.join();
}

ConnectionTestReport ConnectionTester::run(const Profile &profile, const QString &token,
                                           ExecCancellation *cancellation) {
    ConnectionTestReport report;
    report.address = profile.address.trimmed();
    const RunnerConfig config = profile.toRunnerConfig(token);
    report.tls = config.tlsEnabled();
    std::string error;
    std::unique_ptr<RemoteRunner> runner = RemoteRunner::create(config, error);
    if (!runner) {
        report.result = configFailure(error);
        return report;
    }
    const ExecRequest request{{"true"}, {}};
    report.result = runner->execCollect(request, cancellation).result;
    if (report.result.exited()) {
        const ExecResult again = runner->execCollect(request, cancellation).result;
        if (again.exited())
            report.roundTrip = again.duration;
    }
    const bool reached = report.result.exited() ||
                         report.result.error.kind == ExecErrorKind::TlsFailure ||
                         report.result.error.kind == ExecErrorKind::Unauthenticated;
    if (report.tls && reached && !(cancellation && cancellation->isCancelled()))
        readTlsDetails(config, cancellation, report);
    return report;
}

} // namespace sandbox
