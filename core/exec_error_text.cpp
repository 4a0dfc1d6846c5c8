#include "exec_error_text.h"

#include <QCoreApplication>
#include <QLocale>

namespace sandbox {

namespace {

QString oneDecimal(double value) {
    return QLocale().toString(value, 'f', 1);
}

// What the agent said, else what the runner said.
QString detailOf(const ExecError &error) {
    return QString::fromStdString(error.agentMessage.empty() ? error.message : error.agentMessage);
}

// The causes the runner established; their words take precedence over the kind's.
QString describeCause(const ExecError &e, const QString &address) {
    switch (e.cause) {
    case ExecErrorCause::ConnectionLost:
        return QCoreApplication::translate("ExecErrorText",
                                           "The connection to %1 was lost after %2 bytes of "
                                           "output; the command's end is unknown.")
            .arg(address)
            .arg(e.bytesReceived);
    case ExecErrorCause::HandshakeStalled:
        return QCoreApplication::translate("ExecErrorText",
                                           "%1 accepted the connection but never completed the "
                                           "TLS handshake (is it a TLS port?)")
            .arg(address);
    case ExecErrorCause::ClientCertificateLikely:
        return QCoreApplication::translate(
                   "ExecErrorText",
                   "The TLS handshake with %1 failed; likely cause: the agent may require a "
                   "client certificate (mTLS). Configure one in the profile (%2).")
            .arg(address, detailOf(e));
    case ExecErrorCause::ReceiveLimit:
        return QCoreApplication::translate(
                   "ExecErrorText",
                   "One output message from %1 was larger than the receive limit of %2; raise "
                   "the profile's setting \"%3\" (sandboxctl: --max-chunk SIZE).")
            .arg(address, ExecErrorText::formatBytes(std::uint64_t(e.receiveLimitBytes)),
                 ExecErrorText::receiveLimitSettingName());
    case ExecErrorCause::None:
        break;
    }
    return {};
}

QString describeConnection(const ExecError &e, const QString &address) {
    switch (e.kind) {
    case ExecErrorKind::Unavailable:
        return QCoreApplication::translate(
                   "ExecErrorText",
                   "The agent at %1 is unreachable: nothing answered or the connection was "
                   "refused. Check that it is running and that the address is right (%2).")
            .arg(address, detailOf(e));
    case ExecErrorKind::TlsFailure:
        if (!e.tlsCause.empty()) // the certificate check found the cause; its words are core's
            return QCoreApplication::translate("ExecErrorText",
                                               "The TLS handshake with %1 failed: %2.")
                .arg(address, QString::fromStdString(e.tlsCause));
        return QCoreApplication::translate(
                   "ExecErrorText",
                   "The TLS handshake with %1 failed (%2). Likely causes: the CA file does not "
                   "match the agent's certificate, the server name does not match it, the "
                   "certificate has expired, or the agent does not use TLS.")
            .arg(address, detailOf(e));
    case ExecErrorKind::Unauthenticated:
        return QCoreApplication::translate(
                   "ExecErrorText",
                   "The agent at %1 refused the token or client certificate (%2). Check the "
                   "profile's token and certificates.")
            .arg(address, detailOf(e));
    case ExecErrorKind::StreamCut:
        return QCoreApplication::translate(
                   "ExecErrorText",
                   "The stream from %1 ended before an exit code arrived: the agent may have "
                   "crashed or the connection was cut. The command's real result is unknown.")
            .arg(address);
    default:
        return {};
    }
}

QString describeRequest(const ExecError &e, const QString &address) {
    const QString detail = detailOf(e);
    switch (e.kind) {
    case ExecErrorKind::InvalidConfig:
        return QCoreApplication::translate("ExecErrorText",
                                           "Nothing was sent: the profile cannot be used. %1")
            .arg(detail);
    case ExecErrorKind::InvalidRequest:
        return QCoreApplication::translate("ExecErrorText", "Nothing was sent: %1").arg(detail);
    case ExecErrorKind::PermissionDenied:
        return QCoreApplication::translate("ExecErrorText",
                                           "The agent at %1 refused the request: %2")
            .arg(address, detail);
    case ExecErrorKind::InvalidArgument:
        return QCoreApplication::translate("ExecErrorText",
                                           "The agent at %1 rejected the request: %2")
            .arg(address, detail);
    case ExecErrorKind::ResourceExhausted:
        return QCoreApplication::translate(
                   "ExecErrorText",
                   "The agent at %1 is at its limit, or a message was too large: %2")
            .arg(address, detail);
    case ExecErrorKind::DeadlineExceeded:
        return QCoreApplication::translate("ExecErrorText",
                                           "The command did not finish in time: %1")
            .arg(detail);
    case ExecErrorKind::Internal:
        return QCoreApplication::translate("ExecErrorText",
                                           "The sandbox failed to run the command: %1")
            .arg(detail);
    default:
        return QCoreApplication::translate("ExecErrorText", "The command failed: %1").arg(detail);
    }
}

} // namespace

QString ExecErrorText::receiveLimitSettingName() {
    // The same words as GrpcStatusMapper::kReceiveLimitSetting (sandboxctl's message).
    return tr("Largest output message");
}

QString ExecErrorText::formatDuration(std::chrono::nanoseconds duration) {
    using namespace std::chrono;
    const auto ms = duration_cast<milliseconds>(duration).count();
    if (ms < 1000)
        return tr("%1 ms").arg(ms);
    if (ms < 60'000)
        return tr("%1 s").arg(oneDecimal(double(ms) / 1000.0));
    return tr("%1 min %2 s").arg(ms / 60'000).arg((ms % 60'000) / 1000);
}

QString ExecErrorText::formatBytes(std::uint64_t bytes) {
    if (bytes < 1024)
        return tr("%1 B").arg(bytes);
    if (bytes < 1024ull * 1024)
        return tr("%1 KiB").arg(oneDecimal(double(bytes) / 1024.0));
    if (bytes < 1024ull * 1024 * 1024)
        return tr("%1 MiB").arg(oneDecimal(double(bytes) / (1024.0 * 1024.0)));
    return tr("%1 GiB").arg(oneDecimal(double(bytes) / (1024.0 * 1024.0 * 1024.0)));
}

QString ExecErrorText::banner(const ExecResult &result) {
    QString head;
    switch (result.outcome) {
    case ExecOutcome::Exited:
        head = tr("exit %1").arg(result.exitCode);
        break;
    case ExecOutcome::Cancelled:
        head = tr("cancelled");
        break;
    case ExecOutcome::Failed:
        head = tr("failed");
        break;
    }
    const QString sep = QStringLiteral(" \u00b7 ");
    return head + sep + formatDuration(result.duration) + sep +
           formatBytes(result.stdoutBytes + result.stderrBytes);
}

QString ExecErrorText::describe(const ExecResult &result, const QString &address) {
    if (result.outcome == ExecOutcome::Exited)
        return {};
    if (result.outcome == ExecOutcome::Cancelled || result.error.kind == ExecErrorKind::Cancelled)
        return tr("Cancelled: the agent was told to stop the command.");
    if (QString cause = describeCause(result.error, address); !cause.isEmpty())
        return cause;
    const QString text = describeConnection(result.error, address);
    return text.isEmpty() ? describeRequest(result.error, address) : text;
}

} // namespace sandbox
