#include "commands/session.h"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "commands/callbacks.h"
#include "core/config_text.h"
#include "core/local_time.h"
#include "db/dry_run_database.h"

namespace runway {

namespace {

// initSql runs as the connection opens, before runway can ask the database for its user or
// current schema: it sees the user placeholders and the built-ins known without a connection.
Result<std::string> init_sql_with_placeholders(const Settings& settings,
                                               const BuiltinFacts& known) {
  if (!settings.placeholder_replacement) return settings.init_sql;
  RUNWAY_ASSIGN(values, make_placeholder_values(settings, known));
  auto replaced = replace_placeholders(text_from_string(settings.init_sql), values,
                                       PlaceholderSyntax::from(settings), "initSql");
  return read_all(*replaced);
}

// The settings the drivers read (ConnectionOptions), with initSql's placeholders replaced.
ConnectionOptions connection_options(const Settings& settings, std::string init_sql) {
  ConnectionOptions options;
  options.url = settings.url;
  options.user = settings.user;
  options.password = settings.password;
  options.jdbc_properties = settings.jdbc_properties;
  options.connect_retries = settings.connect_retries;
  options.connect_retries_interval = settings.connect_retries_interval;
  options.init_sql = std::move(init_sql);
  options.lock_retry_count = settings.lock_retry_count;
  options.table = settings.table;
  options.flightpath_table = settings.flightpath_table;
  options.default_schema = settings.default_schema;
  options.schemas = settings.schemas;
  return options;
}

}  // namespace

CommonResult Session::common() const {
  CommonResult common;
  common.database = database_name;
  common.schema_name = join(settings.schemas, ", ");
  return common;
}

Result<const std::vector<AppliedMigration>*> Session::applied_migrations() {
  static const std::vector<AppliedMigration> kNone;
  RUNWAY_ASSIGN(exists, history->exists());
  if (!exists) return &kNone;
  return history->rows();
}

Result<void> Session::use_default_schema() {
  if (migration_search_path.empty()) return {};
  // Flyway leaves the search_path alone while the schema does not exist; once it does, it
  // keeps existing for the rest of the run.
  if (!default_schema_exists) {
    RUNWAY_ASSIGN(exists, db->schema_exists(default_schema));
    if (!exists) return {};
    default_schema_exists = true;
  }
  // A write (a dry run's SQL must carry it too) of session state only.
  return db->use_search_path(migration_search_path);
}

void log_notice(const DbNotice& notice) {
  if (notice.sql_state == "00000" || notice.sql_state.empty()) {
    spdlog::info("DB: {}", notice.message);
  } else {
    spdlog::warn("DB: {} (SQL State: {} - Error Code: 0)", notice.message, notice.sql_state);
  }
}

namespace {

// Spec 5.4.1: the default schema goes in front of the connection's own search path, unless
// that already starts with it. Only when a schema was configured: otherwise the default
// schema is the current one already.
Result<std::string> migration_search_path(Database& db, const Settings& settings,
                                          const std::string& default_schema) {
  if (settings.default_schema.empty() && settings.schemas.empty()) return std::string();
  return db.search_path_starting_with(default_schema);
}

}  // namespace

Result<std::unique_ptr<Session>> open_session(const Settings& settings,
                                              std::ostream* dry_run_output) {
  std::string timestamp = format_local_time("%Y-%m-%d %H:%M:%S");
  std::string working_directory = settings.working_directory.empty()
                                      ? std::filesystem::current_path().string()
                                      : settings.working_directory;
  std::optional<std::string> configured_schema;
  if (!settings.default_schema.empty())
    configured_schema = settings.default_schema;
  else if (!settings.schemas.empty())
    configured_schema = settings.schemas.front();

  RUNWAY_ASSIGN(init_sql, init_sql_with_placeholders(
                              settings, BuiltinFacts{configured_schema, std::nullopt, std::nullopt,
                                                     timestamp, working_directory}));
  RUNWAY_ASSIGN(db, open_database(connection_options(settings, std::move(init_sql))));
  spdlog::info("Database: {} ({} {})", redact_url(settings.url), db->product_name(),
               db->product_version());
  RUNWAY_TRY(db->check_supported());
  db->set_notice_handler(log_notice);
  if (dry_run_output != nullptr) {
    db = std::make_unique<DryRunDatabase>(std::move(db), *dry_run_output);
    spdlog::info("Dry run: nothing will be changed; the SQL goes to {}",
                 settings.dry_run_output == "-" ? "standard output" : settings.dry_run_output);
  }

  std::string default_schema = configured_schema.value_or("");
  if (default_schema.empty()) {
    RUNWAY_ASSIGN(current, db->current_schema());
    default_schema = current;
  }
  std::vector<std::string> schemas = settings.schemas;
  if (std::find(schemas.begin(), schemas.end(), default_schema) == schemas.end()) {
    schemas.insert(schemas.begin(), default_schema);
  }

  std::string installed_by = settings.installed_by;
  RUNWAY_ASSIGN(user, db->current_user());
  if (installed_by.empty()) installed_by = user;
  auto database = db->database_name();

  BuiltinFacts facts{default_schema, user,
                     database ? std::optional<std::string>(*database) : std::nullopt, timestamp,
                     working_directory};
  RUNWAY_ASSIGN(placeholders, make_placeholder_values(settings, facts));
  RUNWAY_ASSIGN(resolved, resolve_migrations(settings, placeholders));
  for (const std::string& location : settings.locations) spdlog::debug("Location: {}", location);
  spdlog::debug(
      "Found {} migrations, {} undo migrations and {} callbacks; default schema \"{}\", "
      "installed by \"{}\"",
      resolved.migrations.size(), resolved.undo_migrations.size(), resolved.callbacks.size(),
      default_schema, installed_by);

  RUNWAY_ASSIGN(search_path, migration_search_path(*db, settings, default_schema));

  auto history = std::make_unique<HistoryTable>(*db, default_schema, settings.table,
                                                settings.tablespace, installed_by);
  if (dry_run_output != nullptr) history->simulate_writes();
  auto session = std::unique_ptr<Session>(
      new Session{settings, std::move(db), default_schema, std::move(schemas), std::move(history),
                  std::move(placeholders), std::move(resolved),
                  database ? *database : std::string(), std::move(search_path)});
  RUNWAY_TRY(fire_callbacks(*session, CallbackEvent::AfterConnect));
  return session;
}

std::string format_duration(long ms) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%02ld:%02ld.%03lds", ms / 60000, (ms / 1000) % 60,
                ms % 1000);
  return buffer;
}

}  // namespace runway
