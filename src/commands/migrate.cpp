// `migrate` (spec 5.4): validate, prepare the history table, then apply pending migrations
// one group at a time under the migration lock, re-reading the history each time so that
// concurrent runway and Flyway processes apply every migration exactly once.
#include <spdlog/spdlog.h>

#include <set>

#include "commands/commands.h"
#include "commands/script_runner.h"
#include "core/ignore_patterns.h"

namespace runway {

namespace {

std::string identity_of(const ResolvedMigration& m) {
  return m.is_versioned() ? "V:" + m.version.normalized() + ":" + migration_type_name(m.type())
                          : "R:" + m.description;
}

std::string describe_target(const ResolvedMigration& m) {
  return m.description.empty() ? m.version.text() : m.version.text() + " - " + m.description;
}

class Migrator {
 public:
  Migrator(Session& session, MigrateResult& result) : s_(session), result_(result) {}

  Result<void> run() {
    RUNWAY_ASSIGN(target, Target::parse(s_.settings.target));
    options_ = PlanOptions{target, s_.settings.out_of_order};
    if (s_.settings.validate_on_migrate) RUNWAY_TRY(validate_first());
    RUNWAY_TRY(prepare_history_table());

    bool first = true;
    while (true) {
      RUNWAY_ASSIGN(group, next_group(first, first));
      first = false;
      if (group.empty()) break;
      RUNWAY_ASSIGN(applied_any, apply_group(group));
      if (!result_.success()) return {};
      if (applied_any && options_.target.version.kind() == MigrationVersion::Kind::Next) break;
    }
    log_summary();
    return {};
  }

 private:
  Result<void> validate_first() {
    Stopwatch watch;
    RUNWAY_ASSIGN(patterns, parse_ignore_patterns(s_.settings.ignore_migration_patterns));
    RUNWAY_ASSIGN(applied, s_.applied_migrations());
    RUNWAY_ASSIGN(plan, make_plan(s_.resolved.migrations, applied, options_));
    auto failures = validate_plan(plan, IgnoreRules(patterns).with_pending_ignored());
    if (!failures.empty()) {
      return fail(ErrorCode::ValidateError, validation_error_message(failures));
    }
    std::size_t n = plan.entries.size();
    spdlog::info("Successfully validated {} migration{} (execution time {})", n,
                 n == 1 ? "" : "s", watch.formatted());
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
        spdlog::info("All configured schemas are empty; baselineOnMigrate adds no baseline "
                     "marker, so every migration will be applied.");
      }
    }
    RUNWAY_TRY(with_table_lock([&]() -> Result<void> {
      // Another process may have created it while we waited for the lock.
      RUNWAY_ASSIGN(created_meanwhile, history.exists());
      if (created_meanwhile) return {};
      spdlog::info("Creating Schema History table {}{} ...", history.qualified_name(),
                   baseline ? " with baseline" : "");
      RUNWAY_TRY(history.create(baseline));
      if (!created.empty()) RUNWAY_TRY(history.insert(HistoryTable::schema_marker(created)));
      return {};
    }));
    if (baseline) {
      spdlog::info("Successfully baselined schema with version: {}", baseline->version);
    }
    return {};
  }

  template <typename Work>
  Result<void> with_table_lock(Work work) {
    Database& db = *s_.db;
    bool transactional = s_.settings.execute_in_transaction;
    if (transactional) RUNWAY_TRY(db.begin());
    auto done = [&]() -> Result<void> {
      RUNWAY_TRY(db.acquire_lock(transactional ? LockScope::Transaction : LockScope::Session,
                                 s_.history->schema(), s_.history->table(),
                                 s_.settings.lock_retry_count));
      RUNWAY_TRY(work());
      if (!transactional) RUNWAY_TRY(db.release_lock(LockScope::Session));
      return {};
    }();
    if (!done) {
      if (transactional) (void)db.rollback();
      return done;
    }
    return transactional ? db.commit() : Result<void>();
  }

  // Picks what to apply next: the first pending migration, or all of them with group=true.
  // With `refresh` it first reads the rows other processes added and recomputes the states;
  // without, it takes the last plan, which is enough to pick a candidate because
  // apply_group looks again under the lock (and an empty pick is always confirmed).
  // Planning is linear in the number of migrations, so doing it for each one would make a
  // long migrate quadratic: the plan is kept while the only new rows are the ones this run
  // wrote itself (which change no other migration's state), and made again as soon as
  // another process wrote any.
  Result<std::vector<ResolvedMigration>> next_group(bool first, bool refresh) {
    if (refresh) {
      RUNWAY_ASSIGN(rows, s_.history->rows());
      if (first || rows->size() != expected_rows_) RUNWAY_TRY(replan(*rows, first));
      expected_rows_ = rows->size();
      rows_ = rows;
    }
    std::vector<ResolvedMigration> group;
    for (const ResolvedMigration& m : pending_) {
      if (done_.contains(identity_of(m))) continue;
      group.push_back(m);
      if (!s_.settings.group) break;
    }
    if (group.empty() && !refresh) return next_group(first, true);
    return group;
  }

