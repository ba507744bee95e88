#include "support/flightpath_scenario.h"

#include <gtest/gtest.h>

#include "support/run_command.h"

namespace runway::testing {

namespace {

std::string literal(const std::string& text) {
  return "'" + text + "'";
}

struct HistoryRowSpec {
  const char* version;
  const char* description;
  const char* type;
  const char* script;
  UnixMs installed_on;
  const char* installed_by;
  int execution_time;
  bool success;
};

struct RunSpec {
  const char* id;
  const char* command;
  UnixMs finished_at;
  const char* outcome;
  int applied;
  int failed_rows_removed;
  const char* error_code;
};

void git(const TempDir& dir, const std::vector<std::string>& args, UnixMs at = 0) {
  std::vector<std::string> argv = {"/usr/bin/git", "-c", "user.name=flightpath", "-c",
                                   "user.email=flightpath@example.com"};
  argv.insert(argv.end(), args.begin(), args.end());
  std::string date = "@" + std::to_string(at / 1000) + " +0000";
  auto result =
      run_program(argv, dir.str(), {{"GIT_AUTHOR_DATE", date}, {"GIT_COMMITTER_DATE", date}});
  ASSERT_EQ(result.exit_code, 0) << "git failed: " << result.err;
}

}  // namespace

std::vector<std::string> FlightpathScenario::history_inserts(const std::string& table,
                                                             bool postgres) const {
  const HistoryRowSpec rows[] = {
      {"0.9", "old", "SQL", "V0_9__old.sql", now - 120 * kMsPerDay, "ci", 100, true},
      {"1", "one", "SQL", "V1__one.sql", t0, "ci", 100, true},
      {"2", "two", "SQL", "V2__two.sql", t0 + 2 * kMsPerMinute, "ci", 300, true},
      {"3", "three", "SQL", "V3__three.sql", t0 + 7 * kMsPerDay, "ci", 500, true},
      {"3", "three", "UNDO_SQL", "U3__three.sql", t0 + 7 * kMsPerDay + 3 * kMsPerHour, "ci", 50,
       true},
      {"3", "three", "SQL", "V3__three.sql", t0 + 8 * kMsPerDay, "ci", 400, true},
      {"4", "four", "SQL", "V4__four.sql", t0 + 14 * kMsPerDay, "ci", 0, false},
      {"4", "four", "SQL", "V4__four.sql", t0 + 15 * kMsPerDay, "ci", 200, true},
      {"5", "five", "SQL", "V5__five.sql", t0 + 15 * kMsPerDay + 5 * kMsPerMinute, "alice", 700,
       true},
  };
  std::vector<std::string> inserts;
  int rank = 1;
  for (const HistoryRowSpec& r : rows) {
    std::string installed_on = flightpath::format_utc(r.installed_on);
    installed_on = postgres ? "CAST(" + literal(installed_on + "+00") + " AS TIMESTAMPTZ)"
                            : literal(installed_on);
    inserts.push_back("INSERT INTO " + table +
                      " (installed_rank, version, description, type, script, checksum, "
                      "installed_on, installed_by, execution_time, success) VALUES (" +
                      std::to_string(rank++) + ", " + literal(r.version) + ", " +
                      literal(r.description) + ", " + literal(r.type) + ", " + literal(r.script) +
                      ", 0, " + installed_on + ", " + literal(r.installed_by) + ", " +
                      std::to_string(r.execution_time) + ", " + (r.success ? "TRUE" : "FALSE") +
                      ")");
  }
  return inserts;
}

std::vector<std::string> FlightpathScenario::run_log_inserts(const std::string& table) const {
  const RunSpec runs[] = {
      {"a", "migrate", now - 120 * kMsPerDay, "success", 1, 0, ""},
      {"b", "migrate", t0 + 2 * kMsPerMinute, "success", 2, 0, ""},
      {"c", "migrate", t0 + kMsPerDay, "nothing_to_do", 0, 0, ""},
      {"d", "migrate", t0 + 7 * kMsPerDay, "success", 1, 0, ""},
      {"e", "undo", t0 + 7 * kMsPerDay + 3 * kMsPerHour, "success", 1, 0, ""},
      {"f", "migrate", t0 + 8 * kMsPerDay, "success", 1, 0, ""},
      {"g", "migrate", t0 + 10 * kMsPerDay, "failed", 0, 0, "FAILED_VERSIONED_MIGRATION"},
      {"h", "migrate", t0 + 10 * kMsPerDay + 2 * kMsPerHour, "success", 1, 0, ""},
      {"i", "migrate", t0 + 14 * kMsPerDay, "failed", 0, 0, "FAILED_VERSIONED_MIGRATION"},
      {"j", "repair", t0 + 14 * kMsPerDay + kMsPerHour, "success", 0, 1, ""},
      {"k", "migrate", t0 + 15 * kMsPerDay, "success", 1, 0, ""},
      {"l", "baseline", t0 + 16 * kMsPerDay, "nothing_to_do", 0, 0, ""},
      {"m", "undo", t0 + 20 * kMsPerDay, "failed", 0, 0, "ERROR"},
      {"n", "migrate", t0 + 21 * kMsPerDay, "success", 1, 0, ""},
      {"o", "repair", t0 + 21 * kMsPerDay + 30 * kMsPerMinute, "success", 0, 1, ""},
  };
  std::vector<std::string> inserts;
  for (const RunSpec& r : runs) {
    std::string error = *r.error_code ? literal(r.error_code) : "NULL";
    inserts.push_back(
        "INSERT INTO " + table +
        " (run_id, command, started_at, finished_at, outcome, migrations_applied, "
        "failed_rows_removed, version_before, version_after, error_code, runway_version, "
        "environment, commit_sha) VALUES (" +
        literal(std::string("run-") + r.id) + ", " + literal(r.command) + ", " +
        literal(flightpath::format_utc(r.finished_at - 5000)) + ", " +
        literal(flightpath::format_utc(r.finished_at)) + ", " + literal(r.outcome) + ", " +
        std::to_string(r.applied) + ", " + std::to_string(r.failed_rows_removed) +
        ", NULL, NULL, " + error + ", '0.1.0', 'default', NULL)");
  }
  return inserts;
}

void FlightpathScenario::write_and_commit_files(const TempDir& dir) const {
  for (const char* name : {"V0_9__old.sql", "V1__one.sql", "V2__two.sql", "V3__three.sql",
                           "U3__three.sql", "V4__four.sql", "V5__five.sql"}) {
    dir.write(std::string("sql/") + name, std::string("SELECT 1; -- ") + name + "\n");
  }
  git(dir, {"init", "-q"});
  git(dir, {"add", "sql/V0_9__old.sql", "sql/V1__one.sql", "sql/V2__two.sql"});
  git(dir, {"commit", "-q", "-m", "one and two"}, t0 - kMsPerDay);
  git(dir, {"add", "sql/V3__three.sql", "sql/U3__three.sql"});
  git(dir, {"commit", "-q", "-m", "three"}, t0 + 6 * kMsPerDay);
  git(dir, {"add", "sql/V4__four.sql"});
  git(dir, {"commit", "-q", "-m", "four"}, t0 + 13 * kMsPerDay);
  dir.write("sql/V1__one.sql", "SELECT 1; -- changed after it was deployed\n");
  git(dir, {"commit", "-q", "-am", "touch one"}, t0 + 30 * kMsPerDay);
}

}  // namespace runway::testing
