#include "flightpath/deployments.h"

#include <algorithm>

namespace runway::flightpath {

namespace {

std::optional<ChangeKind> kind_of_run(const RunRecord& run) {
  bool failed = run.outcome == RunOutcome::Failed;
  if (run.command == "migrate") {
    if (failed) return ChangeKind::FailedDeploy;
    if (run.migrations_applied > 0) return ChangeKind::Deploy;
  } else if (run.command == "undo") {
    if (failed) return ChangeKind::FailedUndo;
    if (run.migrations_applied > 0) return ChangeKind::Undo;
  } else if (run.command == "repair" && run.failed_rows_removed > 0) {
    return ChangeKind::RepairOfFailed;
  }
  return std::nullopt;  // nothing to do, baseline, or a repair that only realigned checksums
}

// The change a group of consecutive history rows made.
Change change_of_group(const std::vector<const HistoryEntry*>& group) {
  bool undo = is_undo_type(group.front()->type);
  bool any_failed = std::any_of(group.begin(), group.end(), [](auto* e) { return !e->success; });
  Change change{undo ? (any_failed ? ChangeKind::FailedUndo : ChangeKind::Undo)
                     : (any_failed ? ChangeKind::FailedDeploy : ChangeKind::Deploy),
                group.back()->installed_on, 0, ""};
  for (const HistoryEntry* e : group) change.migrations += e->success ? 1 : 0;
  return change;
}

}  // namespace

bool is_forward_script(MigrationType type) {
  return !is_synthetic(type) && !is_undo_type(type);
}

const char* failure_cause_name(FailureCause cause) {
  switch (cause) {
    case FailureCause::RunFailed:
      return "failed";
    case FailureCause::Undone:
      return "undone";
    case FailureCause::Repaired:
      return "repaired";
  }
  return "failed";
}

std::vector<Change> changes_from_run_log(const std::vector<RunRecord>& runs) {
  std::vector<Change> changes;
  for (const RunRecord& run : runs) {
    if (auto kind = kind_of_run(run)) {
      changes.push_back(Change{*kind, run.finished_at, run.migrations_applied, run.commit});
    }
  }
  return changes;
}

std::vector<Change> changes_from_history(const std::vector<HistoryEntry>& rows) {
  std::vector<Change> changes;
  std::vector<const HistoryEntry*> group;
  for (const HistoryEntry& row : rows) {
    if (!is_forward_script(row.type) && !is_undo_type(row.type)) continue;  // markers, deletes
    if (!group.empty()) {
      const HistoryEntry& last = *group.back();
      bool same = row.installed_by == last.installed_by &&
                  is_undo_type(row.type) == is_undo_type(last.type) &&
                  row.installed_on - last.installed_on <= kDeploymentGap;
      if (!same) {
        changes.push_back(change_of_group(group));
        group.clear();
      }
    }
    group.push_back(&row);
  }
  if (!group.empty()) changes.push_back(change_of_group(group));
  return changes;
}

DeploymentHistory deployments_of(std::vector<Change> changes, UnixMs since) {
  std::stable_sort(changes.begin(), changes.end(),
                   [](const Change& a, const Change& b) { return a.at < b.at; });
  // Computed over all changes, then cut to the window.
  std::vector<Deployment> deployments;
  std::vector<Incident> incidents;
  DeploymentHistory in_window;
  auto open_incident = [&](FailureCause cause) {
    Deployment& last = deployments.back();
    last.failure = cause;
    incidents.push_back(Incident{last.at, std::nullopt, cause});
  };
  auto restore = [&](UnixMs at) {
    for (Incident& incident : incidents) {
      if (!incident.restored_at) incident.restored_at = at;
    }
  };
  auto last_can_fail = [&] { return !deployments.empty() && !deployments.back().failure; };

  for (const Change& change : changes) {
    bool counted = change.at >= since;
    switch (change.kind) {
      case ChangeKind::Deploy:
        restore(change.at);
        deployments.push_back(Deployment{change.at, change.migrations, change.commit, {}});
        break;
      case ChangeKind::FailedDeploy:
        deployments.push_back(Deployment{change.at, change.migrations, change.commit, {}});
        open_incident(FailureCause::RunFailed);
        in_window.failed_runs += counted;
        break;
      case ChangeKind::Undo:
        if (last_can_fail()) open_incident(FailureCause::Undone);
        restore(change.at);
        in_window.undos += counted;
        break;
      case ChangeKind::FailedUndo:
        in_window.failed_runs += counted;
        break;
      case ChangeKind::RepairOfFailed:
        if (last_can_fail()) open_incident(FailureCause::Repaired);
        in_window.repairs += counted;
        break;
    }
  }
  for (const Deployment& d : deployments) {
    if (d.at >= since) in_window.deployments.push_back(d);
  }
  for (const Incident& i : incidents) {
    if (i.failed_at >= since) in_window.incidents.push_back(i);
  }
  return in_window;
}

}  // namespace runway::flightpath
