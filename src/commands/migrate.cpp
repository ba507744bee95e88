// `migrate` (spec 5.4): validate, prepare the history table, then apply pending migrations
// one group at a time under the migration lock, re-reading the history each time so that
// concurrent runway and Flyway processes apply every migration exactly once.
#include <spdlog/spdlog.h>

#include <set>

#include "commands/callbacks.h"
#include "commands/commands.h"
#include "commands/failed_row.h"
#include "commands/locked_section.h"
#include "commands/script_runner.h"
#include "commands/script_text.h"
#include "commands/script_transaction.h"
#include "core/cherry_pick.h"
#include "core/ignore_patterns.h"

namespace runway {

namespace {

// One key per migration, for "already applied in this run" and "is the group unchanged".
std::string migration_key(const ResolvedMigration& m) {
  return m.is_versioned() ? "V:" + m.version.normalized() + ":" + migration_type_name(m.type())
                          : "R:" + m.description;
}

std::string describe_target(const ResolvedMigration& m) {
  return m.description.empty() ? m.version.text() : m.version.text() + " - " + m.description;
}

HistoryRow history_row(const ResolvedMigration& m, int execution_time, bool success) {
  return HistoryRow{m.is_versioned() ? m.version.text() : "",
                    m.description,
                    m.type(),
                    m.script,
                    m.checksum,
                    execution_time,
                    success};
}

class Migrator {
 public:
  Migrator(Session& session, MigrateResult& result)
      : s_(session),
        result_(result),
        statement_hook_(statement_callbacks(session, CallbackEvent::BeforeEachMigrateStatement,
                                            CallbackEvent::AfterEachMigrateStatement,
                                            CallbackEvent::AfterEachMigrateStatementError)) {}

  // Spec 5.4, with the callbacks of spec 7.10 where Flyway fires them.
  Result<void> run() {
    RUNWAY_ASSIGN(target, Target::parse(s_.settings.target));
    options_ = PlanOptions{target, s_.settings.out_of_order};
    if (s_.settings.validate_on_migrate) {
      RUNWAY_TRY(with_callbacks(s_, CallbackEvent::BeforeValidate, CallbackEvent::AfterValidate,
                                CallbackEvent::AfterValidateError,
                                [&] { return validate_first(); }));
    }
    RUNWAY_TRY(prepare_history_table());
    RUNWAY_TRY(fire_callbacks(s_, CallbackEvent::BeforeMigrate));
    auto migrated = migrate_all();
    if (!migrated || !result_.success()) {
      fire_callbacks_after_failure(s_, CallbackEvent::AfterMigrateError);
      return migrated;
    }
    log_summary();
    if (!result_.migrations.empty()) {
      RUNWAY_TRY(fire_callbacks(s_, CallbackEvent::AfterMigrateApplied));
    }
    return fire_callbacks(s_, CallbackEvent::AfterMigrate);
  }

 private:
  // Applies group after group until nothing is pending. A failed migration stops the loop
  // with result_.failure set; other errors come back as errors.
  Result<void> migrate_all() {
    bool first = true;
    while (true) {
      RUNWAY_ASSIGN(group, next_group(first, first));
      first = false;
      if (group.empty()) break;
      RUNWAY_ASSIGN(applied_any, apply_group(group));
      if (!result_.success()) return {};
      if (applied_any && options_.target.version.kind() == MigrationVersion::Kind::Next) break;
    }
    if (before_repeatables_) RUNWAY_TRY(fire_callbacks(s_, CallbackEvent::AfterVersioned));
    return {};
  }

  // The first repeatable of the run fires afterVersioned, then beforeRepeatables (spec 5.4
  // step 6); a run without repeatables fires afterVersioned at its end instead.
  Result<void> enter_repeatables(const ResolvedMigration& m) {
    if (m.is_versioned() || !before_repeatables_) return {};
    before_repeatables_ = false;
    RUNWAY_TRY(fire_callbacks(s_, CallbackEvent::AfterVersioned));
    return fire_callbacks(s_, CallbackEvent::BeforeRepeatables);
  }

