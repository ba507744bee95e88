// What a migration is: one found on disk (resolved) or one row of the history table (applied).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "runway/version.h"

namespace runway {

// The `type` column of the history table (spec 4.5).
enum class MigrationType {
  Sql,
  SqlBaseline,
  Baseline,  // the baseline marker written by `baseline` / baselineOnMigrate
  Schema,    // the schema-creation marker
  Delete,    // written by repair for a missing migration
  Jdbc,
  JdbcBaseline,
  Script,
  UndoSql,
  UndoJdbc,
  UndoScript,
  Custom,
};

const char* migration_type_name(MigrationType type);
// Accepts the names above and Flyway's legacy aliases (SPRING_JDBC, SQL_STATE_SCRIPT, ...).
std::optional<MigrationType> parse_migration_type(std::string_view name);
// Synthetic rows record an event rather than a script: BASELINE, SCHEMA, DELETE.
bool is_synthetic(MigrationType type);
bool is_baseline_type(MigrationType type);  // BASELINE, SQL_BASELINE, JDBC_BASELINE
bool is_undo_type(MigrationType type);

// What the history table stores: descriptions over 200 characters end in "...", scripts over
// 1000 characters start with "..." (spec 4.3).
std::string abbreviate_description(std::string_view description);
std::string abbreviate_script(std::string_view script);

// How a file name was classified by its prefix (spec 1.3).
enum class MigrationKind { Versioned, Repeatable, BaselineMigration, Undo };

// Per-script settings from `<file>.conf` (spec 7.9). Unset fields inherit the global config.
struct ScriptConfig {
  std::optional<bool> execute_in_transaction;
  std::optional<std::string> encoding;
  std::optional<bool> placeholder_replacement;
};

// A migration file found in a location.
struct ResolvedMigration {
  MigrationKind kind = MigrationKind::Versioned;
  MigrationVersion version;  // empty for repeatables
  std::string raw_version;   // as written in the file name: `1_1` where version says `1.1`
  std::string description;
  std::string script;         // path relative to its location, `/`-separated
  std::string absolute_path;  // for error messages and JSON `filepath`
  std::string file_name;
  std::optional<std::int32_t> checksum;
  // For repeatables with placeholder replacement: the checksum of the raw text, which
  // history rows written by older Flyway versions may hold (spec 3.2).
  std::optional<std::int32_t> equivalent_checksum;
  ScriptConfig config;

  MigrationType type() const {
    return kind == MigrationKind::BaselineMigration ? MigrationType::SqlBaseline
           : kind == MigrationKind::Undo            ? MigrationType::UndoSql
                                                    : MigrationType::Sql;
  }
  bool is_versioned() const { return kind != MigrationKind::Repeatable; }
  bool checksum_matches(std::optional<std::int32_t> applied) const {
    return applied == checksum || (equivalent_checksum && applied == equivalent_checksum);
  }
};

// One row of the schema history table.
struct AppliedMigration {
  int installed_rank = 0;
  MigrationVersion version;  // empty when the column is NULL
  std::string version_text;  // as stored, for round-tripping ("" when NULL)
  std::string description;
  MigrationType type = MigrationType::Sql;
  std::string script;
  std::optional<std::int32_t> checksum;
  std::string installed_on;  // "YYYY-MM-DD HH:MM:SS[.fff]" as the database returned it
  std::string installed_by;
  int execution_time = 0;  // milliseconds
  bool success = true;

  bool is_versioned() const { return !version.is_empty(); }
};

}  // namespace runway
