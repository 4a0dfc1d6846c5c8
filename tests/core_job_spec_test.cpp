// The job file (`*.sandbox-job.json`) as a support engineer hands it on: what ran comes back
// exactly, a newer or broken file is refused naming the version or the field, and nothing
// secret (token, key content, plain env values unless asked for) ever lands in it.
#include "child_process.h"
#include "qstring_print.h"
#include "test_pki.h"

#include <command_line_splitter.h>
#include <ctl_command_line.h>
#include <job_spec.h>
#include <job_spec_file.h>
#include <shell_quote.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <functional>

using namespace sandbox;
using namespace sandbox::test;

namespace {

Profile mtlsProfile(const TestPki &pki) {
    Profile p;
    p.name = QStringLiteral("Support (mTLS) — it's \"ours\"");
    p.address = QStringLiteral("127.0.0.1:50051");
    p.caFile = pki.ca().certPath;
    p.certFile = pki.client().certPath;
    p.keyFile = pki.client().keyPath;
    p.serverName = QStringLiteral("localhost");
    p.securityProfile = QStringLiteral("standard");
    p.image = QStringLiteral("debian:bookworm-slim");
    p.workdir = QStringLiteral("/srv");
    p.env = {{QStringLiteral("DB_HOST"), QStringLiteral("db.internal")},
             {QStringLiteral("DB_PASSWORD"), QStringLiteral("secret://db.password")}};
    return p;
}

RunOverrides someOverrides() {
    RunOverrides o;
    o.image = QStringLiteral("busybox:demo");
    o.securityProfile = QStringLiteral("strict");
    o.workdir = QStringLiteral("/tmp/w d");
    o.env = QList<EnvVar>{{QStringLiteral("GREETING"), QStringLiteral("hello 'world'\n")},
                          {QStringLiteral("API_KEY"), QStringLiteral("secret://api.key")}};
    o.timeout = std::chrono::milliseconds(1500);
    return o;
}

QString writeAndReadBack(const QTemporaryDir &dir, const JobSpec &spec, JobSpec &back) {
    const QString path = dir.filePath(QStringLiteral("x") + JobSpec::fileSuffix());
    QString error;
    if (!JobSpecFile::write(path, spec, &error))
        return error;
    auto read = JobSpecFile::read(path, &error);
    if (!read)
        return error;
    back = *read;
    return {};
}

class JobSpecTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(pki.ok()) << pki.error();
        ASSERT_TRUE(dir.isValid());
    }
    TestPki pki;
    QTemporaryDir dir;
};

TEST_F(JobSpecTest, ARunRoundTripsThroughAFile) {
    const Profile profile = mtlsProfile(pki);
    QString error;
    auto spec = JobSpec::fromRun(profile, someOverrides(),
                                 QStringLiteral("for i in 1 2; do\n  echo \"$i\"\ndone"), &error);
    ASSERT_TRUE(spec) << error.toStdString();
    spec->note = QStringLiteral("customer ticket 4711");

    EXPECT_EQ(spec->profile.id, profile.id);
    EXPECT_EQ(spec->profile.transport, Transport::MutualTls);
    EXPECT_EQ(spec->image, QStringLiteral("busybox:demo"));
    EXPECT_EQ(spec->securityProfile, QStringLiteral("strict"));
    EXPECT_EQ(spec->workdir, QStringLiteral("/tmp/w d"));
    EXPECT_EQ(spec->argv(), (QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"),
                                         QStringLiteral("for i in 1 2; do\n  echo \"$i\"\ndone")}));

    JobSpec back;
    ASSERT_EQ(writeAndReadBack(dir, *spec, back), QString());
    EXPECT_EQ(back, *spec);
    ASSERT_TRUE(back.timeout);
    EXPECT_EQ(back.timeout->count(), 1500);
    EXPECT_EQ(back.env.at(0).value, QStringLiteral("hello 'world'\n"));
    EXPECT_EQ(back.note, QStringLiteral("customer ticket 4711"));
}

