// `undo` (a Flyway Teams command, free in runway): runs the U script of applied versioned
// migrations, newest first, each under the migration lock and in its own transaction when it
// can, and records each as Flyway Teams does: an UNDO_SQL row carrying the undone version,
// which makes the planner show the migration Undone and its V file Pending again.
#include <spdlog/spdlog.h>

#include <algorithm>

#include "commands/callbacks.h"
#include "commands/commands.h"
#include "commands/failed_row.h"
#include "commands/locked_section.h"
#include "commands/script_runner.h"
#include "commands/script_text.h"
#include "commands/script_transaction.h"
#include "core/cherry_pick.h"

namespace runway {

namespace {

std::string describe(const MigrationInfo& m) {
  return m.description().empty() ? m.version_text() : m.version_text() + " - " + m.description();
}

bool is_failed_or_undone(const MigrationInfo& m) {
  return is_failed_state(m.state) || m.state == MigrationState::Undone ||
         m.state == MigrationState::Deleted;
}

// Applied versioned migrations still in effect, highest version first: what undo can reach.
// Failed rows and baselines are included so that reaching one is a clear error.
std::vector<const MigrationInfo*> in_effect(const Plan& plan) {
  std::vector<const MigrationInfo*> out;
  for (const MigrationInfo& m : plan.entries) {
    if (!m.applied || !m.applied->is_versioned() || is_undo_type(m.applied->type)) continue;
    if (m.applied->type == MigrationType::Delete) continue;
    if (m.state == MigrationState::Undone || m.state == MigrationState::Deleted) continue;
    out.push_back(&m);
  }
  std::stable_sort(out.begin(), out.end(), [](const MigrationInfo* a, const MigrationInfo* b) {
    return a->version() > b->version();
  });
  return out;
}

class Undoer {
 public:
  Undoer(Session& session, UndoResult& result)
      : s_(session),
        result_(result),
        statement_hook_(statement_callbacks(session, CallbackEvent::BeforeEachUndoStatement,
                                            CallbackEvent::AfterEachUndoStatement,
                                            CallbackEvent::AfterEachUndoStatementError)) {}

  // undo fires beforeUndo, then afterUndo, or afterUndoError when it failed (spec 7.10).
  Result<void> run() {
    auto done = [&]() -> Result<void> {
      RUNWAY_TRY(fire_callbacks(s_, CallbackEvent::BeforeUndo));
      return undo_all();
    }();
    if (!done || !result_.success()) {
      fire_callbacks_after_failure(s_, CallbackEvent::AfterUndoError);
      return done;
    }
    return fire_callbacks(s_, CallbackEvent::AfterUndo);
  }

 private:
  Result<void> undo_all() {
    RUNWAY_ASSIGN(exists, s_.history->exists());
    if (!exists) {
      spdlog::info("Schema history table {} does not exist: there is nothing to undo.",
                   s_.history->qualified_name());
      return {};
    }
    RUNWAY_ASSIGN(plan, current_plan());
    result_.initial_version = plan.current_version();
    result_.target_version = plan.current_version();
    spdlog::info("Current version of schema \"{}\": {}", s_.default_schema,
                 plan.current_version().display());
    RUNWAY_ASSIGN(chosen, choose(plan));
    // Every undo script must exist before the first one runs, so a missing file never leaves
    // the schema half undone.
    std::vector<std::pair<MigrationInfo, ResolvedMigration>> steps;
    for (const MigrationInfo* m : chosen) {
      RUNWAY_TRY(check_undoable(*m));
      RUNWAY_ASSIGN(script, undo_script_of(*m));
      steps.emplace_back(*m, script);
    }
    if (steps.empty()) {
      spdlog::info("Schema \"{}\" has no applied versioned migration to undo.", s_.default_schema);
      return {};
    }
    for (const auto& [migration, script] : steps) {
      RUNWAY_TRY(undo_one(migration, script));
      if (!result_.success()) return {};
    }
    RUNWAY_ASSIGN(after, current_plan());
    result_.target_version = after.current_version();
    log_summary();
    return {};
  }

  Result<Plan> current_plan() {
    RUNWAY_ASSIGN(rows, s_.history->rows());
    return make_plan(s_.resolved.migrations, *rows,
                     PlanOptions{Target{}, s_.settings.out_of_order});
  }

