// The planner: a pure function from (resolved migrations, history rows, options) to one
// MigrationInfo per migration with Flyway's state (spec 5.1). No I/O: migrate, info,
// validate, repair, undo and the offline `check` all read the same answer.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "runway/migration.h"

namespace runway {

enum class MigrationState {
  Pending,
  AboveTarget,
  BelowBaseline,
  BaselineIgnored,
  Baseline,
  Ignored,
  MissingSuccess,
  MissingFailed,
  Success,
  Undone,
  Available,
  Failed,
  OutOfOrder,
  FutureSuccess,
  FutureFailed,
  Outdated,
  Superseded,
  Deleted,
};

const char* state_display_name(MigrationState state);  // "Pending", "Failed (Future)", ...
const char* state_enum_name(MigrationState state);     // "PENDING", "FUTURE_FAILED", ...
std::optional<MigrationState> parse_state_enum_name(std::string_view name);  // any case
bool is_applied_state(MigrationState state);
bool is_failed_state(MigrationState state);

struct MigrationInfo {
  // Into the list of files the plan was made from, which must outlive the plan: a plan of
  // 10,000 migrations would otherwise hold a second copy of every path and name.
  const ResolvedMigration* resolved = nullptr;
  std::optional<AppliedMigration> applied;
  MigrationState state = MigrationState::Pending;
  bool out_of_order = false;  // applied below an earlier-ranked version (spec 5.1.2 step 3)

  bool is_versioned() const;
  MigrationVersion version() const;
  std::string version_text() const;  // as stored, or as in the file name
  const std::string& description() const;
  MigrationType type() const;
  std::string script() const;
  std::optional<std::int32_t> checksum() const;
  // Versioned V/B migrations and their history rows, not synthetic rows.
  bool is_synthetic() const { return applied && runway::is_synthetic(applied->type); }
};

// `target` as configured: a version, `latest`, `current`, `next`, or `<version>?` (no
// existence check).
struct Target {
  MigrationVersion version = MigrationVersion::latest();
  bool must_exist = false;
  static Result<Target> parse(const std::string& text);
};

struct PlanOptions {
  Target target;
  bool out_of_order = false;
};

struct Plan {
  std::vector<MigrationInfo> entries;  // in info order (spec 5.1.3)
  MigrationVersion target;             // after resolving current/next
  MigrationVersion last_applied;       // highest applied, non-deleted version
  MigrationVersion applied_baseline;

  // The entry whose version is the schema version (spec 5.1.4), or null.
  const MigrationInfo* current() const;
  MigrationVersion current_version() const;
  std::vector<const MigrationInfo*> pending() const;
};

// The state of every migration (spec 5.1). The plan's entries point into `resolved`, which
// must outlive it; the applied rows are copied.
Result<Plan> make_plan(const std::vector<ResolvedMigration>& resolved,
                       const std::vector<AppliedMigration>& applied, const PlanOptions& options);

// Adds an `Available` entry for every undo script (U file) whose versioned migration is
// applied and not undone, i.e. what `undo` could run now (spec 5.1.1), in info order. Undo
// scripts for migrations that are pending or already undone are not listed. The entries point
// into `undo_scripts`, which must outlive the plan.
void add_available_undo_scripts(Plan& plan, const std::vector<ResolvedMigration>& undo_scripts);

}  // namespace runway
