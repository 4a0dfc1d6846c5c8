// sandboxctl: run one command on a remote sandbox agent from scripts and terminals.
#include "ctl_command.h"

#include <string>
#include <vector>

int main(int argc, char **argv) {
    return sandbox::CtlCommand::run(std::vector<std::string>(argv + 1, argv + argc));
}
