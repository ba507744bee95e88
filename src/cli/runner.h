// The command line as a function: argv in, exit code out. Everything written to stdout
// passes through here: the results of commands, as text or as JSON.
#pragma once

namespace runway {

int run_cli(int argc, char** argv);

}  // namespace runway
