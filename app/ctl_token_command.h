#pragma once

namespace sandbox {

// `sandboxctl token set|delete --profile-id ID`: seeds or removes a desktop-console profile's
// token in the OS keychain (core SecretStore: service "sandbox-console", key = profile id),
// for scripts such as scripts/demo. `set` reads the token from stdin (never from argv, where
// `ps` would show it); on a terminal it prompts without echo.
// Exit status: 0 done, 1 keychain error (one line on stderr), 2 usage error.
class CtlTokenCommand {
public:
    // argv[1] is "token". Needs a QCoreApplication for the keychain's D-Bus calls.
    static int run(int &argc, char **argv);
    static const char *usage();
};

} // namespace sandbox
