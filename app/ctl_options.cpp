#include "ctl_options.h"

#include <cstdlib>
#include <map>

namespace sandbox {

namespace {

const std::map<std::string, std::string CtlOptions::*> &stringOptions() {
    static const std::map<std::string, std::string CtlOptions::*> options{
        {"--addr", &CtlOptions::address},           {"--ca", &CtlOptions::caFile},
        {"--cert", &CtlOptions::certFile},          {"--key", &CtlOptions::keyFile},
        {"--server-name", &CtlOptions::serverName}, {"--token-file", &CtlOptions::tokenFile},
        {"--token-env", &CtlOptions::tokenEnv},     {"--profile", &CtlOptions::profile},
        {"--workdir", &CtlOptions::workdir},
    };
    return options;
}

bool parseSeconds(const std::string &name, const std::string &value, std::optional<double> &out,
                  std::string &error) {
    char *end = nullptr;
    const double seconds = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !(seconds > 0) || seconds > 1e7) {
        error = name + " expects a positive number of seconds, not '" + value + "'";
        return false;
    }
    out = seconds;
    return true;
}

bool isTokenFlag(const std::string &arg) {
    return arg == "--token" || arg.rfind("--token=", 0) == 0;
}

} // namespace

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
    if (first != "exec") {
        error = "unknown command '" + first + "'; the only command is 'exec'";
        return std::nullopt;
    }
    if (!parseExec(std::vector<std::string>(args.begin() + 1, args.end()), o, error))
        return std::nullopt;
    return o;
}

bool CtlOptionsParser::takesValue(const std::string &name) {
    return stringOptions().count(name) || name == "--image" || name == "--env" ||
           name == "--timeout" || name == "--connect-timeout";
}

bool CtlOptionsParser::parseExec(const std::vector<std::string> &args, CtlOptions &o,
                                 std::string &error) {
    std::size_t i = 0;
    for (; i < args.size(); ++i) {
        const std::string &arg = args[i];
        if (arg == "--") {
            ++i;
            break;
        }
        if (arg.rfind("-", 0) != 0)
            break; // the first plain word starts the remote argv
        if (isTokenFlag(arg)) {
            error = "there is no --token option: a token on the command line is visible to "
                    "every user in ps and in shell history; use --token-file FILE or "
                    "--token-env VAR";
            return false;
        }
        if (arg == "--help" || arg == "-h") {
            o.action = CtlOptions::Action::Help;
            return true;
        }
        if (arg == "--allow-insecure" || arg == "--tls") {
            (arg == "--tls" ? o.tls : o.allowInsecure) = true;
            continue;
        }
        if (arg == "--verbose" || arg == "-v") {
            o.verbose = true;
            continue;
        }
        const auto eq = arg.find('=');
        const std::string name = arg.substr(0, eq);
        if (!takesValue(name)) {
            error = "unknown option '" + name + "'";
            return false;
        }
        std::string value;
        if (eq != std::string::npos) {
            value = arg.substr(eq + 1);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            error = name + " needs a value";
            return false;
        }
        if (!applyOption(name, value, o, error))
            return false;
    }
    o.argv.assign(args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
    if (o.address.empty()) {
        error = "--addr HOST:PORT is required";
        return false;
    }
    if (o.argv.empty()) {
        error = "no command to run; put it after '--', e.g. sandboxctl exec --addr HOST:PORT "
                "-- echo hi";
        return false;
    }
    if (!o.tokenFile.empty() && !o.tokenEnv.empty()) {
        error = "--token-file and --token-env are exclusive; give one";
        return false;
    }
    return true;
}

bool CtlOptionsParser::applyOption(const std::string &name, const std::string &value, CtlOptions &o,
                                   std::string &error) {
    if (const auto it = stringOptions().find(name); it != stringOptions().end()) {
        o.*(it->second) = value;
        return true;
    }
    if (name == "--image") {
        o.image = value;
        return true;
    }
    if (name == "--env") {
        const auto eq = value.find('=');
        if (eq == std::string::npos || eq == 0) {
            error = "--env expects KEY=VALUE, not '" + value.substr(0, value.find('=')) + "'";
            return false;
        }
        o.env.emplace_back(value.substr(0, eq), value.substr(eq + 1));
        return true;
    }
    return parseSeconds(name, value,
                        name == "--timeout" ? o.timeoutSeconds : o.connectTimeoutSeconds, error);
}

std::string CtlOptionsParser::usage() {
    return R"(Usage: sandboxctl exec --addr HOST:PORT [options] -- ARGV...
       sandboxctl --help | --version

Runs ARGV in a sandbox on a remote sandbox agent and streams its output.

Connection:
  --addr HOST:PORT        agent address (also [IPv6]:PORT, dns:///HOST:PORT, unix:PATH)
  --ca FILE               CA certificate(s) that signed the agent's certificate (PEM)
  --cert FILE --key FILE  client certificate and key for mutual TLS (PEM)
  --server-name NAME      expect NAME in the agent's certificate instead of HOST
  --tls                   use TLS with the system's trusted roots (implied by the
                          four options above)
  --token-file FILE       read the bearer token from FILE (trailing newline trimmed)
  --token-env VAR         read the bearer token from environment variable VAR
  --allow-insecure        allow a token over a connection without TLS (it travels in
                          cleartext; for loopback demos only)
  --connect-timeout SEC   give up connecting after SEC seconds (default 10)
  There is no --token option: a token in argv is visible to every user in ps.

Request:
  --profile P             security profile: strict or standard (the agent decides
                          when absent and clamps anything else to standard)
  --image I               OCI image; default: $SANDBOX_IMAGE, else debian:bookworm-slim
  --workdir D             working directory inside the sandbox
  --env KEY=VALUE         environment variable, repeatable; secret://NAME values are
                          sent verbatim and resolved by the agent
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