  Result<void> replan(const std::vector<AppliedMigration>& rows, bool first) {
    RUNWAY_ASSIGN(plan, make_plan(s_.resolved.migrations, rows, options_));
    if (first) {
      result_.initial_version = plan.current_version();
      spdlog::info("Current version of schema \"{}\": {}", s_.default_schema,
                   plan.current_version().display());
      if (s_.settings.out_of_order) {
        spdlog::warn("outOfOrder mode is active. Migration of schema \"{}\" may not be "
                     "reproducible.",
                     s_.default_schema);
      }
      warn_about_future(plan);
    }
    RUNWAY_TRY(refuse_failed(plan));
    pending_.clear();
    for (const MigrationInfo* m : plan.pending()) pending_.push_back(*m->resolved);
    return {};
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
      spdlog::error("Schema \"{}\" has version {}, but no migration could be resolved in the "
                    "configured locations !",
                    s_.default_schema, plan.current_version().display());
    } else {
      spdlog::warn("Schema \"{}\" has a version ({}) that is newer than the latest available "
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
    return fail(code, m.is_versioned()
                          ? "Schema \"" + s_.default_schema +
                                "\" contains a failed migration to version " + m.version_text() +
                                " !"
                          : "Schema \"" + s_.default_schema +
                                "\" contains a failed repeatable migration (\"" +
                                m.description() + "\") !");
  }

  // Spec 8.2: a script runs in a transaction unless its .conf or the settings say otherwise
  // or it holds a statement that cannot.
  Result<bool> runs_in_transaction(const ResolvedMigration& m) {
    if (m.config.execute_in_transaction) return *m.config.execute_in_transaction;
    if (!s_.settings.execute_in_transaction) return false;
    RUNWAY_ASSIGN(text, open_migration_text(m.absolute_path, m.file_name, m.config, s_.settings,
                                            s_.placeholders));
    RUNWAY_ASSIGN(traits, inspect_script(*text, s_.db->dialect(), s_.splitter_options()));
    if (!traits.has_non_transactional) return true;
    if (traits.has_transactional && !s_.settings.mixed) {
      return fail(ErrorCode::Error,
                  "Detected both transactional and non-transactional statements within the same "
                  "migration (even though mixed is false). Offending statement found at line " +
                      std::to_string(traits.first_non_transactional_line) + ": " +
                      traits.first_non_transactional_sql + " [non-transactional]\nin " +
                      m.absolute_path);
    }
    return false;
  }

  Result<bool> apply_group(const std::vector<ResolvedMigration>& group) {
    bool transactional = true;
    for (const ResolvedMigration& m : group) {
      RUNWAY_ASSIGN(tx, runs_in_transaction(m));
      if (!tx && transactional && &m != &group.front() && !s_.settings.mixed) {
        return fail(ErrorCode::Error,
                    "Detected both transactional and non-transactional migrations within the "
                    "same migration group (even though mixed is false). First offending "
                    "migration: \"" + describe_target(m) + "\" [non-transactional]");
      }
      transactional = transactional && tx;
    }
    Database& db = *s_.db;
    LockScope scope = transactional ? LockScope::Transaction : LockScope::Session;
    if (transactional) RUNWAY_TRY(db.begin());
    auto abandon = [&]() {
      if (transactional) (void)db.rollback();
      else (void)db.release_lock(scope);
    };
    auto locked = db.acquire_lock(scope, s_.history->schema(), s_.history->table(),
                                  s_.settings.lock_retry_count);
    if (!locked) {
      abandon();
      return std::unexpected(locked.error());
    }
    // Another process may have applied something while we waited for the lock.
    auto current = next_group(false, true);
    if (!current || !same_migrations(*current, group)) {
      abandon();
      if (!current) return std::unexpected(current.error());
      return true;  // re-plan on the next iteration
    }
    for (const ResolvedMigration& m : group) {
      auto applied = apply_one(m, transactional);
      if (!applied) {
        record_failure(m, transactional, applied.error());
        abandon();
        return false;
      }
    }
    if (transactional) RUNWAY_TRY(db.commit());
    else RUNWAY_TRY(db.release_lock(scope));
    bool changes_others = false;
    for (const ResolvedMigration& m : group) {
      done_.insert(identity_of(m));
      // A baseline migration turns the versions below it into ignored ones.
      changes_others = changes_others || m.kind == MigrationKind::BaselineMigration;
    }
    expected_rows_ = changes_others ? kReplan : expected_rows_ + group.size();
    return true;
  }

  static bool same_migrations(const std::vector<ResolvedMigration>& a,
                              const std::vector<ResolvedMigration>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                      [](const auto& x, const auto& y) { return identity_of(x) == identity_of(y); });
  }

