#include "cli/commands_table.h"

#include <array>

namespace runway {
namespace {

// std::to_array counts the rows, so a new command is one line.
constexpr auto kCommands = std::to_array<CommandInfo>({
    {Command::Migrate, "migrate", "Apply pending migrations"},
    {Command::Info, "info", "Show applied and pending migrations"},
    {Command::Validate, "validate", "Check applied migrations against the files"},
    {Command::Baseline, "baseline", "Mark an existing database as migrated up to baselineVersion"},
    {Command::Repair, "repair", "Fix the history table: remove failed rows, realign checksums"},
    {Command::Undo, "undo",
     "Undo the latest applied versioned migration (or all above target) with its U file"},
    {Command::Clean, "clean",
     "Drop every object in the managed schemas (needs cleanDisabled=false)"},
    {Command::Metrics, "metrics", "Deployment metrics (DORA) from the history and the run log"},
    {Command::Check, "check",
     "Review the migrations offline: names, git base, history export, risky DDL"},
    {Command::Help, "help", "Show this help"},
});

}  // namespace

std::span<const CommandInfo> command_table() {
  return kCommands;
}

const CommandInfo* find_command(std::string_view name) {
  for (const CommandInfo& command : kCommands) {
    if (command.name == name) return &command;
  }
  return nullptr;
}

std::string command_names() {
  std::string names;
  for (const CommandInfo& command : kCommands) {
    if (!names.empty()) names += ", ";
    names += command.name;
  }
  return names;
}

}  // namespace runway
