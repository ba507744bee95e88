// `repair` (spec 5.6): remove failed rows, mark missing migrations deleted, realign
// checksums, descriptions and types with the files. One transaction; never touches schema
// objects.
#include <spdlog/spdlog.h>

#include "commands/callbacks.h"
#include "commands/commands.h"
#include "commands/locked_section.h"
#include "core/ignore_patterns.h"

namespace runway {

namespace {

RepairItem item_of(const MigrationInfo& m) {
  return RepairItem{m.version_text(), m.description(),
                    m.resolved ? m.resolved->absolute_path : std::string()};
}

Result<void> repair_rows(Session& session, RepairResult& result) {
  HistoryTable& history = *session.history;
  RUNWAY_ASSIGN(before, session.applied_migrations());
  RUNWAY_ASSIGN(failed_plan, make_plan(session.resolved.migrations, *before, PlanOptions{}));
  for (const MigrationInfo& m : failed_plan.entries) {
    // Flyway reports a removed row as the history holds it, with no file path.
    if (m.applied && !m.applied->success)
      result.removed.push_back(RepairItem{m.version_text(), m.description(), ""});
  }
  if (result.removed.empty()) {
    spdlog::info(
        "Repair of failed migration in Schema History table {} not necessary. No failed "
        "migration detected.",
        history.qualified_name());
  } else {
    RUNWAY_TRY(history.remove_failed());
    result.actions.push_back("Removed failed migrations");
  }

  // Recompute with target latest and outOfOrder so nothing is Ignored or Above Target.
  RUNWAY_ASSIGN(rows, history.rows());
  RUNWAY_ASSIGN(plan, make_plan(session.resolved.migrations, *rows,
                                PlanOptions{Target{}, /*out_of_order=*/true}));
  RUNWAY_ASSIGN(patterns, parse_ignore_patterns(session.settings.ignore_migration_patterns));
  IgnoreRules rules(patterns);
  std::vector<HistoryRow> deletions;
  for (const MigrationInfo& m : plan.entries) {
    bool missing_or_future =
        m.state == MigrationState::MissingSuccess || m.state == MigrationState::MissingFailed ||
        m.state == MigrationState::FutureSuccess || m.state == MigrationState::FutureFailed;
    if (!missing_or_future || !m.applied || is_synthetic(m.applied->type) || rules.matches(m))
      continue;
    const AppliedMigration& a = *m.applied;
    deletions.push_back(HistoryRow{a.version_text, a.description, MigrationType::Delete, a.script,
                                   a.checksum, 0, a.success});
    result.deleted.push_back(item_of(m));
  }
  for (const HistoryRow& row : deletions) RUNWAY_TRY(history.insert(row));
  if (!deletions.empty()) result.actions.push_back("Marked missing migrations as deleted");

  bool aligned_any = false;
  for (const MigrationInfo& m : plan.entries) {
    if (!m.applied || !m.resolved || is_synthetic(m.applied->type)) continue;
    if (m.state == MigrationState::Undone || m.state == MigrationState::Ignored) continue;
    const AppliedMigration& a = *m.applied;
    const ResolvedMigration& r = *m.resolved;
    bool needs_update;
    if (r.is_versioned()) {
      needs_update = a.checksum != r.checksum ||
                     a.description != abbreviate_description(r.description) || a.type != r.type();
    } else {
      // Only rows holding the raw-text checksum of an unchanged file (spec 3.2).
      needs_update =
          r.equivalent_checksum && a.checksum == r.equivalent_checksum && a.checksum != r.checksum;
    }
    if (!needs_update) continue;
    spdlog::info(
        "Repairing Schema History table for version {} (Description: {}, Type: {}, "
        "Checksum: {})  ...",
        a.version_text, r.description, migration_type_name(r.type()),
        r.checksum ? std::to_string(*r.checksum) : "null");
    RUNWAY_TRY(history.update(a.installed_rank, r.description, r.type(), r.checksum));
    result.aligned.push_back(item_of(m));
    aligned_any = true;
  }
  if (aligned_any) result.actions.push_back("Aligned applied migration checksums");
  return {};
}

Result<RepairResult> repair_without_callbacks(Session& session) {
  Stopwatch watch;
  RepairResult result;
  static_cast<CommonResult&>(result) = session.common();
  RUNWAY_ASSIGN(exists, session.history->exists());
  if (!exists) {
    spdlog::info("Schema history table {} does not exist yet: nothing to repair",
                 session.history->qualified_name());
    return result;
  }
  // Spec 5.6: no lock, one transaction.
  auto repaired = with_transaction(*session.db, session.settings.execute_in_transaction,
                                   [&] { return repair_rows(session, result); });
  if (!repaired) {
    session.history->invalidate();  // it may hold what was rolled back
    return std::unexpected(repaired.error());
  }
  spdlog::info("Successfully repaired schema history table {} (execution time {}).",
               session.history->qualified_name(), watch.formatted());
  if (!result.deleted.empty()) {
    spdlog::info(
        "Please ensure the previous contents of the deleted migrations are removed from "
        "the database, or moved into an existing migration.");
  }
  return result;
}

}  // namespace

Result<RepairResult> repair(Session& session) {
  return with_callbacks(session, CallbackEvent::BeforeRepair, CallbackEvent::AfterRepair,
                        CallbackEvent::AfterRepairError,
                        [&] { return repair_without_callbacks(session); });
}

}  // namespace runway
