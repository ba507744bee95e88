// The commands. Each takes an open Session and returns data; nothing here prints results.
#pragma once

#include <string>
#include <vector>

#include "commands/session.h"
#include "runway/results.h"

namespace runway {

Result<MigrateResult> migrate(Session& session);
// Runs U scripts: of the latest applied versioned migration, of every one above `target`, or
// of the cherry-picked ones, newest first (docs/undo.md).
Result<UndoResult> undo(Session& session);

// Filters of `info` (spec 5.2), command-line only.
struct InfoFilter {
  std::string since_date, until_date;  // dd/MM/yyyy HH:mm
  std::string since_version, until_version;
  std::vector<std::string> of_state;  // MigrationState enum names
};
Result<InfoResult> info(Session& session, const InfoFilter& filter);

Result<ValidateResult> validate(Session& session);
Result<BaselineResult> baseline(Session& session);
Result<RepairResult> repair(Session& session);
Result<CleanResult> clean(Session& session);

// Shared by migrate and validate: the plan with the configured target and outOfOrder.
Result<Plan> plan_with_configured_target(Session& session);
// Shared by migrate and baseline: creates missing managed schemas (spec 5.4 step 2).
// Returns the schemas created, for the schema marker row.
Result<std::vector<std::string>> create_missing_schemas(Session& session);
// Shared by migrate and baseline: creates the history table under the migration lock, with
// the baseline marker when given, then the schema marker for `created_schemas` (spec 4.6).
// Returns false when another process created the table while we waited for the lock.
Result<bool> create_history_table(Session& session, const std::optional<HistoryRow>& baseline,
                                  const std::vector<std::string>& created_schemas);

}  // namespace runway
