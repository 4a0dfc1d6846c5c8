#include "bench_pki.h"

#include <QFile>
#include <QProcess>

namespace sandbox {

namespace {
const QString kKeyOpts = QStringLiteral("ec_paramgen_curve:P-256");
}

std::string BenchPki::path(const char *file) const {
    return dir_.filePath(QString::fromUtf8(file)).toStdString();
}

bool BenchPki::openssl(const QStringList &args, std::string &error) const {
    QProcess p;
    p.setWorkingDirectory(dir_.path());
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(QStringLiteral("openssl"), args);
    if (!p.waitForFinished(60000) || p.exitStatus() != QProcess::NormalExit || p.exitCode()) {
        error = "openssl " + args.join(QLatin1Char(' ')).toStdString() +
                " failed: " + p.readAll().toStdString() + p.errorString().toStdString();
        return false;
    }
    return true;
}

bool BenchPki::issue(const QString &name, const QString &extensions, std::string &error) const {
    QFile ext(dir_.filePath(name + QStringLiteral(".ext")));
    if (!ext.open(QIODevice::WriteOnly) || ext.write(extensions.toUtf8()) < 0) {
        error = "cannot write " + ext.fileName().toStdString();
        return false;
    }
    ext.close();
    return openssl({QStringLiteral("req"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                    QStringLiteral("-pkeyopt"), kKeyOpts, QStringLiteral("-nodes"),
                    QStringLiteral("-keyout"), name + QStringLiteral(".key"),
                    QStringLiteral("-out"), name + QStringLiteral(".csr"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=") + name},
                   error) &&
           openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                    name + QStringLiteral(".csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
                    QStringLiteral("-CAkey"), QStringLiteral("ca.key"),
                    QStringLiteral("-CAcreateserial"), QStringLiteral("-days"), QStringLiteral("2"),
                    QStringLiteral("-extfile"), ext.fileName(), QStringLiteral("-out"),
                    name + QStringLiteral(".pem")},
                   error);
}

bool BenchPki::generate(std::string &error) {
    if (!dir_.isValid()) {
        error = "cannot create a temporary directory";
        return false;
    }
    return openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                    QStringLiteral("ec"), QStringLiteral("-pkeyopt"), kKeyOpts,
                    QStringLiteral("-nodes"), QStringLiteral("-keyout"), QStringLiteral("ca.key"),
                    QStringLiteral("-out"), QStringLiteral("ca.pem"), QStringLiteral("-days"),
                    QStringLiteral("2"), QStringLiteral("-subj"),
                    QStringLiteral("/CN=sandbox-bench CA")},
                   error) &&
           issue(QStringLiteral("server"),
                 QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                                "extendedKeyUsage=serverAuth\n"),
                 error) &&
           issue(QStringLiteral("client"), QStringLiteral("extendedKeyUsage=clientAuth\n"), error);
}

} // namespace sandbox