  Result<void> validate_first() {
    Stopwatch watch;
    RUNWAY_ASSIGN(patterns, parse_ignore_patterns(s_.settings.ignore_migration_patterns));
    RUNWAY_ASSIGN(applied, s_.applied_migrations());
    RUNWAY_ASSIGN(plan, make_plan(s_.resolved.migrations, *applied, options_));
    CherryPick cherry_pick(s_.settings);
    auto failures = validate_plan(plan, IgnoreRules(patterns).with_pending_ignored(), &cherry_pick);
    if (!failures.empty()) {
      return fail(ErrorCode::ValidateError, validation_error_message(failures));
    }
    std::size_t n = plan.entries.size();
    spdlog::info("Successfully validated {} migration{} (execution time {})", n, n == 1 ? "" : "s",
                 watch.formatted());
    return {};
  }

  // Spec 5.4 steps 2-3: schemas, then the table, baselining a non-empty schema if asked.
  Result<void> prepare_history_table() {
    HistoryTable& history = *s_.history;
    std::vector<std::string> created;
    if (s_.settings.create_schemas) {
      RUNWAY_ASSIGN(made, create_missing_schemas(s_));
      created = std::move(made);
    }
    RUNWAY_ASSIGN(exists, history.exists());
    if (exists) return {};

    std::optional<HistoryRow> baseline;
    if (created.empty() && !s_.settings.skip_executing_migrations) {
      std::vector<std::string> non_empty;
      for (const std::string& schema : s_.schemas) {
        RUNWAY_ASSIGN(schema_exists, s_.db->schema_exists(schema));
        if (!schema_exists) continue;
        RUNWAY_ASSIGN(empty, s_.db->schema_is_empty(schema));
        if (!empty) non_empty.push_back("\"" + schema + "\"");
      }
      if (!non_empty.empty() && !s_.settings.baseline_on_migrate) {
        // A concurrent migrate may have created the table (and more) since we looked.
        RUNWAY_ASSIGN(created_by_another, history.exists());
        if (created_by_another) return {};
        std::string list;
        for (std::size_t i = 0; i < non_empty.size(); ++i) list += (i ? ", " : "") + non_empty[i];
        return fail(ErrorCode::NonEmptySchemaWithoutSchemaHistoryTable,
                    "Found non-empty schema(s) " + list +
                        " but no schema history table. Use baseline() or set baselineOnMigrate "
                        "to true to initialize the schema history table.");
      }
      if (!non_empty.empty()) {
        RUNWAY_ASSIGN(version, MigrationVersion::parse(s_.settings.baseline_version));
        baseline = HistoryTable::baseline_marker(version.text(), s_.settings.baseline_description);
      } else if (s_.settings.baseline_on_migrate) {
        spdlog::info(
            "All configured schemas are empty; baselineOnMigrate adds no baseline "
            "marker, so every migration will be applied.");
      }
    }
    RUNWAY_ASSIGN(created_table, create_history_table(s_, baseline, created));
    if (baseline && created_table) {
      spdlog::info("Successfully baselined schema with version: {}", baseline->version);
    }
    return {};
  }

