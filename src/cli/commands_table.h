// The commands runway knows, as data: the argument parser validates against it, --help lists
// it, and the runner reads from it what each command needs (a database session) and allows
// (a dry run) and whether the run log records it. A new command is one row here and one case
// in the runner's switch.
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace runway {

// What the runner dispatches on: a switch over it names every command, so the compiler
// (-Wswitch) catches a row here that the runner does not handle.
enum class Command { Migrate, Info, Validate, Baseline, Repair, Undo, Clean, Metrics, Check, Help };

struct CommandInfo {
  Command id;
  std::string_view name;
  std::string_view summary;  // one line for --help
  // Runs on the database session, which the first such command of a chain opens. The others
  // never connect (check) or connect on their own (metrics opens each environment).
  bool session = false;
  // Allowed with -dryRunOutput: what it would change is written out as SQL, or it only reads.
  bool dry_run = false;
  // Recorded by Flightpath's run log and run events, when they are on (docs/flightpath.md).
  bool run_log = false;
};

// Every command, in the order --help lists them.
std::span<const CommandInfo> command_table();

// The command called `name`, or nullptr.
const CommandInfo* find_command(std::string_view name);

// "migrate, info, ..." for error messages.
std::string command_names();

}  // namespace runway
