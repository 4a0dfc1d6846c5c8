// Profiles for sharing: the export file and its preview (no tokens, no keys, env values
// only when asked, certificate paths relative when beside the file, PEM embedded on
// request), the import plan that merges by id, and the connection test against the real
// agent with real TLS.
#include <connection_tester.h>
#include <exec_error_text.h>
#include <profile_export.h>
#include <profile_import.h>

#include "secure_agent_test.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <gtest/gtest.h>

using namespace sandbox;

namespace {

QByteArray readAll(const QString &path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

class ProfileSharing : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(dir.isValid());
        ASSERT_TRUE(QDir(dir.path()).mkpath(QStringLiteral("share/certs")));
        ASSERT_TRUE(QDir(dir.path()).mkpath(QStringLiteral("elsewhere")));
        ASSERT_TRUE(writeFile(path("share/certs/ca.pem"), caPem));
        ASSERT_TRUE(writeFile(path("share/client.pem"), certPem));
        ASSERT_TRUE(writeFile(path("elsewhere/client.key"), keyPem));
        p.name = QStringLiteral("Build farm");
        p.address = QStringLiteral("farm.example:50051");
        p.caFile = path("share/certs/ca.pem");
        p.certFile = path("share/client.pem");
        p.keyFile = path("elsewhere/client.key");
        p.env = {{QStringLiteral("DB_PASSWORD"), QStringLiteral("hunter2")},
                 {QStringLiteral("API"), QStringLiteral("secret://api.key")}};
    }
    QString path(const char *rel) const {
        return QDir(dir.path()).filePath(QString::fromUtf8(rel));
    }
    static QJsonObject firstProfile(const QByteArray &json) {
        return QJsonDocument::fromJson(json)
            .object()
            .value(QStringLiteral("profiles"))
            .toArray()
            .at(0)
            .toObject();
    }

    QTemporaryDir dir;
    Profile p;
    const QByteArray caPem = "-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----\n";
    const QByteArray certPem = "-----BEGIN CERTIFICATE-----\nCLIENT\n-----END CERTIFICATE-----\n";
    const QByteArray keyPem =
        "-----BEGIN PRIVATE KEY-----\nKEY-MATERIAL\n-----END PRIVATE KEY-----\n";
};

} // namespace

TEST_F(ProfileSharing, ExportLeavesOutPlainEnvValuesAndMakesBesidePathsRelative) {
    const QString out = path("share/profiles.json");
    QByteArray json;
    QStringList preview;
    ASSERT_TRUE(ProfileExport::plan({p}, out, {}, json, preview));
    const QString shown = preview.join(u'\n');
    EXPECT_TRUE(shown.contains(QStringLiteral("DB_PASSWORD (value left out)")))
        << shown.toStdString();
    EXPECT_TRUE(shown.contains(QStringLiteral("secret://api.key"))) << shown.toStdString();
    EXPECT_TRUE(shown.contains(QStringLiteral("No tokens")));
    EXPECT_TRUE(shown.contains(QStringLiteral("certs/ca.pem, relative to the export file")))
        << shown.toStdString();

    ASSERT_TRUE(ProfileExport::write({p}, out, {}));
    const QByteArray written = readAll(out);
    EXPECT_EQ(written, json) << "the preview describes another file than the one written";
    EXPECT_FALSE(written.contains("hunter2"));
    EXPECT_FALSE(written.contains("KEY-MATERIAL"));
    const QJsonObject o = firstProfile(written);
    EXPECT_EQ(o.value(QStringLiteral("caFile")).toString(), QStringLiteral("certs/ca.pem"));
    EXPECT_EQ(o.value(QStringLiteral("certFile")).toString(), QStringLiteral("client.pem"));
    EXPECT_EQ(o.value(QStringLiteral("keyFile")).toString(), p.keyFile); // not beside: as is
    EXPECT_FALSE(o.contains(QStringLiteral("caPem")));
    const QJsonArray env = o.value(QStringLiteral("env")).toArray();
    ASSERT_EQ(env.size(), 2);
    EXPECT_FALSE(env.at(0).toObject().contains(QStringLiteral("value")));
    EXPECT_EQ(env.at(1).toObject().value(QStringLiteral("value")).toString(),
              QStringLiteral("secret://api.key"));
}