TEST_F(JobSpecTest, ArgvModeKeepsTheListAndItsTextSplitsBackTheSame) {
    Profile profile = mtlsProfile(pki);
    profile.mode = CommandMode::Argv;
    profile.askForColour = true;
    QString error;
    const auto spec = JobSpec::fromRun(
        profile, {}, QStringLiteral("printf '%s|' \"a b\" it\\'s '' $HOME"), &error);
    ASSERT_TRUE(spec) << error.toStdString();
    const QStringList expected{QStringLiteral("printf"),
                               QStringLiteral("%s|"),
                               QStringLiteral("a b"),
                               QStringLiteral("it's"),
                               QString(),
                               QStringLiteral("$HOME")};
    EXPECT_EQ(spec->argv(), expected);
    EXPECT_EQ(CommandLineSplitter::splitArgv(spec->commandText()).argv, expected);
    // No overrides: the profile's own values.
    EXPECT_EQ(spec->image, profile.image);
    EXPECT_EQ(spec->workdir, profile.workdir);
    EXPECT_FALSE(spec->timeout);

    JobSpec back;
    ASSERT_EQ(writeAndReadBack(dir, *spec, back), QString());
    EXPECT_EQ(back, *spec);
    EXPECT_EQ(back.mode, CommandMode::Argv);
    // What is sent: the profile's env, then the colour variables it asks for.
    EXPECT_EQ(back.requestEnv(), profile.requestEnv());

    EXPECT_FALSE(JobSpec::fromRun(profile, {}, QStringLiteral("echo 'open"), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("column 6"))) << error.toStdString();
}

