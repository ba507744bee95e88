// The commands runway knows, as data: the argument parser validates against it and --help
// lists it. A new command is one row here.
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
};

// Every command, in the order --help lists them.
std::span<const CommandInfo> command_table();

// The command called `name`, or nullptr.
const CommandInfo* find_command(std::string_view name);

// "migrate, info, ..." for error messages.
std::string command_names();

}  // namespace runway
