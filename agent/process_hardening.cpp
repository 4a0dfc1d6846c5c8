#include "process_hardening.h"

#include <cstdlib>
#include <cstring>
#include <sys/prctl.h>

extern char **environ;

namespace sandbox::agent {

namespace {

// Zeroes the bytes themselves: /proc/PID/cmdline and /proc/PID/environ read this memory.
void wipe(char *text) {
    if (text != nullptr)
        std::memset(text, 0, std::strlen(text));
}

} // namespace

void ProcessHardening::makeUndumpable() {
    ::prctl(PR_SET_DUMPABLE, 0);
}

void ProcessHardening::scrubToken(int argc, char **argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--") == 0)
            break;
        if (std::strcmp(argv[i], "--token") == 0 && i + 1 < argc)
            wipe(argv[++i]);
        else if (std::strncmp(argv[i], "--token=", 8) == 0)
            wipe(argv[i] + 8);
    }
    static const char kName[] = "SANDBOX_RUNNER_TOKEN=";
    for (char **entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
        if (std::strncmp(*entry, kName, sizeof kName - 1) == 0)
            wipe(*entry + sizeof kName - 1);
    }
    ::unsetenv("SANDBOX_RUNNER_TOKEN");
}

} // namespace sandbox::agent
