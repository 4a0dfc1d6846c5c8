#include "ctl_options.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QStringList>

#include <cctype>
#include <cstdlib>
#include <limits>

namespace sandbox {

namespace {

std::string utf8(const QString &s) {
    return s.toStdString();
}

QCommandLineOption valueOption(const char *name, const char *valueName) {
    return QCommandLineOption(QString::fromLatin1(name), QString(), QString::fromLatin1(valueName));
}

QCommandLineOption flag(const char *name) {
    return QCommandLineOption(QString::fromLatin1(name));
}

// The options of exec and run (run takes its argv from the job).
void addExecOptions(QCommandLineParser &p) {
    for (const char *name : {"addr", "ca", "cert", "key", "server-name", "token-file", "token-env",
                             "profile-name", "config-dir", "profile", "image", "workdir", "env",
                             "timeout", "connect-timeout", "max-chunk"})
        p.addOption(valueOption(name, "VALUE"));
    for (const char *name : {"tls", "allow-insecure", "no-token"})
        p.addOption(flag(name));
    p.addOption(QCommandLineOption(QStringList{QStringLiteral("v"), QStringLiteral("verbose")}));
}

std::optional<std::string> valueIfSet(const QCommandLineParser &p, const char *name) {
    const QString key = QString::fromLatin1(name);
    if (!p.isSet(key))
        return std::nullopt;
    return utf8(p.value(key)); // the last one wins, as with the hand-written parser before
}

bool parseSeconds(const char *name, const std::optional<std::string> &value,
                  std::optional<double> &out, std::string &error) {
    if (!value)
        return true;
    char *end = nullptr;
    const double seconds = std::strtod(value->c_str(), &end);
    if (value->empty() || *end != '\0' || !(seconds > 0) || seconds > 1e7) {
        error = std::string("--") + name + " expects a positive number of seconds, not '" + *value +
                "'";
        return false;
    }
    out = seconds;
    return true;
}

bool parseEnv(const QStringList &values, EnvList &env, std::string &error) {
    for (const QString &entry : values) {
        const std::string value = utf8(entry);
        const auto eq = value.find('=');
        if (eq == std::string::npos || eq == 0) {
            error = "--env expects KEY=VALUE, not '" + value.substr(0, eq) + "'";
            return false;
        }
        env.emplace_back(value.substr(0, eq), value.substr(eq + 1));
    }
    return true;
}

bool readExecOptions(const QCommandLineParser &p, CtlOptions &o, std::string &error) {
    o.address = valueIfSet(p, "addr");
    o.caFile = valueIfSet(p, "ca");
    o.certFile = valueIfSet(p, "cert");
    o.keyFile = valueIfSet(p, "key");
    o.serverName = valueIfSet(p, "server-name");
    o.tokenFile = valueIfSet(p, "token-file").value_or(std::string());
    o.tokenEnv = valueIfSet(p, "token-env").value_or(std::string());
    o.profileName = valueIfSet(p, "profile-name").value_or(std::string());
    o.configDir = valueIfSet(p, "config-dir").value_or(std::string());
    o.profile = valueIfSet(p, "profile");
    o.image = valueIfSet(p, "image");
    o.workdir = valueIfSet(p, "workdir");
    o.tls = p.isSet(QStringLiteral("tls"));
    o.allowInsecure = p.isSet(QStringLiteral("allow-insecure"));
    o.noToken = p.isSet(QStringLiteral("no-token"));
    o.verbose = p.isSet(QStringLiteral("verbose"));
    if (!parseEnv(p.values(QStringLiteral("env")), o.env, error) ||
        !parseSeconds("timeout", valueIfSet(p, "timeout"), o.timeoutSeconds, error) ||
        !parseSeconds("connect-timeout", valueIfSet(p, "connect-timeout"), o.connectTimeoutSeconds,
                      error))
        return false;
    if (const auto size = valueIfSet(p, "max-chunk")) {
        o.maxChunkBytes = CtlOptionsParser::parseSize(*size);
        if (!o.maxChunkBytes) {
            error = "--max-chunk expects a size such as 64K, 16M or 1G (from 1K to 2047M), "
                    "not '" +
                    *size + "'";
            return false;
        }
    }
    const int tokenSources = int(!o.tokenFile.empty()) + int(!o.tokenEnv.empty()) + int(o.noToken);
    if (tokenSources > 1) {
        error = "--token-file, --token-env and --no-token are exclusive; give one";
        return false;
    }
    return true;
}

// Runs the parser on one subcommand's arguments; false with error set on a parse problem.
bool runParser(QCommandLineParser &p, const std::string &command,
               const std::vector<std::string> &args, std::string &error) {
    p.addOption(QCommandLineOption(QStringList{QStringLiteral("h"), QStringLiteral("help")}));
    QStringList list{QStringLiteral("sandboxctl ") + QString::fromStdString(command)};
    for (std::size_t i = 1; i < args.size(); ++i)
        list << QString::fromStdString(args[i]);
    if (p.parse(list))
        return true;
    if (p.unknownOptionNames().contains(QStringLiteral("token")))
        error = "there is no --token option: a token on the command line is visible to "
                "every user in ps and in shell history; use --token-file FILE or "
                "--token-env VAR";
    else
        error = utf8(p.errorText()); // "Unknown option 'x'." as one line of ours
    if (!error.empty() && error.back() == '.')
        error.pop_back();
    if (!error.empty())
        error[0] = char(std::tolower(static_cast<unsigned char>(error[0])));
    return false;
}

bool parseExecOrRun(const std::vector<std::string> &args, CtlOptions &o, std::string &error) {
    const bool run = o.action == CtlOptions::Action::Run;
    QCommandLineParser p;
    // exec: the first plain word starts the remote argv, whose options are not ours. run:
    // options may follow the job file (`run JOB.json --profile-name NAME`).
    if (!run)
        p.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    addExecOptions(p);
    if (!runParser(p, args.front(), args, error))
        return false;
    if (p.isSet(QStringLiteral("help"))) {
        o.action = CtlOptions::Action::Help;
        return true;
    }
    if (!readExecOptions(p, o, error))
        return false;
    const QStringList positional = p.positionalArguments();
    if (run) {
        if (positional.size() != 1) {
            error = positional.isEmpty() ? "run needs a job file: sandboxctl run JOB.json"
                                         : "run takes one job file and runs the job's own "
                                           "command, not '" +
                                               utf8(positional.at(1)) + "'";
            return false;
        }
        o.jobFile = utf8(positional.front());
        return true;
    }
    for (const QString &arg : positional)
        o.argv.push_back(utf8(arg));
    if (!o.address && o.profileName.empty()) {
        error = "--addr HOST:PORT is required (or --profile-name NAME|ID)";
        return false;
    }
    if (o.argv.empty()) {
        error = "no command to run; put it after '--', e.g. sandboxctl exec --addr HOST:PORT "
                "-- echo hi";
        return false;
    }
    return true;
}

bool parseProfilesOrJob(const std::vector<std::string> &args, CtlOptions &o, std::string &error) {
    const bool profiles = args.front() == "profiles";
    QCommandLineParser p;
    p.addOption(valueOption("config-dir", "DIR"));
    if (!runParser(p, args.front(), args, error))
        return false;
    if (p.isSet(QStringLiteral("help"))) {
        o.action = CtlOptions::Action::Help;
        return true;
    }
    o.configDir = valueIfSet(p, "config-dir").value_or(std::string());
    const QStringList positional = p.positionalArguments();
    const std::string verb = positional.isEmpty() ? std::string() : utf8(positional.front());
    const std::size_t expected = profiles ? 1 : 2;
    if (profiles ? verb != "list" : verb != "show") {
        error = profiles ? "say 'sandboxctl profiles list'" : "say 'sandboxctl job show JOB.json'";
        return false;
    }
    if (std::size_t(positional.size()) != expected) {
        error = profiles ? "'profiles list' takes no arguments" : "'job show' takes one job file";
        return false;
    }
    o.action = profiles ? CtlOptions::Action::ProfilesList : CtlOptions::Action::JobShow;
    if (!profiles)
        o.jobFile = utf8(positional.at(1));
    return true;
}

} // namespace

std::optional<int> CtlOptionsParser::parseSize(const std::string &text) {
    if (text.empty())
        return std::nullopt;
    std::string digits = text;
    long long unit = 1;
    switch (digits.back()) {
    case 'K':
    case 'k':
        unit = 1024;
        break;
    case 'M':
    case 'm':
        unit = 1024 * 1024;
        break;
    case 'G':
    case 'g':
        unit = 1024LL * 1024 * 1024;
        break;
    default:
        break;
    }
    if (unit != 1)
        digits.pop_back();
    if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos ||
        digits.size() > 12)
        return std::nullopt;
    const long long bytes = std::stoll(digits) * unit;
    if (bytes < 1024 || bytes > std::numeric_limits<int>::max())
        return std::nullopt;
    return int(bytes);
}