  // The latest applied versioned migration; with a target version, every one above it; with
  // cherryPick, exactly the named ones. Newest first in every case.
  Result<std::vector<const MigrationInfo*>> choose(const Plan& plan) {
    std::vector<const MigrationInfo*> candidates = in_effect(plan);
    CherryPick pick(s_.settings);
    if (pick.active()) return cherry_picked(plan, pick, candidates);

    RUNWAY_ASSIGN(target, Target::parse(s_.settings.target));
    using Kind = MigrationVersion::Kind;
    if (target.version.kind() == Kind::Next) {
      return fail(ErrorCode::Configuration,
                  "Invalid target 'next' for undo: use a version (undo everything above it), or "
                  "leave target unset to undo the latest migration");
    }
    if (!target.version.is_regular()) {  // latest, current or unset: the latest migration
      if (!candidates.empty()) candidates.resize(1);
      return candidates;
    }
    bool known = std::any_of(plan.entries.begin(), plan.entries.end(), [&](const MigrationInfo& m) {
      return m.is_versioned() && m.version() == target.version;
    });
    if (target.must_exist && !known) {
      return fail(ErrorCode::Configuration,
                  "No migration with a target version " + target.version.text() +
                      " could be found. Ensure target is specified correctly and the migration "
                      "exists.");
    }
    std::erase_if(candidates,
                  [&](const MigrationInfo* m) { return !(m->version() > target.version); });
    return candidates;
  }

  Result<std::vector<const MigrationInfo*>> cherry_picked(
      const Plan& plan, const CherryPick& pick,
      const std::vector<const MigrationInfo*>& candidates) {
    std::vector<const MigrationInfo*> chosen;
    for (const CherryPick::Entry& entry : pick.entries()) {
      bool repeatable =
          std::any_of(plan.entries.begin(), plan.entries.end(), [&](const MigrationInfo& m) {
            return !m.is_versioned() && !m.is_synthetic() && m.description() == entry.description;
          });
      if (!entry.version && (repeatable || entry.repeatable_stem)) {
        return fail(ErrorCode::Configuration,
                    "Unable to undo '" + entry.text +
                        "': repeatable migrations cannot be undone. Change the R file and run "
                        "migrate to re-apply it instead.");
      }
      auto found = std::find_if(candidates.begin(), candidates.end(), [&](const MigrationInfo* m) {
        return entry.version && m->version() == *entry.version;
      });
      if (found == candidates.end()) {
        return fail(ErrorCode::Configuration,
                    "Invalid cherryPick entry '" + entry.text +
                        "' for undo: no applied versioned migration in effect has this version");
      }
      if (std::find(chosen.begin(), chosen.end(), *found) == chosen.end()) chosen.push_back(*found);
    }
    std::stable_sort(
        chosen.begin(), chosen.end(),
        [](const MigrationInfo* a, const MigrationInfo* b) { return a->version() > b->version(); });
    return chosen;
  }

  Result<void> check_undoable(const MigrationInfo& m) const {
    if (is_failed_state(m.state)) {
      return fail(ErrorCode::FailedVersionedMigration,
                  "Schema \"" + s_.default_schema + "\" contains a failed migration to version " +
                      m.version_text() +
                      " ! Remove its half-completed changes and run repair "
                      "before undoing it.");
    }
    if (is_baseline_type(m.applied->type)) {
      return fail(ErrorCode::Error, "Unable to undo version " + m.version_text() + " (" +
                                        m.description() +
                                        "): it is the baseline of this schema, and a baseline "
                                        "cannot be undone.");
    }
    return {};
  }

  Result<ResolvedMigration> undo_script_of(const MigrationInfo& m) const {
    const auto& scripts = s_.resolved.undo_migrations;
    auto found = std::find_if(scripts.begin(), scripts.end(),
                              [&](const ResolvedMigration& u) { return u.version == m.version(); });
    if (found != scripts.end()) return *found;
    return fail(ErrorCode::Error, "Unable to undo migration to version " + m.version_text() + " (" +
                                      m.description() + "): no undo script " +
                                      expected_file_name(m) +
                                      " was found in the configured locations.");
  }

  // U + the V file's name after its prefix, e.g. V1_1__add.sql -> U1_1__add.sql.
  std::string expected_file_name(const MigrationInfo& m) const {
    const Settings& s = s_.settings;
    if (m.resolved && m.resolved->file_name.starts_with(s.sql_migration_prefix)) {
      return s.undo_sql_migration_prefix +
             m.resolved->file_name.substr(s.sql_migration_prefix.size());
    }
    std::string description = m.description();
    std::replace(description.begin(), description.end(), ' ', '_');
    std::string suffix =
        s.sql_migration_suffixes.empty() ? ".sql" : s.sql_migration_suffixes.front();
    return s.undo_sql_migration_prefix + m.version_text() + s.sql_migration_separator +
           description + suffix;
  }

  Result<void> undo_one(const MigrationInfo& m, const ResolvedMigration& script) {
    RUNWAY_ASSIGN(transactional, runs_in_transaction(s_, identity_of(script), script.config));
    auto undone = with_migration_lock(s_, lock_scope(transactional), [&]() -> Result<bool> {
      RUNWAY_TRY(recheck(m));
      return run_undo_script(m, script, transactional);
    });
    if (!undone) return std::unexpected(undone.error());
    return {};
  }