  // The states of every migration, recomputed only when the history holds rows this run did
  // not write (another process migrated meanwhile). Applying our own pending migrations in
  // order changes no other state, and re-planning after each one made migrate quadratic.
  // Picks what to apply next: the first pending migration, or all of them with group=true.
  // With `refresh` it first reads the rows other processes added; without, it picks from the
  // last plan, which is enough for a candidate because apply_group confirms it under the lock
  // (and an empty pick is always confirmed with a fresh read). The states, and what they leave
  // to apply, are recomputed only when the history holds rows this run did not write:
  // applying our own pending migrations in order changes no other state, and re-planning or
  // re-reading for each migration made a long migrate quadratic.
  Result<std::vector<ResolvedMigration>> next_group(bool first, bool refresh) {
    if (refresh || !plan_) {
      RUNWAY_ASSIGN(rows, s_.history->rows_for_planning());
      if (!plan_ || rows->size() != expected_rows_) {
        RUNWAY_ASSIGN(plan, make_plan(s_.resolved.migrations, *rows, options_));
        plan_ = std::move(plan);
        if (first) log_start(*plan_);
        RUNWAY_TRY(refuse_failed(*plan_));
        RUNWAY_ASSIGN(pending, cherry_picked_pending(*plan_, s_.settings, first));
        pending_ = std::move(pending);
        next_pending_ = 0;
      }
      expected_rows_ = rows->size();
    }
    while (next_pending_ < pending_.size() &&
           done_.contains(migration_key(*pending_[next_pending_]->resolved))) {
      ++next_pending_;
    }
    std::vector<ResolvedMigration> group;
    for (std::size_t i = next_pending_; i < pending_.size(); ++i) {
      if (done_.contains(migration_key(*pending_[i]->resolved))) continue;
      group.push_back(*pending_[i]->resolved);
      if (!s_.settings.group) break;
    }
    if (group.empty() && !refresh) return next_group(first, true);
    return group;
  }

  void log_start(const Plan& plan) {
    result_.initial_version = plan.current_version();
    spdlog::info("Current version of schema \"{}\": {}", s_.default_schema,
                 plan.current_version().display());
    if (s_.settings.out_of_order) {
      // Flyway also reports it in the JSON result's warnings.
      std::string warning = fmt::format(
          "outOfOrder mode is active. Migration of schema \"{}\" may not be reproducible.",
          s_.default_schema);
      spdlog::warn(warning);
      result_.warnings.push_back(std::move(warning));
    }
    warn_about_future(plan);
  }

  void warn_about_future(const Plan& plan) {
    bool any_future = std::any_of(plan.entries.begin(), plan.entries.end(), [](const auto& m) {
      return m.state == MigrationState::FutureSuccess || m.state == MigrationState::FutureFailed;
    });
    if (!any_future) return;
    MigrationVersion highest;
    for (const ResolvedMigration& r : s_.resolved.migrations)
      if (r.is_versioned() && r.version > highest) highest = r.version;
    if (highest.is_empty()) {
      spdlog::error(
          "Schema \"{}\" has version {}, but no migration could be resolved in the "
          "configured locations !",
          s_.default_schema, plan.current_version().display());
    } else {
      spdlog::warn(
          "Schema \"{}\" has a version ({}) that is newer than the latest available "
          "migration ({}) !",
          s_.default_schema, plan.current_version().display(), highest.text());
    }
  }

  Result<void> refuse_failed(const Plan& plan) {
    std::vector<const MigrationInfo*> failed;
    for (const MigrationInfo& m : plan.entries)
      if (is_failed_state(m.state)) failed.push_back(&m);
    if (failed.empty()) return {};
    RUNWAY_ASSIGN(patterns, parse_ignore_patterns(s_.settings.ignore_migration_patterns));
    bool future_ignored = IgnoreRules(patterns).ignores(IgnorePattern::State::Future);
    if (failed.size() == 1 && failed[0]->state == MigrationState::FutureFailed && future_ignored) {
      spdlog::warn("Schema \"{}\" contains a failed future migration to version {} !",
                   s_.default_schema, failed[0]->version_text());
      return {};
    }
    const MigrationInfo& m = *failed[0];
    ErrorCode code = m.is_versioned() ? ErrorCode::FailedVersionedMigration
                                      : ErrorCode::FailedRepeatableMigration;
    return fail(code, m.is_versioned() ? "Schema \"" + s_.default_schema +
                                             "\" contains a failed migration to version " +
                                             m.version_text() + " !"
                                       : "Schema \"" + s_.default_schema +
                                             "\" contains a failed repeatable migration (\"" +
                                             m.description() + "\") !");
  }

