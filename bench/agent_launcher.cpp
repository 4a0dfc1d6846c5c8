#include "agent_launcher.h"

#include <QFile>
#include <QProcessEnvironment>

namespace sandbox {

AgentLauncher::~AgentLauncher() {
    if (process_.state() == QProcess::NotRunning)
        return;
    process_.terminate(); // SIGTERM: the agent stops cleanly
    if (!process_.waitForFinished(5000)) {
        process_.kill();
        process_.waitForFinished(2000);
    }
}

bool AgentLauncher::start(const std::string &agentPath, const Files &files,
                          const std::string &token, std::string &error) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("SANDBOX_RUNNER_TOKEN"), QString::fromStdString(token));
    process_.setProcessEnvironment(env);
    // To a file: a pipe nobody drains would fill up and block the agent mid-benchmark.
    process_.setStandardErrorFile(QString::fromStdString(files.log));
    QStringList args = {QStringLiteral("--addr"), QStringLiteral("127.0.0.1:0")};
    if (!files.cert.empty())
        args << QStringLiteral("--tls-cert") << QString::fromStdString(files.cert)
             << QStringLiteral("--tls-key") << QString::fromStdString(files.key)
             << QStringLiteral("--tls-ca") << QString::fromStdString(files.ca);
    for (const std::string &arg : files.extraArgs)
        args << QString::fromStdString(arg);
    process_.start(QString::fromStdString(agentPath), args);
    if (!process_.waitForStarted(10000)) {
        error = "cannot start " + agentPath + ": " + process_.errorString().toStdString();
        return false;
    }
    const QByteArray prefix("listening on ");
    while (process_.waitForReadyRead(15000) || process_.canReadLine()) {
        while (process_.canReadLine()) {
            const QByteArray line = process_.readLine().trimmed();
            if (line.startsWith(prefix)) {
                address_ = line.mid(prefix.size()).toStdString();
                return true;
            }
        }
    }
    QFile log(QString::fromStdString(files.log));
    log.open(QIODevice::ReadOnly);
    error = agentPath +
            " did not print 'listening on HOST:PORT': " + log.readAll().trimmed().toStdString();
    return false;
}

} // namespace sandbox
