// The command line: `netbox-reconciler <subcommand> ...` (CLI11).
#pragma once

namespace nbr::cli {

// Parses argv, runs the chosen subcommand and returns the process exit code.
// Every subcommand documents its exit codes in its --help text.
int Run(int argc, char** argv);

}  // namespace nbr::cli
