// The table itself. Keep rows grouped like the Settings struct; --help and
// docs/configuration.md list them in this order.
#include "core/config_keys.h"

#include "core/config_text.h"

namespace runway {
namespace {

template <typename Owner>
KeyKind kind_of(std::string Owner::*) {
  return KeyKind::String;
}
template <typename Owner>
KeyKind kind_of(bool Owner::*) {
  return KeyKind::Bool;
}
template <typename Owner>
KeyKind kind_of(int Owner::*) {
  return KeyKind::Int;
}
template <typename Owner>
KeyKind kind_of(StringList Owner::*) {
  return KeyKind::List;
}
template <typename Owner>
KeyKind kind_of(StringMap Owner::*) {
  return KeyKind::Map;
}

Result<void> bind_output_type(Configuration& config, std::string_view value) {
  // Flyway accepts `json` in any case, and an empty value meaning "the default text output".
  std::string type = to_lower(value);
  if (type != "json" && !type.empty()) {
    return fail(ErrorCode::Configuration,
                "'" + type + "' is an invalid value for the -outputType option. Use 'json'.");
  }
  config.cli.json = type == "json";
  return {};
}

// runway prints no colour, but scripts written for Flyway pass -color: its value is still checked.
Result<void> check_color(Configuration&, std::string_view value) {
  if (value.empty()) return {};
  if (value != "always" && value != "never" && value != "auto") {
    return fail(
        ErrorCode::Configuration,
        "'" + std::string(value) +
            "' is an invalid value for the -color option. Use 'always', 'never', or 'auto'.");
  }
  return {};
}

constexpr KeyScope kFlyway = KeyScope::Flyway;
constexpr KeyScope kEnv = KeyScope::Environment;
constexpr KeyScope kCli = KeyScope::CommandLine;
constexpr KeySupport kFull = KeySupport::Full;
constexpr KeySupport kIgnored = KeySupport::Ignored;
constexpr KeySupport kRejected = KeySupport::Rejected;
constexpr bool kSecret = true;

const std::vector<ConfigKey>& table() {
  using S = Settings;
  using C = CliOptions;
  static const std::vector<ConfigKey> keys = {
      // Connection: [environments.<name>] in TOML.
      {"url", "FLYWAY_URL", kEnv, field(&S::url),
       "Database URL: jdbc:sqlite:<file>, jdbc:postgresql://host:port/db"},
      {"user", "FLYWAY_USER", kEnv, field(&S::user), "Database user"},
      {"password", "FLYWAY_PASSWORD", kEnv, field(&S::password), "Database password (masked)",
       kFull, kSecret},
      {"driver", "FLYWAY_DRIVER", kEnv, field(&S::driver), "runway picks the driver from the URL",
       kIgnored},
      {"schemas", "FLYWAY_SCHEMAS", kEnv, field(&S::schemas),
       "Schemas runway manages; the first holds the history table"},
      {"connectRetries", "FLYWAY_CONNECT_RETRIES", kEnv, field(&S::connect_retries),
       "Retries when the database cannot be reached"},
      {"connectRetriesInterval", "FLYWAY_CONNECT_RETRIES_INTERVAL", kEnv,
       field(&S::connect_retries_interval), "Longest wait between connection retries (seconds)"},
      {"initSql", "FLYWAY_INIT_SQL", kEnv, field(&S::init_sql), "SQL run on every new connection"},
      {"jdbcProperties.", "FLYWAY_JDBC_PROPERTIES_", kEnv, field(&S::jdbc_properties),
       "Driver properties, one per entry (jdbcProperties.<name>=<value>); "
       "entries named *password* are masked",
       kFull, kSecret},

      // History table.
      {"defaultSchema", "FLYWAY_DEFAULT_SCHEMA", kFlyway, field(&S::default_schema),
       "Schema of the history table (default: the first of schemas)"},
      {"table", "FLYWAY_TABLE", kFlyway, field(&S::table), "Name of the history table"},
      {"tablespace", "FLYWAY_TABLESPACE", kFlyway, field(&S::tablespace),
       "Tablespace of the history table (PostgreSQL)"},

      // Discovery and naming.
      {"locations", "FLYWAY_LOCATIONS", kFlyway, field(&S::locations),
       "Where migrations are: filesystem:<dir>, relative to workingDirectory"},
      {"callbackLocations", "FLYWAY_CALLBACK_LOCATIONS", kFlyway, field(&S::callback_locations),
       "Extra folders scanned for SQL callbacks only"},
      {"failOnMissingLocations", "FLYWAY_FAIL_ON_MISSING_LOCATIONS", kFlyway,
       field(&S::fail_on_missing_locations), "Fail instead of warn when a location is missing"},
      {"sqlMigrationPrefix", "FLYWAY_SQL_MIGRATION_PREFIX", kFlyway,
       field(&S::sql_migration_prefix), "File-name prefix of versioned migrations"},
      {"repeatableSqlMigrationPrefix", "FLYWAY_REPEATABLE_SQL_MIGRATION_PREFIX", kFlyway,
       field(&S::repeatable_sql_migration_prefix), "File-name prefix of repeatable migrations"},
      {"baselineMigrationPrefix", "FLYWAY_BASELINE_MIGRATION_PREFIX", kFlyway,
       field(&S::baseline_migration_prefix), "File-name prefix of baseline migrations"},
      {"undoSqlMigrationPrefix", "FLYWAY_UNDO_SQL_MIGRATION_PREFIX", kFlyway,
       field(&S::undo_sql_migration_prefix), "File-name prefix of undo migrations"},
      {"sqlMigrationSeparator", "FLYWAY_SQL_MIGRATION_SEPARATOR", kFlyway,
       field(&S::sql_migration_separator), "Separator between version and description"},
      {"sqlMigrationSuffixes", "FLYWAY_SQL_MIGRATION_SUFFIXES", kFlyway,
       field(&S::sql_migration_suffixes), "File-name suffixes of SQL migrations"},
      {"validateMigrationNaming", "FLYWAY_VALIDATE_MIGRATION_NAMING", kFlyway,
       field(&S::validate_migration_naming), "Fail on files whose names do not parse"},
      {"encoding", "FLYWAY_ENCODING", kFlyway, field(&S::encoding), "Encoding of SQL files"},

      // Placeholders.
      {"placeholderReplacement", "FLYWAY_PLACEHOLDER_REPLACEMENT", kFlyway,
       field(&S::placeholder_replacement), "Replace placeholders in SQL files"},
      {"placeholderPrefix", "FLYWAY_PLACEHOLDER_PREFIX", kFlyway, field(&S::placeholder_prefix),
       "Start of a placeholder"},
      {"placeholderSuffix", "FLYWAY_PLACEHOLDER_SUFFIX", kFlyway, field(&S::placeholder_suffix),
       "End of a placeholder"},
      {"placeholderSeparator", "FLYWAY_PLACEHOLDER_SEPARATOR", kFlyway,
       field(&S::placeholder_separator), "Separator of ${flyway:<name>} placeholders"},
      {"placeholders.", "FLYWAY_PLACEHOLDERS_", kFlyway, field(&S::placeholders),
       "Placeholder values, one per entry (placeholders.<name>=<value>)"},

      // Migrate and validate behaviour.
      {"target", "FLYWAY_TARGET", kFlyway, field(&S::target),
       "Last version to migrate to: a version, latest, current or next"},
      {"outOfOrder", "FLYWAY_OUT_OF_ORDER", kFlyway, field(&S::out_of_order),
       "Apply pending versions lower than the current one"},
      {"validateOnMigrate", "FLYWAY_VALIDATE_ON_MIGRATE", kFlyway, field(&S::validate_on_migrate),
       "Validate before migrating"},
      {"ignoreMigrationPatterns", "FLYWAY_IGNORE_MIGRATION_PATTERNS", kFlyway,
       field(&S::ignore_migration_patterns), "Validation results to ignore, as <type>:<state>"},
      {"baselineVersion", "FLYWAY_BASELINE_VERSION", kFlyway, field(&S::baseline_version),
       "Version that baseline records"},
      {"baselineDescription", "FLYWAY_BASELINE_DESCRIPTION", kFlyway,
       field(&S::baseline_description), "Description that baseline records"},
      {"baselineOnMigrate", "FLYWAY_BASELINE_ON_MIGRATE", kFlyway, field(&S::baseline_on_migrate),
       "Baseline a non-empty schema without history on migrate"},
      {"cleanDisabled", "FLYWAY_CLEAN_DISABLED", kFlyway, field(&S::clean_disabled),
       "Refuse to run clean"},
      {"createSchemas", "FLYWAY_CREATE_SCHEMAS", kFlyway, field(&S::create_schemas),
       "Create missing schemas"},
      {"mixed", "FLYWAY_MIXED", kFlyway, field(&S::mixed),
       "Allow transactional and non-transactional statements in one migration"},
      {"group", "FLYWAY_GROUP", kFlyway, field(&S::group),
       "Apply all pending migrations in one transaction"},
      {"executeInTransaction", "FLYWAY_EXECUTE_IN_TRANSACTION", kFlyway,
       field(&S::execute_in_transaction), "Run each migration in a transaction"},
      {"installedBy", "FLYWAY_INSTALLED_BY", kFlyway, field(&S::installed_by),
       "Name recorded in the history table (default: the database user)"},
      {"lockRetryCount", "FLYWAY_LOCK_RETRY_COUNT", kFlyway, field(&S::lock_retry_count),
       "Attempts to take the lock, one per second; -1 waits forever"},
      {"outputQueryResults", "FLYWAY_OUTPUT_QUERY_RESULTS", kFlyway,
       field(&S::output_query_results), "Print the results of queries in migrations"},
      {"skipExecutingMigrations", "FLYWAY_SKIP_EXECUTING_MIGRATIONS", kFlyway,
       field(&S::skip_executing_migrations), "Record migrations as applied without running them"},
      {"skipDefaultCallbacks", "FLYWAY_SKIP_DEFAULT_CALLBACKS", kFlyway,
       field(&S::skip_default_callbacks), "Ignore SQL callbacks found in the locations"},
      {"validate.strictJson", "RUNWAY_VALIDATE_STRICT_JSON", kFlyway,
       field(&S::validate_strict_json),
       "validate: exit 1 on a failed validation with -outputType=json too (Flyway exits 0)"},
      // runway always takes its lock inside the migration's own transaction, or at session
      // level for non-transactional ones (docs/compatibility.md), so there is nothing to choose.
      {"postgresql.transactional.lock", "FLYWAY_POSTGRESQL_TRANSACTIONAL_LOCK", kFlyway,
       NoField{KeyKind::Bool},
       "runway's PostgreSQL lock is always held in the migration's own transaction", kIgnored},

      // Flyway Teams features that runway offers to everyone.
      {"cherryPick", "FLYWAY_CHERRY_PICK", kFlyway, field(&S::cherry_pick),
       "Only these migrations: versions, repeatable descriptions or R__ stems (migrate, undo)"},
      {"dryRunOutput", "FLYWAY_DRYRUN_OUTPUT", kFlyway, field(&S::dry_run_output),
       "Write the SQL migrate, undo or baseline would run to this file (- for stdout) instead"},

      // runway check (offline review).
      {"check.base", "FLYWAY_CHECK_BASE", kFlyway, field(&S::check_base),
       "check: git revision whose migrations are compared with, e.g. origin/main"},
      {"check.history", "FLYWAY_CHECK_HISTORY", kFlyway, field(&S::check_history),
       "check: file with the JSON of info -outputType=json from a target database"},
      {"check.format", "FLYWAY_CHECK_FORMAT", kFlyway, field(&S::check_format),
       "check: output as text, json, github (annotations) or sarif"},
      {"check.descriptionPattern", "FLYWAY_CHECK_DESCRIPTION_PATTERN", kFlyway,
       field(&S::check_description_pattern),
       "check: regular expression new descriptions must match, e.g. [A-Z]+-[0-9]+_.*"},
      {"check.versionScheme", "FLYWAY_CHECK_VERSION_SCHEME", kFlyway,
       field(&S::check_version_scheme),
       "check: sequential:<digits> (fixed padding) or timestamp (yyyyMMddHHmmss)"},
      {"check.failOnWarnings", "FLYWAY_CHECK_FAIL_ON_WARNINGS", kFlyway,
       field(&S::check_fail_on_warnings), "check: exit 1 on warnings too, not only on errors"},

      // Flightpath: runway's own keys, so their variables start with RUNWAY_.
      {"flightpath.enabled", "RUNWAY_FLIGHTPATH_ENABLED", kFlyway, field(&S::flightpath_enabled),
       "Record every migrate, undo, repair and baseline in the run log table"},
      {"flightpath.environment", "RUNWAY_FLIGHTPATH_ENVIRONMENT", kFlyway,
       field(&S::flightpath_environment),
       "Environment label of recorded runs and metrics (default: environment)"},
      {"flightpath.url", "RUNWAY_FLIGHTPATH_URL", kFlyway, field(&S::flightpath_url),
       "Post one anonymised JSON event per run to this URL (2 s timeout)"},
      {"flightpath.table", "RUNWAY_FLIGHTPATH_TABLE", kFlyway, field(&S::flightpath_table),
       "Name of the run log table, beside the history table"},
      {"flightpath.recordCommit", "RUNWAY_FLIGHTPATH_RECORD_COMMIT", kFlyway,
       field(&S::flightpath_record_commit),
       "Record the deployed commit (CI variables, else git rev-parse HEAD)"},
      {"metrics.since", "RUNWAY_METRICS_SINCE", kFlyway, field(&S::metrics_since),
       "metrics: window start, as 90d, 12w, 6m or an ISO date (2024-01-31)"},
      {"metrics.format", "RUNWAY_METRICS_FORMAT", kFlyway, field(&S::metrics_format),
       "metrics: text, json, prometheus or html"},
      {"metrics.output", "RUNWAY_METRICS_OUTPUT", kFlyway, field(&S::metrics_output),
       "metrics: write the report to this file instead of stdout"},
      {"metrics.pushgateway", "RUNWAY_METRICS_PUSHGATEWAY", kFlyway, field(&S::metrics_pushgateway),
       "metrics: also push the Prometheus metrics to this Pushgateway URL"},
      {"metrics.environments", "RUNWAY_METRICS_ENVIRONMENTS", kFlyway,
       field(&S::metrics_environments), "metrics: report these [environments.<name>] side by side"},

      {"environment", "flyway_environment", kFlyway, field(&S::environment),
       "Which [environments.<name>] of flyway.toml to use"},

      // Command line only.
      {"workingDirectory", "", kCli, field(&S::working_directory),
       "Directory that relative locations and config files resolve against"},
      {"configFiles", "FLYWAY_CONFIG_FILES", kCli, NoField{KeyKind::List},
       "Config files to read (.toml or .conf, not both)"},
      {"configFileEncoding", "FLYWAY_CONFIG_FILE_ENCODING", kCli, NoField{KeyKind::String},
       "Encoding of config files (UTF-8 only)"},
      {"outputFile", "", kCli, field(&C::output_file), "Also write the output to this file"},
      {"outputType", "", kCli, bind_output_type, "json: print one JSON document"},
      {"outputLogsInJson", "", kCli, field(&C::logs_in_json),
       "With outputType=json: log lines as JSON on stderr"},
      {"color", "", kCli, check_color, "runway prints no colour (always, never or auto)", kIgnored},
      {"infoSinceDate", "", kCli, field(&C::info_since_date),
       "info: only migrations installed since (dd/MM/yyyy HH:mm)"},
      {"infoUntilDate", "", kCli, field(&C::info_until_date),
       "info: only migrations installed until (dd/MM/yyyy HH:mm)"},
      {"infoSinceVersion", "", kCli, field(&C::info_since_version),
       "info: only migrations from this version"},
      {"infoUntilVersion", "", kCli, field(&C::info_until_version),
       "info: only migrations up to this version"},
      {"infoOfState", "", kCli, field(&C::info_of_state), "info: only migrations in these states"},
      {"migrationIds", "", kCli, field(&C::migration_ids), "info: print only migration ids"},
      {"skipCheckForUpdate", "", kCli, NoField{KeyKind::Bool}, "runway never checks for updates",
       kIgnored},
      {"communityFallback", "", kCli, NoField{KeyKind::Bool},
       "runway has no paid edition to fall back from", kIgnored},

      // Java-only: accepted so existing configurations keep working.
      {"jarDirs", "FLYWAY_JAR_DIRS", kFlyway, NoField{KeyKind::List}, "runway loads no jars",
       kIgnored},
      {"callbacks", "FLYWAY_CALLBACKS", kFlyway, NoField{KeyKind::List},
       "runway runs no Java callbacks (SQL callbacks work)", kIgnored},
      {"resolvers", "FLYWAY_RESOLVERS", kFlyway, NoField{KeyKind::List},
       "runway runs no Java resolvers", kIgnored},
      {"migrationResolvers", "FLYWAY_MIGRATION_RESOLVERS", kFlyway, NoField{KeyKind::List},
       "runway runs no Java resolvers", kIgnored},
      {"skipDefaultResolvers", "FLYWAY_SKIP_DEFAULT_RESOLVERS", kFlyway, NoField{KeyKind::Bool},
       "runway runs no Java resolvers", kIgnored},
      // Flyway reads this key from a variable named ..._DISABLED; kept for compatibility.
      {"communityDBSupportEnabled", "FLYWAY_COMMUNITY_DB_SUPPORT_DISABLED", kFlyway,
       NoField{KeyKind::Bool}, "runway supports its databases natively", kIgnored},

      // Flyway Teams/Enterprise features runway does not implement.
      {"batch", "FLYWAY_BATCH", kFlyway, NoField{KeyKind::Bool}, "Flyway Teams feature", kRejected},
      {"stream", "FLYWAY_STREAM", kFlyway, NoField{KeyKind::Bool}, "Flyway Teams feature",
       kRejected},
      {"errorOverrides", "FLYWAY_ERROR_OVERRIDES", kFlyway, NoField{KeyKind::List},
       "Flyway Teams feature", kRejected},
      {"detectEncoding", "FLYWAY_DETECT_ENCODING", kFlyway, NoField{KeyKind::Bool},
       "Flyway Teams feature", kRejected},
      {"licenseKey", "FLYWAY_LICENSE_KEY", kFlyway, NoField{KeyKind::String},
       "runway needs no license", kRejected, kSecret},
  };
  return keys;
}

bool is_map_entry_of(const ConfigKey& key, std::string_view name) {
  return key.is_map() && name.size() > key.name.size() && name.starts_with(key.name);
}

}  // namespace

KeyKind ConfigKey::kind() const {
  struct KindOf {
    KeyKind operator()(NoField no_field) const { return no_field.kind; }
    KeyKind operator()(CustomBinder) const { return KeyKind::String; }
    KeyKind operator()(const FieldOf<Settings>& f) const {
      return std::visit([](auto member) { return kind_of(member); }, f);
    }
    KeyKind operator()(const FieldOf<CliOptions>& f) const {
      return std::visit([](auto member) { return kind_of(member); }, f);
    }
  };
  return std::visit(KindOf{}, binder);
}

std::span<const ConfigKey> config_keys() {
  return table();
}

const ConfigKey* find_config_key(std::string_view name) {
  for (const ConfigKey& key : table()) {
    bool matches = key.is_map() ? is_map_entry_of(key, name) : key.name == name;
    if (matches) return &key;
  }
  return nullptr;
}

bool holds_secret(std::string_view name) {
  const ConfigKey* key = find_config_key(name);
  if (key == nullptr || !key->secret) return false;
  return !key->is_map() ||
         to_lower(name.substr(key->name.size())).find("password") != std::string::npos;
}

const ConfigKey* find_map_key(std::string_view table) {
  for (const ConfigKey& key : config_keys()) {
    if (key.is_map() && key.name.size() == table.size() + 1 && key.name.starts_with(table)) {
      return &key;
    }
  }
  return nullptr;
}

const ConfigKey* find_config_key_by_env_var(std::string_view variable) {
  for (const ConfigKey& key : table()) {
    if (key.env_var.empty()) continue;
    bool matches = key.is_map()
                       ? variable.size() > key.env_var.size() && variable.starts_with(key.env_var)
                       : variable == key.env_var;
    if (matches) return &key;
  }
  return nullptr;
}

}  // namespace runway
