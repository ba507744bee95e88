// Everything a command needs once: the connection, the schemas, the history table, the
// placeholder values and the migrations found on disk (spec 5.0 steps 1-4).
#pragma once

#include <chrono>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "db/history_table.h"
#include "runway/config.h"
#include "runway/driver.h"
#include "runway/placeholders.h"
#include "runway/results.h"
#include "runway/scan.h"

namespace runway {

struct Session {
  const Settings& settings;
  std::unique_ptr<Database> db;
  std::string default_schema;
  std::vector<std::string> schemas;  // managed schemas, the default one first
  std::unique_ptr<HistoryTable> history;
  PlaceholderValues placeholders;
  ResolvedSet resolved;
  std::string database_name;
  // The search path a migration runs with, when -defaultSchema or -schemas name a schema the
  // connection's own search path does not start with; empty otherwise, and on engines without
  // a search path (Database::search_path_starting_with).
  std::string migration_search_path;
  bool default_schema_exists = false;  // known to exist, so use_default_schema need not ask
  // The last small script read whole, for its next pass (open_script_text).
  std::string last_script_path = {};
  std::shared_ptr<const std::string> last_script_text = {};

  CommonResult common() const;
  SplitterOptions splitter_options() const { return {db->major_version()}; }
  // The history rows, or none when the table does not exist yet. Valid until the next read
  // or write of the history.
  Result<const std::vector<AppliedMigration>*> applied_migrations();
  // Before each migration (spec 5.4.1): puts the default schema first in the search_path
  // again, since the previous migration may have changed it. A no-op unless
  // migration_search_path is set, or while the default schema does not exist yet.
  Result<void> use_default_schema();
};

// How a server notice is logged (spec 9.5): `DB: <message>` at INFO for SQL state 00000,
// else a warning naming the state.
void log_notice(const DbNotice& notice);

// With `dry_run_output` (the CLI's stream for -dryRunOutput), the session reads the real
// database and writes every change to that stream as SQL instead (docs/dry-runs.md).
Result<std::unique_ptr<Session>> open_session(const Settings& settings,
                                              std::ostream* dry_run_output = nullptr);

// Flyway's duration format: mm:ss.SSSs.
std::string format_duration(long milliseconds);

// Wall-clock time since construction, for execution times and log lines.
class Stopwatch {
 public:
  int elapsed_ms() const {
    return static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::steady_clock::now() - start_)
                                .count());
  }
  std::string formatted() const { return format_duration(elapsed_ms()); }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

}  // namespace runway