TEST_F(ProfileSharing, ExportOnRequestCarriesEnvValuesAndCertificatesButNeverTheKey) {
    const QString out = path("elsewhere/profiles.json");
    ProfileExport::Options options;
    options.includeEnvValues = true;
    options.embedCertificates = true;
    QByteArray json;
    QStringList preview;
    ASSERT_TRUE(ProfileExport::plan({p}, out, options, json, preview));
    const QString shown = preview.join(u'\n');
    EXPECT_TRUE(shown.contains(QStringLiteral("DB_PASSWORD (value included)")));
    EXPECT_TRUE(shown.contains(QStringLiteral("CA certificate: embedded as PEM")));
    EXPECT_TRUE(shown.contains(QStringLiteral("client key (never its content)")));
    ASSERT_TRUE(ProfileExport::write({p}, out, options));
    const QByteArray written = readAll(out);
    EXPECT_TRUE(written.contains("hunter2"));
    EXPECT_FALSE(written.contains("KEY-MATERIAL"));
    const QJsonObject o = firstProfile(written);
    EXPECT_EQ(o.value(QStringLiteral("caPem")).toString().toUtf8(), caPem);
    EXPECT_EQ(o.value(QStringLiteral("certPem")).toString().toUtf8(), certPem);
    EXPECT_FALSE(o.contains(QStringLiteral("keyPem")));
    EXPECT_EQ(o.value(QStringLiteral("keyFile")).toString(), QStringLiteral("client.key"));
}

TEST_F(ProfileSharing, ImportResolvesRelativePathsAndWritesEmbeddedCertificates) {
    const QString out = path("share/profiles.json");
    ProfileExport::Options options;
    options.embedCertificates = true;
    ASSERT_TRUE(ProfileExport::write({p}, out, options));
    QString error;
    const auto items = ProfileImport::plan(out, {}, path("config/certs"), &error);
    ASSERT_TRUE(items) << error.toStdString();
    ASSERT_EQ(items->size(), 1);
    const ProfileImport::Item &item = items->first();
    EXPECT_EQ(item.kind, ProfileImport::Item::Kind::Add);
    EXPECT_EQ(item.profile.id, p.id);
    EXPECT_EQ(item.profile.keyFile, p.keyFile);
    EXPECT_TRUE(item.profile.caFile.startsWith(path("config/certs")));
    ASSERT_TRUE(ProfileImport::writePemFiles(item, &error)) << error.toStdString();
    EXPECT_EQ(readAll(item.profile.caFile), caPem);
    EXPECT_EQ(readAll(item.profile.certFile), certPem);

    // Without embedding, the relative path comes back to the file beside the export.
    ASSERT_TRUE(ProfileExport::write({p}, out, {}));
    const auto plain = ProfileImport::plan(out, {}, path("config/certs"), &error);
    ASSERT_TRUE(plain);
    EXPECT_EQ(plain->first().profile.caFile, p.caFile);
    EXPECT_TRUE(plain->first().pemFiles.isEmpty());
}

