// sandboxctl: run one command on a remote sandbox agent from scripts and terminals.
#include "ctl_command.h"
#include "ctl_token_command.h"

#include <QCoreApplication>

#include <grpc/grpc.h>

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
    // gRPC's last reference is ours, dropped on this thread once the command is done, so
    // its shutdown runs here and joins its threads before the process exits. Otherwise a call
    // cancelled at its deadline can drop the last channel reference on a gRPC thread, which
    // then shuts gRPC down on a detached thread that may still run (holding OpenSSL's error
    // state for that thread) when main() returns.
    grpc_init();
    const int status =
        argc > 1 && std::string(argv[1]) == "token"
            ? sandbox::CtlTokenCommand::run(argc, argv)
            : sandbox::CtlCommand::run(std::vector<std::string>(argv + 1, argv + argc));
    grpc_shutdown_blocking();
    return status;
}