  Result<bool> apply_group(const std::vector<ResolvedMigration>& group) {
    bool transactional = true;
    for (const ResolvedMigration& m : group) {
      RUNWAY_ASSIGN(tx, runs_in_transaction(s_, identity_of(m), m.config));
      if (!tx && transactional && &m != &group.front() && !s_.settings.mixed) {
        return fail(ErrorCode::Error,
                    "Detected both transactional and non-transactional migrations within the "
                    "same migration group (even though mixed is false). First offending "
                    "migration: \"" +
                        describe_target(m) + "\" [non-transactional]");
      }
      transactional = transactional && tx;
    }
    // Outside the group's transaction, so these callbacks commit on their own (spec 7.10).
    RUNWAY_TRY(enter_repeatables(group.front()));
    // What the run had applied before this group: a rolled-back group applied nothing.
    const std::size_t applied_before = result_.migrations.size();
    const int time_before = result_.total_time;
    const MigrationVersion target_before = result_.target_version;
    const std::size_t expected_rows_before = expected_rows_;
    bool changed_meanwhile = false;
    const bool execute = !s_.settings.skip_executing_migrations;
    auto kept = with_migration_lock(s_, lock_scope(transactional), [&]() -> Result<bool> {
      // The first migration's search_path (spec 5.4.1): set before the history read, so that
      // PostgreSQL sends it with the lock attempt and the read, in one round trip.
      if (execute) RUNWAY_TRY(s_.use_default_schema());
      // Another process may have applied something while we waited for the lock.
      RUNWAY_ASSIGN(current, next_group(false, true));
      if (!same_migrations(current, group)) {
        changed_meanwhile = true;
        return false;
      }
      for (const ResolvedMigration& m : group) {
        // Later members of a group=true group: the switch to repeatables happens inside it.
        RUNWAY_TRY(enter_repeatables(m));
        RUNWAY_ASSIGN(applied, apply_one(m, GroupSlot{transactional, &m == &group.front(),
                                                      &m == &group.back()}));
        if (!applied) return false;
      }
      return true;
    });
    if (transactional && (!kept || !*kept)) {
      if (kept && result_.failure) {
        result_.rolled_back += result_.migrations.size() - applied_before;  // listed, as Flyway
      } else {
        result_.migrations.resize(applied_before);
        result_.total_time = time_before;
      }
      result_.target_version = target_before;
      expected_rows_ = expected_rows_before;
    }
    if (!kept) return std::unexpected(kept.error());
    if (changed_meanwhile) return true;  // re-plan on the next iteration
    if (!*kept) return false;
    for (const ResolvedMigration& m : group) {
      done_.insert(migration_key(m));
      // A baseline migration turns the versions below it into ignored ones: plan again.
      if (m.kind == MigrationKind::BaselineMigration) plan_.reset();
    }
    return true;
  }

  static bool same_migrations(const std::vector<ResolvedMigration>& a,
                              const std::vector<ResolvedMigration>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
      return migration_key(x) == migration_key(y);
    });
  }

  // Where a migration stands in its group.
  struct GroupSlot {
    bool transactional;
    bool first;  // its search_path was set with the group's lock attempt
    bool last;   // in a transaction, its row is the last write before the COMMIT
  };