TEST_F(JobSpecTest, NewerSchemaIsRefusedNamingTheVersion) {
    QJsonObject o = JobSpec::fromRun(mtlsProfile(pki), {}, QStringLiteral("id"))->toJson();
    o.insert(QStringLiteral("schema"), 7);
    o.insert(QStringLiteral("somethingNew"), QStringLiteral("x"));
    const QString path = dir.filePath(QStringLiteral("newer.sandbox-job.json"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(o).toJson());
    file.close();

    QString error;
    EXPECT_FALSE(JobSpecFile::read(path, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("schema 7"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("schema 1"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QDir::toNativeSeparators(path))) << error.toStdString();
}

// Found by the job_spec fuzzer: a schema number past qint64's range was cast to qint64
// for the message (undefined behaviour). It is refused as newer, its digits as written.
TEST_F(JobSpecTest, AHugeSchemaNumberIsRefusedAsNewer) {
    const QString path = dir.filePath(QStringLiteral("huge.sandbox-job.json"));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("{\"schema\": 4" + QByteArray(94, '6') + "}");
    file.close();
    QString error;
    EXPECT_FALSE(JobSpecFile::read(path, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("newer version"))) << error.toStdString();
    EXPECT_TRUE(error.contains(QStringLiteral("schema 4666666"))) << error.toStdString();
}

TEST_F(JobSpecTest, AMissingOrWrongFieldIsNamed) {
    const QJsonObject good =
        JobSpec::fromRun(mtlsProfile(pki), someOverrides(), QStringLiteral("id"))->toJson();
    struct Case {
        const char *field;
        std::function<void(QJsonObject &)> damage;
    };
    const auto sub = [](QJsonObject &o, const char *key,
                        const std::function<void(QJsonObject &)> &f) {
        QJsonObject inner = o.value(QLatin1String(key)).toObject();
        f(inner);
        o.insert(QLatin1String(key), inner);
    };
    const Case cases[] = {
        {"\"schema\"",
         [](QJsonObject &o) {
             o.remove(QStringLiteral("schema"));
         }},
        {"\"image\"",
         [](QJsonObject &o) {
             o.remove(QStringLiteral("image"));
         }},
        {"\"securityProfile\"",
         [](QJsonObject &o) {
             o.insert(QStringLiteral("securityProfile"), 3);
         }},
        {"\"profile\"",
         [](QJsonObject &o) {
             o.insert(QStringLiteral("profile"), QStringLiteral("x"));
         }},
        {"\"profile.id\"",
         [&](QJsonObject &o) {
             sub(o, "profile",
                 [](QJsonObject &p) { p.insert(QStringLiteral("id"), QStringLiteral("nope")); });
         }},
        {"\"profile.transport\"",
         [&](QJsonObject &o) {
             sub(o, "profile", [](QJsonObject &p) { p.remove(QStringLiteral("transport")); });
         }},
        {"\"profile.allowInsecure\"",
         [&](QJsonObject &o) {
             sub(o, "profile", [](QJsonObject &p) {
                 p.insert(QStringLiteral("allowInsecure"), QStringLiteral("yes"));
             });
         }},
        {"\"env[2].key\"",
         [](QJsonObject &o) {
             QJsonArray env = o.value(QStringLiteral("env")).toArray();
             env.replace(1, QJsonObject{{QStringLiteral("value"), QStringLiteral("v")}});
             o.insert(QStringLiteral("env"), env);
         }},
        {"\"env[1].value\"",
         [](QJsonObject &o) {
             QJsonArray env = o.value(QStringLiteral("env")).toArray();
             env.replace(0, QJsonObject{{QStringLiteral("key"), QStringLiteral("K")},
                                        {QStringLiteral("value"), 5}});
             o.insert(QStringLiteral("env"), env);
         }},
        {"\"command.line\"",
         [&](QJsonObject &o) {
             sub(o, "command", [](QJsonObject &c) { c.remove(QStringLiteral("line")); });
         }},
        {"\"command.mode\"",
         [&](QJsonObject &o) {
             sub(o, "command",
                 [](QJsonObject &c) { c.insert(QStringLiteral("mode"), QStringLiteral("bash")); });
         }},
        {"\"command.argv[2]\"",
         [&](QJsonObject &o) {
             sub(o, "command", [](QJsonObject &c) {
                 c.insert(QStringLiteral("mode"), QStringLiteral("argv"));
                 c.insert(QStringLiteral("argv"), QJsonArray{QStringLiteral("echo"), 1});
             });
         }},
        {"\"timeoutSeconds\"",
         [](QJsonObject &o) {
             o.insert(QStringLiteral("timeoutSeconds"), -1);
         }},
    };
    for (const Case &c : cases) {
        QJsonObject o = good;
        c.damage(o);
        QString error;
        EXPECT_FALSE(JobSpec::fromJson(o, error)) << c.field;
        EXPECT_TRUE(error.contains(QLatin1String(c.field)))
            << "expected " << c.field << " in: " << error.toStdString();
    }
    QString error;
    EXPECT_TRUE(JobSpec::fromJson(good, error)) << error.toStdString();

    const QString notJson = dir.filePath(QStringLiteral("broken.sandbox-job.json"));
    QFile file(notJson);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("{\"schema\": 1,");
    file.close();
    EXPECT_FALSE(JobSpecFile::read(notJson, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("not valid JSON"))) << error.toStdString();
    EXPECT_FALSE(JobSpecFile::read(dir.filePath(QStringLiteral("absent.json")), &error));
    EXPECT_TRUE(error.contains(QStringLiteral("absent.json"))) << error.toStdString();
}

// Without "include env values": keys and secret:// references stay, plain values, key
// material and tokens never reach the file.
TEST_F(JobSpecTest, NoTokenKeyOrPlainValueEverInTheFile) {
    const QString token = QStringLiteral("tok-never-in-a-job-4b1d");
    Profile profile = mtlsProfile(pki);
    profile.env.append({QStringLiteral("LEAKY"), token}); // a user pasted a token as a value
    auto spec = JobSpec::fromRun(profile, {}, QStringLiteral("env"));
    ASSERT_TRUE(spec);
    spec->dropPlainEnvValues();
    EXPECT_EQ(spec->keysWithoutValue(),
              (QStringList{QStringLiteral("DB_HOST"), QStringLiteral("LEAKY")}));

    const QString path = dir.filePath(QStringLiteral("shared.sandbox-job.json"));
    ASSERT_TRUE(JobSpecFile::write(path, *spec));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    EXPECT_FALSE(bytes.contains(token.toUtf8()));
    EXPECT_FALSE(bytes.contains("db.internal"));
    EXPECT_FALSE(bytes.contains("PRIVATE KEY"));
    EXPECT_FALSE(bytes.contains(QByteArray::fromStdString(pki.client().keyPem).mid(40, 40)));
    EXPECT_FALSE(bytes.toLower().contains("token"));
    EXPECT_TRUE(bytes.contains("secret://db.password"));
    EXPECT_TRUE(bytes.contains("\"DB_HOST\""));

    // Running it elsewhere: values come from the local profile, or are reported missing.
    const auto back = JobSpecFile::read(path);
    ASSERT_TRUE(back);
    QStringList missing;
    const QList<EnvVar> env =
        back->requestEnv({{QStringLiteral("DB_HOST"), QStringLiteral("db.local")}}, &missing);
    EXPECT_EQ(missing, QStringList{QStringLiteral("LEAKY")});
    EXPECT_EQ(env.at(0), (EnvVar{QStringLiteral("DB_HOST"), QStringLiteral("db.local")}));
    EXPECT_EQ(env.at(1),
              (EnvVar{QStringLiteral("DB_PASSWORD"), QStringLiteral("secret://db.password")}));
}

// What /bin/sh makes of the copied line is exactly the argument list, whatever the text.
TEST_F(JobSpecTest, CopiedCommandLineSurvivesTheShellUnchanged) {
    const QString dumper = dir.filePath(QStringLiteral("arg dump"));
    QFile script(dumper);
    ASSERT_TRUE(script.open(QIODevice::WriteOnly));
    script.write("#!/bin/sh\nprintf '%s\\0' \"$@\"\n");
    script.close();
    script.setPermissions(script.permissions() | QFileDevice::ExeOwner);

    Profile profile = mtlsProfile(pki);
    profile.askForColour = true;
    RunOverrides overrides = someOverrides();
    overrides.env->append(
        {QStringLiteral("ODD"), QStringLiteral("$(touch /tmp/x) `id` \\ \"q\" ~ * ; | & ü 中")});
    const auto spec = JobSpec::fromRun(profile, overrides,
                                       QStringLiteral("printf '%s\\n' \"$HOME\" it's\nexit 3"));
    ASSERT_TRUE(spec);
    for (const auto form : {CtlCommandLine::Form::ProfileName, CtlCommandLine::Form::FullFlags}) {
        const QString line = CtlCommandLine::build(*spec, form, dumper);
        const ProcessResult r =
            ChildProcess::run("/bin/sh", {"-c", line.toStdString()}, {}, std::chrono::seconds(30));
        ASSERT_TRUE(r.finished);
        ASSERT_EQ(r.exitCode, 0) << r.err;
        QStringList seen = QString::fromStdString(r.out).split(QChar(0));
        seen.removeLast(); // after the last NUL
        EXPECT_EQ(seen, CtlCommandLine::arguments(*spec, form)) << line.toStdString();
    }
}

TEST_F(JobSpecTest, CommandLineFormsNameTheProfileOrEveryConnectionFlag) {
    Profile profile = mtlsProfile(pki);
    profile.askForColour = false;
    auto spec = JobSpec::fromRun(profile, someOverrides(), QStringLiteral("uname -a"));
    ASSERT_TRUE(spec);
    spec->dropPlainEnvValues();

    const QStringList byName = CtlCommandLine::arguments(*spec, CtlCommandLine::Form::ProfileName);
    EXPECT_EQ(byName.mid(0, 3), (QStringList{QStringLiteral("exec"),
                                             QStringLiteral("--profile-name"), profile.name}));
    EXPECT_FALSE(byName.contains(QStringLiteral("--addr")));
    EXPECT_FALSE(byName.contains(QStringLiteral("--token-file")));
    EXPECT_TRUE(byName.contains(QStringLiteral("API_KEY=secret://api.key")));
    EXPECT_FALSE(byName.join(u' ').contains(QStringLiteral("GREETING")))
        << "its value is not in the job";
    EXPECT_EQ(byName.mid(byName.indexOf(QStringLiteral("--timeout")), 2),
              (QStringList{QStringLiteral("--timeout"), QStringLiteral("1.5")}));
    EXPECT_EQ(
        byName.mid(byName.indexOf(QStringLiteral("--")) + 1),
        (QStringList{QStringLiteral("/bin/sh"), QStringLiteral("-c"), QStringLiteral("uname -a")}));

    const QStringList full = CtlCommandLine::arguments(*spec, CtlCommandLine::Form::FullFlags);
    const auto valueOf = [&](const char *flag) {
        const qsizetype i = full.indexOf(QLatin1String(flag));
        return i < 0 || i + 1 >= full.size() ? QStringLiteral("<absent>") : full.at(i + 1);
    };
    EXPECT_EQ(valueOf("--addr"), profile.address);
    EXPECT_EQ(valueOf("--ca"), profile.caFile);
    EXPECT_EQ(valueOf("--cert"), profile.certFile);
    EXPECT_EQ(valueOf("--key"), profile.keyFile);
    EXPECT_EQ(valueOf("--server-name"), QStringLiteral("localhost"));
    EXPECT_EQ(valueOf("--token-file"), QStringLiteral("PATH_TO_YOUR_TOKEN"));
    EXPECT_EQ(valueOf("--profile"), QStringLiteral("strict"));
    EXPECT_EQ(valueOf("--image"), QStringLiteral("busybox:demo"));
    EXPECT_EQ(valueOf("--workdir"), QStringLiteral("/tmp/w d"));
    EXPECT_TRUE(full.contains(QStringLiteral("GREETING=VALUE_NOT_IN_JOB")));
    EXPECT_FALSE(full.contains(QStringLiteral("--profile-name")));
    EXPECT_FALSE(full.contains(QStringLiteral("--allow-insecure")));
}

TEST(ShellQuote, QuotesOnlyWhatNeedsIt) {
    EXPECT_EQ(ShellQuote::quote(QStringLiteral("debian:bookworm-slim")),
              QStringLiteral("debian:bookworm-slim"));
    EXPECT_EQ(ShellQuote::quote(QString()), QStringLiteral("''"));
    EXPECT_EQ(ShellQuote::quote(QStringLiteral("it's")), QStringLiteral("'it'\\''s'"));
    EXPECT_EQ(ShellQuote::quote(QStringLiteral("A=B")), QStringLiteral("'A=B'"));
}

} // namespace
