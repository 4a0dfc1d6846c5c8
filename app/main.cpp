// sandboxctl: run one command on a remote sandbox agent from scripts and terminals.
#include "ctl_command.h"
#include "ctl_token_command.h"

#include <QCoreApplication>

#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char **argv) {
    // gRPC logs handshake failures itself; sandboxctl prints one line of its own instead.
    setenv("GRPC_VERBOSITY", "NONE", 0);
    // For the keychain's D-Bus calls. The console's application name, so the default config
    // location (profiles.json) is the console's own.
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("sandbox-console"));
    if (argc > 1 && std::string(argv[1]) == "token")
        return sandbox::CtlTokenCommand::run(argc, argv);
    return sandbox::CtlCommand::run(std::vector<std::string>(argv + 1, argv + argc));
}
