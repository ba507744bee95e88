// What commands return. Renderers (text, JSON) turn these into output; commands never print.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "runway/error.h"
#include "runway/plan.h"
#include "runway/validation.h"

namespace runway {

// Fields every command's JSON carries (spec 10.3).
struct CommonResult {
  std::string database;  // catalog name, may be empty
  std::string schema_name;  // configured schemas joined with ", "
  std::vector<std::string> warnings;
};

struct InfoResult : CommonResult {
  MigrationVersion schema_version;  // empty: << Empty Schema >>
  std::vector<MigrationInfo> migrations;  // filtered as the CLI asked
  bool all_schemas_empty = false;
  bool no_local_migrations = false;
  std::vector<std::string> undo_paths;  // per migrations[i]: its U file, or ""
};

struct AppliedInRun {
  std::string category;  // "Versioned", "Repeatable"
  std::string version;
  std::string description;
  std::string type;
  std::string filepath;
  int execution_time = 0;
};

struct MigrateResult : CommonResult {
  MigrationVersion initial_version;
  MigrationVersion target_version;  // last applied versioned migration in this run
  // What ran, in order. As in Flyway, a failed group=true group's members that ran before the
  // failure stay listed though their transaction rolled them back; they are not counted.
  std::vector<AppliedInRun> migrations;
  std::size_t rolled_back = 0;  // of `migrations`
  int total_time = 0;  // ms
  std::size_t executed() const { return migrations.size() - rolled_back; }
  std::string database_type;  // "SQLite", "PostgreSQL"
  // A migration failed after others may have been applied: the result keeps what ran.
  std::optional<Error> failure;
  bool success() const { return !failure.has_value(); }
};

// `undo` reports as migrate does: `migrations` lists what was undone, newest first (category
// Undo, type UNDO_SQL, the U file), and target_version is the schema version afterwards.
struct UndoResult : MigrateResult {};

struct ValidateResult : CommonResult {
  std::vector<ValidationFailure> failures;
  int validate_count = 0;
  std::optional<Error> schema_error;  // SCHEMA_DOES_NOT_EXIST
  bool success() const { return failures.empty() && !schema_error; }
};

struct BaselineResult : CommonResult {
  bool baselined = false;
  std::string baseline_version;
};

struct RepairItem {
  std::string version;
  std::string description;
  std::string filepath;
};

struct RepairResult : CommonResult {
  std::vector<std::string> actions;
  std::vector<RepairItem> removed;
  std::vector<RepairItem> deleted;
  std::vector<RepairItem> aligned;
};

struct CleanResult : CommonResult {
  std::vector<std::string> schemas_cleaned;
  std::vector<std::string> schemas_dropped;
};

}  // namespace runway