TEST_F(ProfileSharing, ImportOfAKnownIdIsAnUpdateWithItsChangesAndKeepsLocalEnvValues) {
    const QString out = path("share/profiles.json");
    Profile theirs = p;
    theirs.address = QStringLiteral("farm2.example:50051");
    theirs.image = QStringLiteral("debian:12");
    ASSERT_TRUE(ProfileExport::write({theirs}, out, {}));
    QString error;
    auto items = ProfileImport::plan(out, {p}, path("certs"), &error);
    ASSERT_TRUE(items) << error.toStdString();
    ASSERT_EQ(items->size(), 1);
    const ProfileImport::Item &item = items->first();
    EXPECT_EQ(item.kind, ProfileImport::Item::Kind::Update);
    EXPECT_EQ(item.profile.name, p.name) << "an update must not become an \"(imported)\" copy";
    const QString changes = item.changes.join(u'\n');
    EXPECT_TRUE(
        changes.contains(QStringLiteral("address: farm.example:50051 → farm2.example:50051")))
        << changes.toStdString();
    EXPECT_TRUE(changes.contains(QStringLiteral("image: (empty) → debian:12")))
        << changes.toStdString();
    EXPECT_FALSE(changes.contains(QStringLiteral("hunter2")));
    // The export left DB_PASSWORD's value out: this machine's value stays.
    EXPECT_EQ(item.profile.env, p.env);

    // The same file again, now equal: nothing to do.
    Profile updated = item.profile;
    items = ProfileImport::plan(out, {updated}, path("certs"), &error);
    ASSERT_TRUE(items);
    EXPECT_EQ(items->first().kind, ProfileImport::Item::Kind::Unchanged);

    // Another id with a name taken here is added under a new name.
    Profile other = theirs;
    other.id = QUuid::createUuid();
    ASSERT_TRUE(ProfileExport::write({other}, out, {}));
    items = ProfileImport::plan(out, {p}, path("certs"), &error);
    ASSERT_TRUE(items);
    EXPECT_EQ(items->first().kind, ProfileImport::Item::Kind::Add);
    EXPECT_EQ(items->first().profile.name, QStringLiteral("Build farm (imported)"));
}

TEST_F(ProfileSharing, ImportRefusesANewerSchemaNamingTheFile) {
    const QString out = path("newer.json");
    ASSERT_TRUE(writeFile(out, R"({"schema": 9, "profiles": []})"));
    QString error;
    EXPECT_FALSE(ProfileImport::plan(out, {}, path("certs"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("schema 9"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("newer.json"))) << error.toStdString();
}

class ConnectionTest : public test::SecureAgentTest {
protected:
    Profile profileFor() const {
        Profile p;
        p.name = QStringLiteral("mTLS agent");
        p.address = QString::fromStdString(agent.address());
        p.caFile = pki.ca().certPath;
        p.certFile = pki.client().certPath;
        p.keyFile = pki.client().keyPath;
        p.image = QString::fromLatin1(test::SecureAgent::kImage);
        p.connectTimeoutMs = 5000;
        return p;
    }
};

TEST_F(ConnectionTest, AgainstTheRealMtlsAgentRunsTrueAndShowsTheTlsDetails) {
    ASSERT_TRUE(agent.start(test::SecureAgent::Options().withMtls()));
    const ConnectionTestReport report =
        ConnectionTester::run(profileFor(), QString::fromStdString(agent.token()));
    const QString text = report.lines().join(u'\n');
    EXPECT_TRUE(report.ok()) << text.toStdString();
    EXPECT_TRUE(report.roundTrip.has_value());
    EXPECT_EQ(report.tlsProtocol, QStringLiteral("TLSv1.3")); // the agent allows nothing else
    EXPECT_TRUE(report.subject.contains(QStringLiteral("CN="))) << report.subject.toStdString();
    EXPECT_FALSE(report.issuer.isEmpty());
    EXPECT_TRUE(report.expires.contains(QStringLiteral("UTC")));
    EXPECT_TRUE(text.contains(QStringLiteral("Round trip:"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("TLSv1.3")));
    EXPECT_FALSE(text.contains(QString::fromStdString(agent.token())));
}

TEST_F(ConnectionTest, AWrongPortIsReportedInTheConsolesWords) {
    ASSERT_TRUE(agent.start(test::SecureAgent::Options().withMtls()));
    Profile p = profileFor();
    p.address = QStringLiteral("127.0.0.1:1"); // nothing listens there
    p.connectTimeoutMs = 3000;
    const ConnectionTestReport report =
        ConnectionTester::run(p, QString::fromStdString(agent.token()));
    EXPECT_FALSE(report.ok());
    EXPECT_FALSE(report.roundTrip.has_value());
    EXPECT_EQ(report.lines().first(), ExecErrorText::describe(report.result, p.address));
    EXPECT_TRUE(report.lines().first().contains(QStringLiteral("127.0.0.1:1")))
        << report.lines().first().toStdString();
    EXPECT_TRUE(report.subject.isEmpty());
}
