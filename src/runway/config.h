// The effective configuration of one runway invocation. Filled from four sources (command
// line, FLYWAY_* environment, flyway.conf / flyway.toml files, defaults) by one table of keys
// (src/core/config_keys.cpp) that also drives --help and docs/configuration.md.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "runway/error.h"

namespace runway {

// Every setting a migration run can use, with Flyway's defaults (spec 0.1).
struct Settings {
  // Connection (TOML: [environments.<name>]).
  std::string url;
  std::string user;
  std::string password;  // never printed; see redact_url() and mask_secrets()
  std::string driver;    // accepted for compatibility; runway picks the driver from the URL
  std::vector<std::string> schemas;
  int connect_retries = 0;
  int connect_retries_interval = 120;
  std::string init_sql;
  std::map<std::string, std::string> jdbc_properties;

  // History table.
  std::string default_schema;
  std::string table = "flyway_schema_history";
  std::string tablespace;

  // Discovery and naming.
  std::vector<std::string> locations;  // empty: the CLI default (<workingDirectory>/sql)
  std::vector<std::string> callback_locations;
  // Both as Flyway names them to a user (info's settings table): sorted, relative paths made
  // absolute only against workingDirectory. Filled by the loader.
  std::vector<std::string> location_labels;
  std::vector<std::string> callback_location_labels;
  bool fail_on_missing_locations = false;
  std::string sql_migration_prefix = "V";
  std::string repeatable_sql_migration_prefix = "R";
  std::string baseline_migration_prefix = "B";
  std::string undo_sql_migration_prefix = "U";
  std::string sql_migration_separator = "__";
  std::vector<std::string> sql_migration_suffixes = {".sql"};
  bool validate_migration_naming = false;
  std::string encoding = "UTF-8";

  // Placeholders (names lower-cased; spec 7.8).
  bool placeholder_replacement = true;
  std::string placeholder_prefix = "${";
  std::string placeholder_suffix = "}";
  std::string placeholder_separator = ":";
  std::map<std::string, std::string> placeholders;

  // Migrate and validate behaviour.
  std::string target = "latest";
  bool out_of_order = false;
  bool validate_on_migrate = true;
  std::vector<std::string> ignore_migration_patterns = {"*:future"};
  std::string baseline_version = "1";
  std::string baseline_description = "<< Flyway Baseline >>";
  bool baseline_on_migrate = false;
  bool clean_disabled = true;
  bool create_schemas = true;
  bool mixed = false;
  bool group = false;
  bool execute_in_transaction = true;
  std::string installed_by;  // empty: the database user
  int lock_retry_count = 50;
  bool output_query_results = true;
  bool skip_executing_migrations = false;
  bool skip_default_callbacks = false;
  // runway's opt-in: a failed validate exits 1 in JSON mode too (Flyway exits 0 there).
  bool validate_strict_json = false;

  // What Flyway sells and runway gives away.
  std::vector<std::string> cherry_pick;
  std::string dry_run_output;  // file path, or "-" for stdout

  // Flightpath (docs/flightpath.md): the opt-in run log, run events and `runway metrics`.
  bool flightpath_enabled = false;
  std::string flightpath_environment;  // label recorded with each run; empty: `environment`
  std::string flightpath_url;          // where each run's anonymised event is posted
  std::string flightpath_table = "runway_flightpath_runs";
  bool flightpath_record_commit = true;  // CI variables, then `git rev-parse HEAD`
  std::string metrics_since = "90d";
  std::string metrics_format = "text";            // text, json, prometheus, html
  std::string metrics_output;                     // file; empty: stdout
  std::string metrics_pushgateway;                // Pushgateway base URL
  std::vector<std::string> metrics_environments;  // [environments.<name>] to report side by side

  // `runway check`: offline review of a migration folder (docs/check.md).
  std::string check_base;             // git revision to compare with, e.g. origin/main
  std::string check_history;          // file holding `info -outputType=json` of a target database
  std::string check_format = "text";  // text, json, github or sarif
  std::string check_description_pattern;  // regular expression for new descriptions
  std::string check_version_scheme;       // sequential:<digits> or timestamp
  bool check_fail_on_warnings = false;

  std::string environment = "default";
  // Directory relative locations and config files resolve against; empty: process CWD.
  std::string working_directory;

  // Every secret the configuration sources hold, of every environment (not only the selected
  // one: `metrics` opens several), so mask_secrets() hides them all. Filled by the loader.
  std::vector<std::string> secrets;
};

// Options that exist only on the command line (spec 7.5).
struct CliOptions {
  std::vector<std::string> commands;  // in the order given
  bool debug = false;                 // -X
  bool quiet = false;                 // -q
  bool help = false;                  // -h, --help, -?, or the `help` command
  bool version = false;               // -v, --version
  bool json = false;                  // -outputType=json
  bool logs_in_json = false;          // -outputLogsInJson=true
  std::string output_file;            // -outputFile
  // info filters
  std::string info_since_date, info_until_date;
  std::string info_since_version, info_until_version;
  std::vector<std::string> info_of_state;
  bool migration_ids = false;
};

struct Configuration {
  Settings settings;
  CliOptions cli;
  std::vector<std::string> warnings;  // e.g. a named config file that does not exist
  std::vector<std::string> notes;     // for -X: e.g. Java-only keys that were ignored
};

// Flyway's command line (spec 7.5) as src/cli/ parses it: commands, flags and -key=value
// settings in any order. What the settings mean is the key table's business.
struct ParsedArguments {
  std::vector<std::string> commands;  // in the order given; `help` is not one (see help)
  bool debug = false;                 // -X
  bool quiet = false;                 // -q
  bool help = false;                  // -h, -?, --help, or the help command
  bool version = false;               // -v, --version
  std::vector<std::pair<std::string, std::string>> settings;  // -key=value, in the order given
};

// Where configuration comes from; injected so tests control every source.
struct ConfigSources {
  ParsedArguments command_line;                    // argv[1..], parsed by src/cli/
  std::map<std::string, std::string> environment;  // the process environment
  std::string current_directory;                   // the process CWD
  std::string install_directory;                   // the directory of the executable
  std::string home_directory;                      // $HOME, may be empty
};

// Reads the files and environment, applies Flyway's precedence (command line > environment >
// files > defaults) and validates every value. `environment`, when given, is selected as a
// last -environment=<name> on the command line would be: how `metrics` loads each of
// -metrics.environments from the same sources.
Result<Configuration> load_configuration(
    const ConfigSources& sources, const std::optional<std::string>& environment = std::nullopt);

// `text` with every configured secret (passwords of every environment, password-like
// jdbcProperties, passwords inside URLs) replaced by ********. Masks anywhere in the text, so
// a short password over-masks: fine for log lines and text, not for structured output.
std::string mask_secrets(std::string_view text, const Settings& settings);

// Every secret mask_secrets() hides, longest first.
std::vector<std::string> secrets_of(const Settings& settings);

// The URL with any password replaced by ********, for logs, errors and JSON.
std::string redact_url(std::string_view url);

// The password of a URL's `user:password@` before its host, or "" when it has none. The
// credentials run to the last '@' before the query, so a password holding '/' or '@' is found
// whole, where redact_url (which reads an authority as a URL parser does) would stop early.
std::string_view userinfo_password(std::string_view url);

}  // namespace runway