  // Applies one migration and writes its row. Returns false when its SQL failed (recorded in
  // result_.failure, spec 5.4.1); an error means a callback or the history write failed.
  Result<bool> apply_one(const ResolvedMigration& m, GroupSlot slot) {
    const bool transactional = slot.transactional;
    const bool execute = !s_.settings.skip_executing_migrations;
    if (execute && !slot.first) RUNWAY_TRY(s_.use_default_schema());
    if (execute) RUNWAY_TRY(fire_callbacks(s_, CallbackEvent::BeforeEachMigrate));
    const std::string suffix = std::string(is_out_of_order(m) ? " [out of order]" : "") +
                               (transactional ? "" : " [non-transactional]");
    if (m.is_versioned()) {
      spdlog::info("Migrating schema \"{}\" to version \"{}\"{}", s_.default_schema,
                   describe_target(m), suffix);
    } else {
      spdlog::info("Migrating schema \"{}\" with repeatable migration \"{}\"{}", s_.default_schema,
                   m.description, suffix);
    }
    Stopwatch watch;
    if (execute) {
      int sent = 0;
      auto ran = execute_sql(m, sent);
      if (!ran) {
        fire_callbacks_after_failure(s_, CallbackEvent::AfterEachMigrateError);
        record_failure(m, suffix, transactional, sent > 0, ran.error());
        return false;
      }
    }
    int ms = 0;
    auto recorded = [&]() -> Result<void> {
      if (execute) RUNWAY_TRY(fire_callbacks(s_, CallbackEvent::AfterEachMigrate));
      ms = watch.elapsed_ms();
      const bool commit_follows = transactional && slot.last;
      return s_.history->insert(history_row(m, ms, true), commit_follows
                                                              ? HistoryTable::CommitFollows::Yes
                                                              : HistoryTable::CommitFollows::No);
    }();
    if (!recorded) {
      // The SQL of a non-transactional migration ran and stays: without a row the migration
      // would look pending, and the next migrate would run it again.
      if (execute && !transactional)
        record_failed_row(s_, history_row(m, watch.elapsed_ms(), false));
      return std::unexpected(recorded.error());
    }
    ++expected_rows_;  // our own row: no reason to re-plan
    const char* category = m.kind == MigrationKind::BaselineMigration ? "Baseline"
                           : m.is_versioned()                         ? "Versioned"
                                                                      : "Repeatable";
    result_.migrations.push_back(AppliedInRun{category, m.is_versioned() ? m.version.text() : "",
                                              m.description, migration_type_name(m.type()),
                                              m.absolute_path, ms});
    result_.total_time += ms;
    if (m.is_versioned()) result_.target_version = m.version;
    return true;
  }

  // `sent` counts the statements that reached the database.
  Result<void> execute_sql(const ResolvedMigration& m, int& sent) {
    RUNWAY_ASSIGN(text, open_script_text(s_, identity_of(m), m.config));
    return run_script(*s_.db, *text, identity_of(m),
                      RunOptions{s_.splitter_options(), s_.settings.output_query_results,
                                 statement_hook_, &sent});
  }

  // Below a version already applied (the plan is the one just confirmed under the lock).
  bool is_out_of_order(const ResolvedMigration& m) const {
    return m.is_versioned() && plan_ && m.version < plan_->last_applied;
  }

  // Spec 5.4.1 and 8.4: a transactional failure is rolled back and leaves no row; a
  // non-transactional one keeps its partial effects, so a failed row records the truth; one
  // that failed before any statement ran (`ran_any` false) changed nothing and gets no row.
  // `suffix` is the "Migrating" line's " [out of order]" / " [non-transactional]": Flyway
  // repeats it in the failure line, which is where a reader needs to know which kind failed.
  void record_failure(const ResolvedMigration& m, const std::string& suffix, bool transactional,
                      bool ran_any, const Error& error) {
    std::string what = (m.is_versioned() ? "to version \"" + describe_target(m) + "\""
                                         : "with repeatable migration \"" + m.description + "\"") +
                       suffix;
    if (transactional) {
      spdlog::error("Migration of schema \"{}\" {} failed! Changes successfully rolled back.",
                    s_.default_schema, what);
    } else {
      spdlog::error(
          "Migration of schema \"{}\" {} failed! Please restore backups and roll back "
          "database and code!",
          s_.default_schema, what);
      if (ran_any) record_failed_row(s_, history_row(m, 0, false));
    }
    Error failure = error;
    failure.code = m.kind == MigrationKind::BaselineMigration ? ErrorCode::FailedBaselineMigration
                   : m.is_versioned()                         ? ErrorCode::FailedVersionedMigration
                                      : ErrorCode::FailedRepeatableMigration;
    if (!failure.location) {
      failure.location = SourceLocation{m.script, m.absolute_path, 0, 0};
    }
    result_.failure = failure;
  }

