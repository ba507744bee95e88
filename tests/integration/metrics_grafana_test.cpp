// Every panel of examples/grafana/dashboards/runway-flightpath.json runs against a real
// PostgreSQL database that runway migrated with the run log on, and returns the columns the
// panel expects.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>

#include "support/postgres_test_database.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace runway::test {
namespace {

using testing::run_runway;
using testing::TempDir;

const std::map<std::string, std::vector<std::string>> kExpectedColumns = {
    {"Deployments per week", {"time", "deployments", "failed"}},
    {"Change failure rate (failed runs)", {"change_failure_rate_percent"}},
    {"Undos and repairs of failed rows", {"undos", "repairs"}},
    {"Time to restore", {"failed_at", "restored_at", "hours_to_restore"}},
    {"Migration duration per week (ms)", {"time", "p50_ms", "p90_ms", "max_ms"}},
    {"Recent runs",
     {"time", "command", "outcome", "migrations_applied", "version_before", "version_after",
      "error_code", "environment", "commit_sha"}},
    {"Applied migrations",
     {"installed_rank", "version", "description", "type", "installed_on", "execution_time",
      "success"}},
};

// Grafana's $__timeFilter(column), as Grafana expands it for the last 90 days.
std::string expand_macros(const std::string& sql) {
  static const std::regex time_filter(R"(\$__timeFilter\(([^)]+)\))");
  return std::regex_replace(sql, time_filter,
                            "$1 BETWEEN now() - interval '90 days' AND now() + interval '1 day'");
}

class GrafanaDashboardTest : public PostgresTest {};

TEST_F(GrafanaDashboardTest, EveryPanelQueryRunsAndReturnsItsColumns) {
  TempDir dir;
  dir.write("sql/V1__a.sql", "CREATE TABLE a (id INT);\n");
  dir.write("sql/V2__b.sql", "CREATE TABLE b (id INT);\n");
  std::vector<std::string> migrate = {"-url=" + database().url(), "-locations=filesystem:sql",
                                      "-flightpath.enabled=true", "migrate"};
  ASSERT_EQ(run_runway(migrate, dir.str()).exit_code, 0);
  dir.write("sql/V3__broken.sql", "INSERT INTO nowhere VALUES (1);\n");
  ASSERT_EQ(run_runway(migrate, dir.str()).exit_code, 1);  // a failed run, for the failure panels
  std::filesystem::remove(dir.path() / "sql/V3__broken.sql");
  dir.write("sql/V3__fixed.sql", "CREATE TABLE c (id INT);\n");
  ASSERT_EQ(run_runway(migrate, dir.str()).exit_code, 0);

  std::ifstream file(std::string(RUNWAY_SOURCE_DIR) +
                     "/examples/grafana/dashboards/runway-flightpath.json");
  nlohmann::json dashboard = nlohmann::json::parse(file);
  auto db = connect();
  ASSERT_TRUE(db);
  std::size_t checked = 0;
  for (const auto& panel : dashboard["panels"]) {
    std::string title = panel["title"];
    ASSERT_TRUE(kExpectedColumns.contains(title)) << "no expected columns for panel " << title;
    for (const auto& target : panel["targets"]) {
      auto result = db->query(expand_macros(target["rawSql"]));
      ASSERT_TRUE(result) << title << ": " << result.error().message;
      EXPECT_EQ(result->columns, kExpectedColumns.at(title)) << title;
      EXPECT_FALSE(result->rows.empty()) << title << " shows nothing after three runs";
      ++checked;
    }
  }
  EXPECT_EQ(checked, kExpectedColumns.size());

  // The failed run is in the time-to-restore panel, restored by the third run.
  auto restores = db->query(expand_macros(dashboard["panels"][3]["targets"][0]["rawSql"]));
  ASSERT_TRUE(restores);
  ASSERT_EQ(restores->rows.size(), 1u);
  EXPECT_TRUE(restores->rows[0][1].has_value());
}

}  // namespace
}  // namespace runway::test
