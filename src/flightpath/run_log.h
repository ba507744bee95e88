// The run log: one row per migrate, undo, repair and baseline, in a sidecar table beside the
// history table (default "runway_flightpath_runs"). Flyway's table is never changed; this one
// answers what it cannot: runs that failed and rolled back, runs that had nothing to do, and
// which commit each run deployed. No SQL text, host or user names are stored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "flightpath/clock.h"
#include "runway/driver.h"

namespace runway::flightpath {

enum class RunOutcome { Success, Failed, NothingToDo };

const char* outcome_name(RunOutcome outcome);  // "success", "failed", "nothing_to_do"
std::optional<RunOutcome> parse_outcome(std::string_view name);

struct RunRecord {
  std::string run_id;   // random UUID
  std::string command;  // migrate, undo, repair, baseline
  UnixMs started_at = 0;
  UnixMs finished_at = 0;
  RunOutcome outcome = RunOutcome::Success;
  int migrations_applied = 0;   // history rows of scripts (V, R, B, U) this run added
  int failed_rows_removed = 0;  // repair: failed history rows it deleted
  std::string version_before;   // "" for an empty schema
  std::string version_after;
  std::string error_code;  // e.g. FAILED_VERSIONED_MIGRATION; "" on success
  std::string runway_version;
  std::string environment;
  std::string commit;  // deployed commit, "" when unknown or not recorded
};

class RunLogTable {
 public:
  RunLogTable(Database& db, std::string schema, std::string table)
      : db_(db), schema_(std::move(schema)), table_(std::move(table)) {}

  std::string qualified_name() const;
  Result<bool> exists();
  // Creates the table if needed and inserts `record`, in a transaction of its own: call it
  // after the command's own transaction has ended, so a rolled-back failure is still recorded.
  Result<void> append(const RunRecord& record);
  // Every run, oldest first.
  Result<std::vector<RunRecord>> read();

 private:
  Database& db_;
  std::string schema_;
  std::string table_;
};

}  // namespace runway::flightpath