std::optional<CtlOptions> CtlOptionsParser::parse(const std::vector<std::string> &args,
                                                  std::string &error) {
    CtlOptions o;
    if (args.empty()) {
        error = "missing command; try 'sandboxctl exec --addr HOST:PORT -- ARGV...'";
        return std::nullopt;
    }
    const std::string &first = args.front();
    if (first == "--help" || first == "-h" || first == "help") {
        o.action = CtlOptions::Action::Help;
        return o;
    }
    if (first == "--version") {
        o.action = CtlOptions::Action::Version;
        return o;
    }
    bool ok = false;
    if (first == "exec" || first == "run") {
        o.action = first == "run" ? CtlOptions::Action::Run : CtlOptions::Action::Exec;
        ok = parseExecOrRun(args, o, error);
    } else if (first == "profiles" || first == "job") {
        ok = parseProfilesOrJob(args, o, error);
    } else {
        error = "unknown command '" + first +
                "'; the commands are exec, run, profiles list, job show and token";
    }
    if (!ok)
        return std::nullopt;
    return o;
}

std::string CtlOptionsParser::usage() {
    return R"(Usage: sandboxctl exec (--addr HOST:PORT | --profile-name NAME|ID) [options] -- ARGV...
       sandboxctl run JOB.sandbox-job.json [options]
       sandboxctl profiles list [--config-dir DIR]
       sandboxctl job show JOB.sandbox-job.json [--config-dir DIR]
       sandboxctl token set|delete --profile-id ID
       sandboxctl --help | --version

exec runs ARGV in a sandbox on a remote sandbox agent and streams its output; run does
the same for a job file saved by the console (its profile, image, env and command).

Profiles (shared with the desktop console):
  --profile-name NAME|ID  take address, TLS files, server name, Allow insecure, image,
                          security profile, workdir and env from this console profile,
                          and its token from the keychain; options below override them
  --config-dir DIR        the console's configuration directory (profiles.json;
                          default $SANDBOX_CONSOLE_CONFIG_DIR, else the console's own)
  run uses the job's profile (by id) when it exists here, else the job's address.

Connection:
  --addr HOST:PORT        agent address (also [IPv6]:PORT, dns:///HOST:PORT, unix:PATH)
  --ca FILE               CA certificate(s) that signed the agent's certificate (PEM)
  --cert FILE --key FILE  client certificate and key for mutual TLS (PEM)
  --server-name NAME      expect NAME in the agent's certificate instead of HOST
  --tls                   use TLS with the system's trusted roots (implied by the
                          four options above)
  --token-file FILE       read the bearer token from FILE (trailing newline trimmed)
  --token-env VAR         read the bearer token from environment variable VAR
  --no-token              send no bearer token (and do not ask the keychain)
  --allow-insecure        allow a token over a connection without TLS (it travels in
                          cleartext; for loopback demos only)
  --connect-timeout SEC   give up connecting after SEC seconds (default 10)
  --max-chunk SIZE        accept output messages up to SIZE (64K, 16M, 1G; default 1G)
  There is no --token option: a token in argv is visible to every user in ps.

Request:
  --profile P             security profile: strict or standard (the agent decides
                          when absent and clamps anything else to standard)
  --image I               OCI image; default: the profile's, else $SANDBOX_IMAGE, else
                          debian:bookworm-slim
  --workdir D             working directory inside the sandbox
  --env KEY=VALUE         environment variable, repeatable, wins over the profile's and
                          the job's; secret://NAME values are sent verbatim and resolved
                          by the agent
  --timeout SEC           stop the remote command after SEC seconds
  -v, --verbose           say on stderr where the command goes and which security
                          profile the agent will apply

Exit status:
  the remote command's exit code; 125 when its end is unknown (connection, TLS,
  authentication or protocol error, cancelled with Ctrl+C); 2 for an invalid
  command line or configuration (nothing was sent).
)";
}

} // namespace sandbox
