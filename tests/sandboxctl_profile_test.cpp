// sandboxctl on the desktop console's own data: its profiles.json, the tokens it keeps in
// the keychain (the real Secret Service under scripts/test) and the job files it saves,
// against the real agent over mTLS. The copied command line, run by /bin/sh, prints what
// the console printed for the same command.
#include "child_process.h"
#include "event_wait.h"
#include "keychain_session.h"
#include "secret_answer.h"
#include "secure_agent.h"
#include "test_pki.h"

#include <console_session.h>
#include <ctl_command_line.h>
#include <job_spec_file.h>
#include <profile_store.h>
#include <secret_store.h>
#include <shell_quote.h>
#include <transcript_spool.h>

#include <QBuffer>
#include <QDir>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <sstream>
#include <thread>

using namespace sandbox;
using namespace sandbox::test;

namespace {

std::string s(const QString &text) {
    return text.toStdString();
}

class SandboxctlProfileTest : public ::testing::Test {
protected:
    void SetUp() override {
        SANDBOX_SKIP_WITHOUT_KEYCHAIN();
        ASSERT_TRUE(pki.ok()) << pki.error();
        ASSERT_TRUE(home.isValid() && spoolDir.isValid());
        ASSERT_TRUE(
            agent.start(SecureAgent::Options().withMtls().withEnv({{"CTL_VALUE", secretValue}})));
        profile.name = QStringLiteral("Support's agent (mTLS)");
        profile.address = QString::fromStdString(agent.address());
        profile.caFile = pki.ca().certPath;
        profile.certFile = pki.client().certPath;
        profile.keyFile = pki.client().keyPath;
        profile.image = QString::fromLatin1(SecureAgent::kImage);
        profile.securityProfile = QStringLiteral("strict");
        profile.workdir = QStringLiteral("/tmp/profile-wd");
        profile.env = {{QStringLiteral("GREETING"), QStringLiteral("hello 'there'")},
                       {QStringLiteral("REF"), QStringLiteral("secret://ctl.value")}};
        profile.askForColour = true;
        ASSERT_TRUE(saveProfiles({profile}));
        // Where the console keeps it: the default service, keyed by profile id.
        ASSERT_EQ(awaitSecret(secrets.writeToken(profile.id, QString::fromStdString(agent.token())))
                      .status,
                  SecretStatus::Ok);
    }

    void TearDown() override {
        awaitSecret(secrets.deleteToken(profile.id));
        if (!agent.token().empty()) {
            EXPECT_FALSE(contains(agent.stderrText(), agent.token())) << "agent log has the token";
        }
    }

    // The console's default config location under XDG_CONFIG_HOME=home.
    QString configDir() const {
        return QDir(home.path()).filePath(QStringLiteral("sandbox-console"));
    }

    bool saveProfiles(const QList<Profile> &profiles) {
        ProfileStore store(configDir());
        store.load();
        for (const Profile &p : profiles) {
            QString error;
            if (!store.add(p, &error)) {
                ADD_FAILURE() << error.toStdString();
                return false;
            }
        }
        return true;
    }

    ProcessResult sandboxctl(std::vector<std::string> args, EnvVars env = {}) const {
        env.emplace_back("XDG_CONFIG_HOME", s(home.path()));
        const ProcessResult r =
            ChildProcess::run(SANDBOXCTL_PATH, args, env, std::chrono::seconds(90));
        EXPECT_TRUE(r.finished) << "sandboxctl hung";
        EXPECT_FALSE(contains(r.out + r.err, agent.token())) << "the token was printed";
        return r;
    }

    ProcessResult shell(const QString &line) const {
        const ProcessResult r =
            ChildProcess::run("/bin/sh", {"-c", s(line)}, {{"XDG_CONFIG_HOME", s(home.path())}},
                              std::chrono::seconds(90));
        EXPECT_TRUE(r.finished) << "the copied line hung: " << s(line);
        return r;
    }

