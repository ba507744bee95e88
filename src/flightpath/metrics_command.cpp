// Opens one session per environment, reads, and leaves the arithmetic to flightpath/metrics.
#include "flightpath/metrics_command.h"

#include <spdlog/spdlog.h>

#include <charconv>

#include "commands/session.h"
#include "flightpath/lead_time.h"
#include "flightpath/run_recorder.h"
#include "flightpath/window.h"

namespace runway {

namespace {

using flightpath::HistoryEntry;
using flightpath::UnixMs;

// installed_on as UTC milliseconds; how to get them is the driver's business.
std::string installed_on_ms_sql(const Database& db, const std::string& table) {
  return "SELECT \"installed_rank\", " + db.epoch_milliseconds("\"installed_on\"") + " FROM " +
         table;
}

Result<std::vector<HistoryEntry>> read_history(Session& s) {
  RUNWAY_ASSIGN(rows, s.applied_migrations());
  if (rows->empty()) return std::vector<HistoryEntry>();
  RUNWAY_ASSIGN(times, s.db->query(installed_on_ms_sql(*s.db, s.history->qualified_name())));
  std::map<std::string, UnixMs> installed_on;
  for (const auto& row : times.rows) {
    std::string ms = row[1].value_or("0");
    std::from_chars(ms.data(), ms.data() + ms.size(), installed_on[row[0].value_or("")]);
  }
  std::vector<HistoryEntry> entries;
  for (const AppliedMigration& m : *rows) {
    entries.push_back(HistoryEntry{m.installed_rank, m.type, m.script,
                                   installed_on[std::to_string(m.installed_rank)], m.installed_by,
                                   m.execution_time, m.success});
  }
  return entries;
}

// Commit times keyed by the history's `script` column, via the files found on disk.
std::map<std::string, std::vector<UnixMs>> commit_times_by_script(const Session& s) {
  std::vector<std::string> files;
  std::map<std::string, std::string> script_of;
  for (const ResolvedMigration& m : s.resolved.migrations) {
    if (script_of.emplace(m.absolute_path, m.script).second) files.push_back(m.absolute_path);
  }
  std::map<std::string, std::vector<UnixMs>> by_script;
  for (auto& [file, times] : flightpath::commit_times(files)) {
    by_script.emplace(script_of[file], std::move(times));
  }
  return by_script;
}

Result<flightpath::EnvironmentMetrics> environment_metrics(const Settings& settings, UnixMs now) {
  RUNWAY_ASSIGN(since, flightpath::parse_since(settings.metrics_since, now));
  RUNWAY_ASSIGN(session, open_session(settings));
  flightpath::MetricsInput input;
  input.environment = flightpath::environment_label(settings);
  input.database_type = session->db->product_name();
  input.since = since;
  input.until = now;
  RUNWAY_ASSIGN(history, read_history(*session));
  input.history = std::move(history);
  flightpath::RunLogTable run_log(*session->db, session->default_schema, settings.flightpath_table);
  RUNWAY_ASSIGN(has_run_log, run_log.exists());
  if (has_run_log) {
    RUNWAY_ASSIGN(runs, run_log.read());
    input.run_log = std::move(runs);
  }
  input.commit_times = commit_times_by_script(*session);
  spdlog::info("Flightpath: {} history rows{} for environment {}", input.history.size(),
               input.run_log ? " and " + std::to_string(input.run_log->size()) + " recorded runs"
                             : std::string(" (no run log: deployments grouped from history)"),
               input.environment);
  return flightpath::compute_metrics(input);
}

}  // namespace

Result<flightpath::MetricsResult> metrics(const std::vector<Settings>& environments) {
  flightpath::MetricsResult result;
  result.generated_at = flightpath::now_ms();
  for (const Settings& settings : environments) {
    RUNWAY_ASSIGN(one, environment_metrics(settings, result.generated_at));
    result.environments.push_back(std::move(one));
  }
  return result;
}

}  // namespace runway
