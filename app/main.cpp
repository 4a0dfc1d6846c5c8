// sandboxctl: run one command on a remote sandbox agent from scripts and terminals.
#include "ctl_command.h"
#include "ctl_token_command.h"

#include <QCoreApplication>

#include <openssl/crypto.h>

#include <cstdlib>
#include <string>
#include <vector>

int main(int argc, char **argv) {
    // No OPENSSL_cleanup() at exit: gRPC's threads can outlive main() for a moment (a call
    // cancelled at its deadline is torn down on them), and a cleanup under them orphans their
    // per-thread OpenSSL state (LeakSanitizer reported it) or frees what they still use. The
    // first OpenSSL call of the process, so that OpenSSL registers no atexit handler.
    OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, nullptr);
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
