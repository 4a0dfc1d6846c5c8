#pragma once

#include "exec_result.h"
#include "profile.h"

#include <QCoreApplication>
#include <QMetaType>
#include <QObject>
#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>
#include <optional>
#include <thread>

namespace sandbox {

class ExecCancellation;

// What "Test connection" found: whether `true` ran, how long a call took, what the TLS
// handshake negotiated, and the error in the console's own words (ExecErrorText).
struct ConnectionTestReport {
    Q_DECLARE_TR_FUNCTIONS(ConnectionTestReport)

public:
    QString address;
    ExecResult result;                                 // of the first exec of `true`
    std::optional<std::chrono::nanoseconds> roundTrip; // a second exec, connection open
    bool tls = false;
    QString tlsProtocol; // "TLSv1.3"; empty without TLS or when no handshake completed
    QString subject;     // the agent certificate's
    QString issuer;
    QString expires;
    QString certificateProblem; // what OpenSSL's check of that certificate says, if not OK

    bool ok() const { return result.exited() && result.exitCode == 0; }
    // One line each: the outcome (or the error), the round trip, the TLS details.
    QStringList lines() const;
};

// Runs the connection test of a profile (possibly unsaved, with the token the editor
// holds) on a thread of its own: create the runner (the same checks as the console), exec
// `true` twice, then one TLS handshake with the same CA, client certificate and name to
// read the agent's certificate and the protocol. The GUI thread never waits for it.
class ConnectionTester : public QObject {
    Q_OBJECT
public:
    explicit ConnectionTester(QObject *parent = nullptr);
    ~ConnectionTester() override; // cancels a running test and joins its thread

    // Ignored while a test runs. finished() follows, queued to this object's thread.
    void start(const Profile &profile, const QString &token);
    bool isRunning() const { return running_; }
    void cancel();

    // Blocking; what start() runs on its thread (also for tests and sandboxctl).
    static ConnectionTestReport run(const Profile &profile, const QString &token,
                                    ExecCancellation *cancellation = nullptr);

Q_SIGNALS:
    void finished(const sandbox::ConnectionTestReport &report);

private:
    void join();

    std::thread thread_;
    std::shared_ptr<ExecCancellation> cancellation_;
    bool running_ = false;
};

} // namespace sandbox

Q_DECLARE_METATYPE(sandbox::ConnectionTestReport)