    // The agent logs an exec just after its last chunk: wait (bounded) for that line.
    bool agentLogged(const std::string &text) const {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (!contains(agent.stderrText(), text)) {
            if (std::chrono::steady_clock::now() > deadline)
                return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return true;
    }

    QString writeJob(const JobSpec &spec, const QString &name = QStringLiteral("repro")) const {
        const QString path = QDir(home.path()).filePath(name + JobSpec::fileSuffix());
        QString error;
        EXPECT_TRUE(JobSpecFile::write(path, spec, &error)) << error.toStdString();
        return path;
    }

    const std::string secretValue = "resolved-" + SecureAgent::randomToken();
    TestPki pki;
    SecureAgent agent{pki};
    QTemporaryDir home;
    QTemporaryDir spoolDir;
    SecretStore secrets; // the console's own service name: sandboxctl reads the same entry
    Profile profile;
};

const std::vector<std::string> kShowEnv = {"sh", "-c", "pwd; printenv GREETING REF TERM; exit 5"};

TEST_F(SandboxctlProfileTest, ProfileNameTakesConnectionDefaultsAndTheKeychainToken) {
    std::vector<std::string> args = {"exec", "--profile-name", s(profile.name), "--"};
    args.insert(args.end(), kShowEnv.begin(), kShowEnv.end());
    const ProcessResult byName = sandboxctl(args);
    EXPECT_EQ(byName.exitCode, 5) << byName.err;
    EXPECT_EQ(byName.out, "/tmp/profile-wd\nhello 'there'\n" + secretValue + "\nxterm-256color\n");
    // The profile's security profile and image reached the agent (its one line per exec).
    EXPECT_TRUE(agentLogged("profile=\"strict\" effective_profile=strict image=\"" +
                            std::string(SecureAgent::kImage)))
        << agent.stderrText();

    // By id, in another config dir, with explicit flags over the profile's values.
    QTemporaryDir other;
    ASSERT_TRUE(QDir().mkpath(other.path()));
    ProfileStore elsewhere(other.path());
    ASSERT_TRUE(elsewhere.add(profile));
    args = {"exec",
            "--profile-name",
            s(profile.id.toString()),
            "--config-dir",
            s(other.path()),
            "--env",
            "GREETING=flag wins",
            "--workdir",
            "/tmp/flag-wd",
            "--profile",
            "standard",
            "--"};
    args.insert(args.end(), kShowEnv.begin(), kShowEnv.end());
    const ProcessResult byId = sandboxctl(args);
    EXPECT_EQ(byId.exitCode, 5) << byId.err;
    EXPECT_EQ(byId.out, "/tmp/flag-wd\nflag wins\n" + secretValue + "\nxterm-256color\n");
    // --profile stays the security profile, and wins over the console profile's.
    EXPECT_TRUE(agentLogged("profile=\"standard\"")) << agent.stderrText();

    const ProcessResult unknown = sandboxctl({"exec", "--profile-name", "nobody", "--", "true"});
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_TRUE(contains(unknown.err, "\"nobody\"")) << unknown.err;
}

TEST_F(SandboxctlProfileTest, NoKeychainNamesTheAlternatives) {
    const EnvVars noBus = {{"DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/sandboxctl-bus"}};
    const ProcessResult refused = sandboxctl(
        {"exec", "--profile-name", s(profile.name), "--", "echo", "must not run"}, noBus);
    EXPECT_EQ(refused.exitCode, 2) << refused.err;
    EXPECT_TRUE(refused.out.empty()) << refused.out;
    EXPECT_TRUE(contains(refused.err, "keychain")) << refused.err;
    EXPECT_TRUE(contains(refused.err, "--token-file")) << refused.err;
    EXPECT_TRUE(contains(refused.err, "--token-env")) << refused.err;
    EXPECT_TRUE(contains(refused.err, s(profile.name))) << refused.err;

    const ProcessResult withFile =
        sandboxctl({"exec", "--profile-name", s(profile.name), "--token-file", s(agent.tokenFile()),
                    "--", "echo", "ran"},
                   noBus);
    EXPECT_EQ(withFile.exitCode, 0) << withFile.err;
    EXPECT_EQ(withFile.out, "ran\n");
}

TEST_F(SandboxctlProfileTest, RunExecutesAJobFileWithItsExitStatus) {
    RunOverrides overrides;
    overrides.workdir = QStringLiteral("/tmp/job-wd");
    overrides.timeout = std::chrono::seconds(60);
    auto spec =
        JobSpec::fromRun(profile, overrides, QStringLiteral("pwd; printenv GREETING REF; exit 7"));
    ASSERT_TRUE(spec);
    spec->dropPlainEnvValues(); // GREETING's value stays with the profile
    const QString job = writeJob(*spec);

    const ProcessResult known = sandboxctl({"run", s(job)});
    EXPECT_EQ(known.exitCode, 7) << known.err;
    EXPECT_EQ(known.out, "/tmp/job-wd\nhello 'there'\n" + secretValue + "\n");
    // Naming the profile explicitly (here in another config dir) does the same.
    QTemporaryDir mine;
    ProfileStore myStore(mine.path());
    ASSERT_TRUE(myStore.add(profile));
    const ProcessResult named = sandboxctl(
        {"run", s(job), "--profile-name", s(profile.name), "--config-dir", s(mine.path())});
    EXPECT_EQ(named.exitCode, 7) << named.err;
    EXPECT_EQ(named.out, known.out);

    // A colleague without the profile: the job's address and TLS paths, their own token
    // file, and the values the job leaves out.
    QTemporaryDir empty;
    const std::vector<std::string> colleague = {
        "run", s(job), "--config-dir", s(empty.path()), "--token-file", s(agent.tokenFile())};
    const ProcessResult missing = sandboxctl(colleague);
    EXPECT_EQ(missing.exitCode, 2) << missing.err;
    EXPECT_TRUE(contains(missing.err, "GREETING")) << missing.err;
    EXPECT_TRUE(contains(missing.err, "--env GREETING=VALUE")) << missing.err;

    std::vector<std::string> given = colleague;
    given.insert(given.end(), {"--env", "GREETING=from the colleague"});
    const ProcessResult ran = sandboxctl(given);
    EXPECT_EQ(ran.exitCode, 7) << ran.err;
    EXPECT_EQ(ran.out, "/tmp/job-wd\nfrom the colleague\n" + secretValue + "\n");

    const ProcessResult newer = sandboxctl({"run", s(home.filePath(QStringLiteral("none.json")))});
    EXPECT_EQ(newer.exitCode, 2);
    EXPECT_TRUE(contains(newer.err, "none.json")) << newer.err;
}

TEST_F(SandboxctlProfileTest, ProfilesListShowsNameIdAddressTransportAndBadges) {
    Profile plain;
    plain.name = QStringLiteral("Loopback (plaintext)");
    plain.address = QStringLiteral("127.0.0.1:50052");
    plain.allowInsecure = true;
    ASSERT_TRUE(saveProfiles({plain}));
    const ProcessResult r = sandboxctl({"profiles", "list"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    std::vector<std::string> lines;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    ASSERT_EQ(lines.size(), 3u) << r.out;
    EXPECT_TRUE(contains(lines[0], "NAME") && contains(lines[0], "BADGES")) << lines[0];
    for (const std::string &part : {s(profile.name), s(profile.id.toString(QUuid::WithoutBraces)),
                                    s(profile.address), std::string("mtls"), std::string("mTLS")})
        EXPECT_TRUE(contains(lines[1], part)) << part << " not in: " << lines[1];
    for (const std::string &part : {s(plain.name), std::string("127.0.0.1:50052"),
                                    std::string("plaintext"), std::string("insecure")})
        EXPECT_TRUE(contains(lines[2], part)) << part << " not in: " << lines[2];
}

TEST_F(SandboxctlProfileTest, JobShowSaysWhatWillRun) {
    auto spec = JobSpec::fromRun(profile, {}, QStringLiteral("ls -la /etc"));
    ASSERT_TRUE(spec);
    spec->dropPlainEnvValues();
    spec->note = QStringLiteral("ticket 4711");
    const ProcessResult r = sandboxctl({"job", "show", s(writeJob(*spec))});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    for (const std::string &part :
         {s(profile.name), std::string(SecureAgent::kImage), std::string("strict"),
          std::string("/tmp/profile-wd"), std::string("GREETING  (value not in the job"),
          std::string("REF=secret://ctl.value"), std::string("shell: ls -la /etc"),
          std::string("ticket 4711"), std::string("sandboxctl exec --profile-name")})
        EXPECT_TRUE(contains(r.out, part)) << part << " not in:\n" << r.out;
    EXPECT_FALSE(contains(r.out, "hello 'there'")) << r.out;
}

// Copy as sandboxctl command, pasted into a shell: the same bytes and exit status as the
// console's run, with the profile (by name) and without it (full flags, own token file).
TEST_F(SandboxctlProfileTest, CopiedCommandLineReproducesTheConsolesOutput) {
    const QString line =
        QStringLiteral("printf '%s|' \"$GREETING\" \"$REF\" \"$TERM\" \"$(pwd)\" 'it'\"'\"'s'; "
                       "echo; exit 4");
    ConsoleSession::Overrides overrides;
    overrides.workdir = QStringLiteral("/tmp/override wd");
    overrides.image = QStringLiteral("debian:bookworm-slim");
    ConsoleSession session(profile, &secrets, configDir(), 10, nullptr, spoolDir.path());
    std::optional<CommandSummary> summary;
    QObject::connect(&session, &ConsoleSession::commandEnded,
                     [&](quint64, const CommandSummary &done) { summary = done; });
    ASSERT_TRUE(session.submit(line, overrides).started());
    ASSERT_TRUE(EventWait::until([&] { return summary.has_value(); }, 60000));
    ASSERT_EQ(summary->outcome, ExecOutcome::Exited) << summary->detail.toStdString();
    QBuffer consoleOutput;
    consoleOutput.open(QIODevice::WriteOnly);
    ASSERT_TRUE(session.spool()->save(consoleOutput, TranscriptSpool::SaveFormat::RawBytes));
    const std::string expected = consoleOutput.data().toStdString();
    ASSERT_EQ(expected,
              "hello 'there'|" + secretValue + "|xterm-256color|/tmp/override wd|it's|\n");

    const auto spec = JobSpec::fromRun(profile, overrides, line);
    ASSERT_TRUE(spec);
    const QString program = QStringLiteral(SANDBOXCTL_PATH);
    const QString byName = CtlCommandLine::build(*spec, CtlCommandLine::Form::ProfileName, program);
    const ProcessResult named = shell(byName);
    EXPECT_EQ(named.out, expected) << s(byName) << "\n" << named.err;
    EXPECT_EQ(named.exitCode, summary->exitCode) << named.err;

    QString full = CtlCommandLine::build(*spec, CtlCommandLine::Form::FullFlags, program);
    EXPECT_FALSE(full.contains(QString::fromStdString(agent.token())));
    ASSERT_TRUE(full.contains(QLatin1String(CtlCommandLine::kTokenFilePlaceholder))) << s(full);
    full.replace(QLatin1String(CtlCommandLine::kTokenFilePlaceholder),
                 ShellQuote::quote(agent.tokenFile()));
    const ProcessResult flags = shell(full + QStringLiteral(" 2>&1"));
    EXPECT_EQ(flags.out, expected) << s(full);
    EXPECT_EQ(flags.exitCode, summary->exitCode) << flags.out;
}

} // namespace
