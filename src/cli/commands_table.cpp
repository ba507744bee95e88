#include "cli/commands_table.h"

#include <algorithm>
#include <array>

namespace runway {
namespace {

// std::to_array counts the rows, so a new command is one row.
constexpr auto kCommands = std::to_array<CommandInfo>({
    {.id = Command::Migrate, .name = "migrate", .summary = "Apply pending migrations",
     .session = true, .dry_run = true, .run_log = true},
    {.id = Command::Info, .name = "info", .summary = "Show applied and pending migrations",
     .session = true, .dry_run = true},
    {.id = Command::Validate, .name = "validate",
     .summary = "Check applied migrations against the files", .session = true, .dry_run = true},
    {.id = Command::Baseline, .name = "baseline",
     .summary = "Mark an existing database as migrated up to baselineVersion", .session = true,
     .dry_run = true, .run_log = true},
    {.id = Command::Repair, .name = "repair",
     .summary = "Fix the history table: remove failed rows, realign checksums", .session = true,
     .run_log = true},
    {.id = Command::Undo, .name = "undo",
     .summary = "Undo the latest applied versioned migration (or all above target) with its U file",
     .session = true, .dry_run = true, .run_log = true},
    {.id = Command::Clean, .name = "clean",
     .summary = "Drop every object in the managed schemas (needs cleanDisabled=false)",
     .session = true},
    {.id = Command::Metrics, .name = "metrics",
     .summary = "Deployment metrics (DORA) from the history and the run log"},
    {.id = Command::Check, .name = "check",
     .summary = "Review the migrations offline: names, git base, history export, risky DDL"},
    {.id = Command::Help, .name = "help", .summary = "Show this help"},
});

// A dry run and the run log both work on the session.
static_assert(std::ranges::all_of(kCommands, [](const CommandInfo& command) {
  return command.session || (!command.dry_run && !command.run_log);
}));

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