  Result<void> apply_one(const ResolvedMigration& m, bool transactional) {
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
    if (!s_.settings.skip_executing_migrations) {
      RUNWAY_TRY(s_.use_default_schema());
      RUNWAY_ASSIGN(text, open_migration_text(m.absolute_path, m.file_name, m.config, s_.settings,
                                              s_.placeholders));
      RUNWAY_TRY(run_script(*s_.db, *text, ScriptIdentity{m.script, m.absolute_path, m.file_name},
                            RunOptions{s_.splitter_options(), s_.settings.output_query_results}));
    }
    int ms = watch.elapsed_ms();
    RUNWAY_TRY(s_.history->insert(HistoryRow{m.is_versioned() ? m.version.text() : "",
                                             m.description, m.type(), m.script, m.checksum, ms,
                                             true}));
    result_.migrations.push_back(AppliedInRun{m.is_versioned() ? "Versioned" : "Repeatable",
                                              m.is_versioned() ? m.version.text() : "",
                                              m.description, migration_type_name(m.type()),
                                              m.absolute_path, ms});
    result_.total_time += ms;
    if (m.is_versioned()) result_.target_version = m.version;
    return {};
  }

  // Against the rows read under the lock.
  bool is_out_of_order(const ResolvedMigration& m) const {
    if (!m.is_versioned() || !rows_) return false;
    return std::any_of(rows_->begin(), rows_->end(), [&](const AppliedMigration& a) {
      return a.is_versioned() && a.version > m.version && a.type != MigrationType::Delete;
    });
  }

  // Spec 5.4.1 and 8.4: a transactional failure is rolled back and leaves no row; a
  // non-transactional one keeps its partial effects, so a failed row records the truth.
  void record_failure(const ResolvedMigration& m, bool transactional, const Error& error) {
    std::string what = m.is_versioned() ? "to version \"" + describe_target(m) + "\""
                                        : "with repeatable migration \"" + m.description + "\"";
    if (transactional) {
      spdlog::error("Migration of schema \"{}\" {} failed! Changes successfully rolled back.",
                    s_.default_schema, what);
    } else {
      spdlog::error("Migration of schema \"{}\" {} failed! Please restore backups and roll back "
                    "database and code!",
                    s_.default_schema, what);
      // A transaction the script opened itself (BEGIN; ...) is aborted now; end it so the
      // row can be written.
      if (s_.db->in_transaction()) (void)s_.db->rollback();
      auto recorded = s_.history->insert(HistoryRow{m.is_versioned() ? m.version.text() : "",
                                                    m.description, m.type(), m.script,
                                                    m.checksum, 0, false});
      if (!recorded) spdlog::error("Could not record the failed migration: {}", recorded.error().message);
    }
    Error failure = error;
    failure.code = m.kind == MigrationKind::BaselineMigration ? ErrorCode::FailedBaselineMigration
                   : m.is_versioned()                       ? ErrorCode::FailedVersionedMigration
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
                 n == 1 ? "" : "s", s_.default_schema, version, format_duration(result_.total_time));
  }

  Session& s_;
  MigrateResult& result_;
  PlanOptions options_;
  std::set<std::string> done_;
  // The pending migrations of the last plan, and how many history rows there should be if
  // only this run has written any since.
  static constexpr std::size_t kReplan = static_cast<std::size_t>(-1);
  std::vector<ResolvedMigration> pending_;
  std::size_t expected_rows_ = kReplan;
  const std::vector<AppliedMigration>* rows_ = nullptr;  // the history, as last read
};

}  // namespace

Result<MigrateResult> migrate(Session& session) {
  MigrateResult result;
  static_cast<CommonResult&>(result) = session.common();
  result.database_type = session.db->product_name();
  RUNWAY_TRY(Migrator(session, result).run());
  return result;
}

Result<Plan> plan_with_configured_target(Session& session) {
  RUNWAY_ASSIGN(target, Target::parse(session.settings.target));
  RUNWAY_ASSIGN(applied, session.applied_migrations());
  return make_plan(session.resolved.migrations, applied,
                   PlanOptions{target, session.settings.out_of_order});
}

Result<std::vector<std::string>> create_missing_schemas(Session& session) {
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
