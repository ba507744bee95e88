// Deployments and incidents, from the run log when there is one, else from history rows.
//
// Both sources become one time-ordered list of changes, and one rule turns changes into
// deployments and incidents (docs/flightpath.md, "Definitions"):
//   * a deployment is a migrate that applied at least one script, or that failed;
//   * a deployment failed if its run failed, or if an undo or a repair of failed rows came
//     after it and before the next deployment;
//   * an incident opens when a deployment fails and is restored by the next successful
//     deployment or undo.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "flightpath/clock.h"
#include "flightpath/run_log.h"
#include "runway/migration.h"

namespace runway::flightpath {

enum class ChangeKind {
  Deploy,          // forward migrations applied
  FailedDeploy,    // a migrate that failed (rolled back, or left a failed row)
  Undo,            // migrations undone: the previous deployment failed, and is now restored
  FailedUndo,      // an undo that failed: counted, restores nothing
  RepairOfFailed,  // repair removed failed rows: the previous deployment failed
};

struct Change {
  ChangeKind kind;
  UnixMs at = 0;  // when it finished
  int migrations = 0;
  std::string commit;
};

// One history row reduced to what metrics need; installed_on as UTC milliseconds.
struct HistoryEntry {
  int installed_rank = 0;
  MigrationType type = MigrationType::Sql;
  std::string script;
  UnixMs installed_on = 0;
  std::string installed_by;
  int execution_time = 0;
  bool success = true;
};

// V, R and B scripts: not markers, deletes or undos.
bool is_forward_script(MigrationType type);

// Rows further apart than this, or by another installed_by, or changing between forward and
// undo, start a new deployment when grouping history rows.
constexpr UnixMs kDeploymentGap = 10 * kMsPerMinute;

std::vector<Change> changes_from_run_log(const std::vector<RunRecord>& runs);
std::vector<Change> changes_from_history(const std::vector<HistoryEntry>& rows);

enum class FailureCause { RunFailed, Undone, Repaired };
const char* failure_cause_name(FailureCause cause);  // "failed", "undone", "repaired"

struct Deployment {
  UnixMs at = 0;
  int migrations = 0;
  std::string commit;
  std::optional<FailureCause> failure;
};

struct Incident {
  UnixMs failed_at = 0;  // when the failed deployment finished
  std::optional<UnixMs> restored_at;
  FailureCause cause = FailureCause::RunFailed;
};

struct DeploymentHistory {
  std::vector<Deployment> deployments;
  std::vector<Incident> incidents;
  int failed_runs = 0;  // FailedDeploy and FailedUndo
  int undos = 0;
  int repairs = 0;  // repairs of failed rows
};

// Applies the rule above to changes in time order; counts only those at or after `since`,
// but reads earlier ones so an undo in the window can fail a deployment made before it.
DeploymentHistory deployments_of(std::vector<Change> changes, UnixMs since);

}  // namespace runway::flightpath