  void log_summary() {
    std::size_t n = result_.migrations.size();
    if (n == 0) {
      spdlog::info("Schema \"{}\" is up to date. No migration necessary.", s_.default_schema);
      return;
    }
    std::string version = result_.target_version.is_empty()
                              ? ""
                              : ", now at version v" + result_.target_version.text();
    spdlog::info("Successfully applied {} migration{} to schema \"{}\"{} (execution time {})", n,
                 n == 1 ? "" : "s", s_.default_schema, version,
                 format_duration(result_.total_time));
  }

  Session& s_;
  MigrateResult& result_;
  PlanOptions options_;
  std::set<std::string> done_;
  std::optional<Plan> plan_;
  std::size_t expected_rows_ = 0;              // history rows the cached plan accounts for
  std::vector<const MigrationInfo*> pending_;  // what plan_ leaves to apply, in order
  std::size_t next_pending_ = 0;               // pending_ before this are applied
  StatementHook statement_hook_;
  bool before_repeatables_ = true;  // no repeatable applied yet in this run
};

}  // namespace

Result<MigrateResult> migrate(Session& session) {
  MigrateResult result;
  static_cast<CommonResult&>(result) = session.common();
  result.database_type = session.db->product_name();
  auto ran = Migrator(session, result).run();
  if (ran && result.success()) {
    RUNWAY_TRY(fire_callbacks(session, CallbackEvent::AfterMigrateOperationFinish));
    return result;
  }
  fire_callbacks_after_failure(session, CallbackEvent::AfterMigrateOperationFinish);
  if (!ran) return std::unexpected(ran.error());
  return result;
}

Result<Plan> plan_with_configured_target(Session& session) {
  RUNWAY_ASSIGN(target, Target::parse(session.settings.target));
  RUNWAY_ASSIGN(applied, session.applied_migrations());
  return make_plan(session.resolved.migrations, *applied,
                   PlanOptions{target, session.settings.out_of_order});
}

Result<bool> create_history_table(Session& session, const std::optional<HistoryRow>& baseline,
                                  const std::vector<std::string>& created_schemas) {
  HistoryTable& history = *session.history;
  bool created = false;
  RUNWAY_TRY(with_migration_lock(
      session, lock_scope(session.settings.execute_in_transaction), [&]() -> Result<bool> {
        // Another process may have created it while we waited for the lock.
        RUNWAY_ASSIGN(created_meanwhile, history.exists());
        if (created_meanwhile) return true;
        spdlog::info("Creating Schema History table {}{} ...", history.qualified_name(),
                     baseline ? " with baseline" : "");
        RUNWAY_TRY(history.create(baseline));
        if (!created_schemas.empty()) {
          RUNWAY_TRY(history.insert(HistoryTable::schema_marker(created_schemas)));
        }
        created = true;
        return true;
      }));
  return created;
}

Result<std::vector<std::string>> create_missing_schemas(Session& session) {
  // Flyway prepares schemas, firing these, when the history table does not exist yet.
  RUNWAY_ASSIGN(history_exists, session.history->exists());
  if (!history_exists) {
    RUNWAY_TRY(fire_callbacks(session, CallbackEvent::CreateSchema));
    RUNWAY_TRY(fire_callbacks(session, CallbackEvent::BeforeCreateSchema));
  }
  std::vector<std::string> created;
  for (const std::string& schema : session.schemas) {
    RUNWAY_ASSIGN(exists, session.db->schema_exists(schema));
    if (exists) continue;
    spdlog::info("Creating schema \"{}\" ...", schema);
    RUNWAY_TRY(session.db->create_schema(schema));
    created.push_back(schema);
  }
  return created;
}

}  // namespace runway