  // Another process may have undone or repaired the migration while we waited for the lock.
  Result<void> recheck(const MigrationInfo& m) {
    RUNWAY_ASSIGN(plan, current_plan());
    bool unchanged =
        std::any_of(plan.entries.begin(), plan.entries.end(), [&](const MigrationInfo& e) {
          return e.applied && e.applied->installed_rank == m.applied->installed_rank &&
                 !is_failed_or_undone(e);
        });
    if (unchanged) return {};
    return fail(ErrorCode::Error, "Migration to version " + m.version_text() +
                                      " was undone or repaired by another process while runway "
                                      "waited for the migration lock; run undo again.");
  }

  // Runs the U script and writes its row. Returns false when the script failed (recorded in
  // result_.failure); an error means a callback, the file or the history write failed, as in
  // migrate.
  Result<bool> run_undo_script(const MigrationInfo& m, const ResolvedMigration& script,
                               bool transactional) {
    spdlog::info("Undoing migration of schema \"{}\" to version \"{}\"{}", s_.default_schema,
                 describe(m), transactional ? "" : " [non-transactional]");
    Stopwatch watch;
    RUNWAY_TRY(fire_callbacks(s_, CallbackEvent::BeforeEachUndo));
    RUNWAY_ASSIGN(text, open_script_text(s_, identity_of(script), script.config));
    int sent = 0;
    auto ran = run_script(*s_.db, *text, identity_of(script),
                          RunOptions{s_.splitter_options(), s_.settings.output_query_results,
                                     statement_hook_, &sent});
    if (!ran) {
      fire_callbacks_after_failure(s_, CallbackEvent::AfterEachUndoError);
      record_failure(m, script, transactional, sent > 0, ran.error());
      return false;
    }
    int ms = 0;
    auto recorded = [&]() -> Result<void> {
      RUNWAY_TRY(fire_callbacks(s_, CallbackEvent::AfterEachUndo));
      ms = watch.elapsed_ms();
      return s_.history->insert(undo_row(m, script, ms, true));
    }();
    if (!recorded) {
      // A non-transactional undo script ran and stays: the history must say so.
      if (!transactional) record_failed_row(s_, undo_row(m, script, watch.elapsed_ms(), false));
      return std::unexpected(recorded.error());
    }
    result_.migrations.push_back(AppliedInRun{"Undo", m.version_text(), script.description,
                                              migration_type_name(MigrationType::UndoSql),
                                              script.absolute_path, ms});
    result_.total_time += ms;
    return true;
  }

  // The row Flyway Teams writes: the undone version, the undo script's description, script
  // and checksum (docs/undo.md).
  static HistoryRow undo_row(const MigrationInfo& m, const ResolvedMigration& script, int ms,
                             bool success) {
    return HistoryRow{m.version_text(), script.description, MigrationType::UndoSql,
                      script.script,    script.checksum,    ms,
                      success};
  }

  // As migrate (spec 8.4): a transactional failure is rolled back and leaves no row; a
  // non-transactional one keeps its partial effects, so a failed row records the truth; one
  // that failed before any statement ran (`ran_any` false) changed nothing and gets no row.
  void record_failure(const MigrationInfo& m, const ResolvedMigration& script, bool transactional,
                      bool ran_any, const Error& error) {
    if (transactional) {
      spdlog::error(
          "Undo of migration of schema \"{}\" to version \"{}\" failed! Changes "
          "successfully rolled back.",
          s_.default_schema, describe(m));
    } else {
      spdlog::error(
          "Undo of migration of schema \"{}\" to version \"{}\" failed! Please restore "
          "backups and roll back database and code!",
          s_.default_schema, describe(m));
      if (ran_any) record_failed_row(s_, undo_row(m, script, 0, false));
    }
    Error failure = error;
    failure.code = ErrorCode::FailedVersionedMigration;
    if (!failure.location)
      failure.location = SourceLocation{script.script, script.absolute_path, 0, 0};
    result_.failure = failure;
  }

  void log_summary() const {
    std::size_t n = result_.migrations.size();
    std::string version = result_.target_version.is_empty()
                              ? ", now at " + result_.target_version.display()
                              : ", now at version v" + result_.target_version.text();
    spdlog::info("Successfully undid {} migration{} to schema \"{}\"{} (execution time {})", n,
                 n == 1 ? "" : "s", s_.default_schema, version,
                 format_duration(result_.total_time));
  }

  Session& s_;
  UndoResult& result_;
  StatementHook statement_hook_;
};

}  // namespace

Result<UndoResult> undo(Session& session) {
  UndoResult result;
  static_cast<CommonResult&>(result) = session.common();
  result.database_type = session.db->product_name();
  RUNWAY_TRY(Undoer(session, result).run());
  return result;
}

}  // namespace runway
