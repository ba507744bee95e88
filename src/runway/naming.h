// Migration file names (spec 1.3): which prefix, which version, which description.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "runway/config.h"
#include "runway/migration.h"

namespace runway {

// Every callback event id Flyway defines (spec 7.10), in its documentation order.
std::span<const std::string_view> callback_events();

// The same events, for code that fires them; in the order of callback_events().
enum class CallbackEvent {
  BeforeMigrate,
  BeforeRepeatables,
  BeforeEachMigrate,
  BeforeEachMigrateStatement,
  AfterEachMigrateStatement,
  AfterEachMigrateStatementError,
  AfterEachMigrate,
  AfterEachMigrateError,
  AfterVersioned,
  AfterMigrateApplied,
  AfterMigrate,
  AfterMigrateError,
  BeforeClean,
  AfterClean,
  AfterCleanError,
  BeforeValidate,
  AfterValidate,
  AfterValidateError,
  BeforeBaseline,
  AfterBaseline,
  AfterBaselineError,
  BeforeRepair,
  AfterRepair,
  AfterRepairError,
  BeforeInfo,
  AfterInfo,
  AfterInfoError,
  CreateSchema,
  BeforeCreateSchema,
  AfterConnect,
  AfterMigrateOperationFinish,
  AfterInfoOperationFinish,
  BeforeUndo,
  BeforeEachUndo,
  BeforeEachUndoStatement,
  AfterEachUndoStatement,
  AfterEachUndoStatementError,
  AfterEachUndo,
  AfterEachUndoError,
  AfterUndo,
  AfterUndoError,
  BeforeConnect,
};

// The event id as callback file names spell it: "beforeMigrate".
std::string_view callback_event_name(CallbackEvent event);

// The naming settings, detached from Settings so that `check` can use them too.
struct NamingConventions {
  std::string versioned_prefix = "V";
  std::string repeatable_prefix = "R";
  std::string baseline_prefix = "B";
  std::string undo_prefix = "U";
  std::string separator = "__";
  std::vector<std::string> suffixes = {".sql"};

  static NamingConventions from(const Settings& settings);
};

struct ParsedName {
  enum class Kind { Versioned, Repeatable, BaselineMigration, Undo, Callback };
  Kind kind = Kind::Versioned;
  MigrationVersion version;  // versioned kinds only
  std::string raw_version;   // as written in the file name (`1_1`), for JSON rawVersion
  std::string description;   // `_` turned into spaces
  std::string event;         // callbacks only
};

// True when the name ends with one of the SQL suffixes (case-insensitive): such files are
// checked by the name validator even when their prefix is unknown (spec 1.5).
bool has_sql_suffix(std::string_view file_name, const NamingConventions& naming);

// Parses a file name exactly as Flyway's ResourceNameParser does. The error message is
// Flyway's ("Unrecognised migration name format: ...", "Invalid versioned migration name
// format: ...").
Result<ParsedName> parse_migration_name(std::string_view file_name,
                                        const NamingConventions& naming);

}  // namespace runway
