// `runway metrics` on the hand-checked scenario of support/flightpath_scenario.h, on SQLite
// and PostgreSQL, with and without the run log. The expected numbers are worked out here.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/flightpath_scenario.h"
#include "support/postgres_test_database.h"
#include "support/run_command.h"

namespace runway::testing {
namespace {

using nlohmann::json;

constexpr std::int64_t kMinute = 60'000, kHour = 60 * kMinute, kDay = 24 * kHour;

void expect_stats(const json& stats, int count, std::int64_t median, std::int64_t p90,
                  std::int64_t max) {
  EXPECT_EQ(stats["count"], count) << stats;
  EXPECT_EQ(stats["medianMs"], median) << stats;
  EXPECT_EQ(stats["p90Ms"], p90) << stats;
  EXPECT_EQ(stats["maxMs"], max) << stats;
}

// Shared by both sources: lead times and durations come from history rows and git.
void expect_history_based_numbers(const json& m) {
  // Lead times: V1 at T0 from the T0-1d commit (the later edit was not deployed): 1d; V2 at
  // T0+2m: 1d 2m; V3 at T0+7d from T0+6d: 1d; V3 again at T0+8d: 2d; V4 at T0+15d from
  // T0+13d: 2d; V5 was never committed. Sorted 1d, 1d, 1d2m, 2d, 2d.
  expect_stats(m["leadTime"], 5, kDay + 2 * kMinute, 2 * kDay, 2 * kDay);
  EXPECT_EQ(m["leadTimeUnknown"], 1);
  // Durations of the six successful forward rows in the window: 100 300 500 400 200 700.
  expect_stats(m["migrationDuration"], 6, 350, 700, 700);
}

// Without a run log, the history is grouped: D1 {V1,V2}, D2 V3 (undone), D3 V3, D4 V4
// (failed row), D5 V4, D6 V5 (alice). 2 of 6 failed. Restores: D2 by the undo 3 h later,
// D4 by D5 1 day later. 6 deployments in 90 days: 0.467/week, at least monthly: medium.
void expect_history_only(const json& m) {
  EXPECT_EQ(m["source"], "history");
  EXPECT_EQ(m["deployments"], 6);
  EXPECT_EQ(m["failedDeployments"], 2);
  EXPECT_EQ(m["failedRuns"], 1);
  EXPECT_EQ(m["undos"], 1);
  EXPECT_EQ(m["repairs"], 0);
  EXPECT_NEAR(m["changeFailureRate"].get<double>(), 2.0 / 6, 1e-9);
  EXPECT_NEAR(m["deploymentsPerWeek"].get<double>(), 6 * 7 / 90.0, 1e-3);
  EXPECT_EQ(m["deploymentFrequencyBand"], "medium");
  expect_stats(m["timeToRestore"], 2, (3 * kHour + kDay) / 2, kDay, kDay);
  EXPECT_EQ(m["unrestoredIncidents"], 0);
  expect_history_based_numbers(m);
}

// With the run log: deployments b d f g h i k n (8); failed: d undone, g failed, i failed,
// n repaired (4). Restores: d->e 3 h, g->h 2 h, i->k 1 d; n is still open. Failed runs g,
// i, m; one undo (e); two repairs of failed rows (j, o). 8 in 90 days: medium.
void expect_run_log(const json& m) {
  EXPECT_EQ(m["source"], "run_log");
  EXPECT_EQ(m["deployments"], 8);
  EXPECT_EQ(m["failedDeployments"], 4);
  EXPECT_EQ(m["failedRuns"], 3);
  EXPECT_EQ(m["undos"], 1);
  EXPECT_EQ(m["repairs"], 2);
  EXPECT_NEAR(m["changeFailureRate"].get<double>(), 0.5, 1e-9);
  EXPECT_NEAR(m["deploymentsPerWeek"].get<double>(), 8 * 7 / 90.0, 1e-3);
  EXPECT_EQ(m["deploymentFrequencyBand"], "medium");
  expect_stats(m["timeToRestore"], 3, 3 * kHour, kDay, kDay);
  EXPECT_EQ(m["unrestoredIncidents"], 1);
  expect_history_based_numbers(m);
}

// The engine-specific parts: where the database is and how the test writes rows into it.
class MetricsScenario {
 public:
  virtual ~MetricsScenario() = default;

 protected:
  virtual std::string url() const = 0;
  virtual bool postgres() const = 0;
  virtual std::string qualified(const std::string& table) const = 0;
  virtual void execute(const std::vector<std::string>& statements) = 0;

  // Creates the tables through runway, writes the scenario, and returns runway's JSON for
  // the one environment.
  json metrics_of_scenario(bool with_run_log) {
    scenario_.write_and_commit_files(dir_);
    dir_.write("empty/.keep", "");
    std::vector<std::string> create = {"-url=" + url(), "-locations=filesystem:empty", "migrate"};
    if (with_run_log) create.push_back("-flightpath.enabled=true");
    auto created = run_runway(create, dir_.str());
    EXPECT_EQ(created.exit_code, 0) << created.err;
    execute(scenario_.history_inserts(qualified("flyway_schema_history"), postgres()));
    if (with_run_log) execute(scenario_.run_log_inserts(qualified("runway_flightpath_runs")));
    auto result = run_runway(
        {"-url=" + url(), "-locations=filesystem:sql", "metrics", "-outputType=json"}, dir_.str());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    json doc = json::parse(result.out);
    EXPECT_EQ(doc["operation"], "metrics");
    EXPECT_EQ(doc["environments"].size(), 1u);
    return doc["environments"][0];
  }

  TempDir dir_;
  FlightpathScenario scenario_;
};

class SqliteMetricsTest : public ::testing::Test, public MetricsScenario {
 protected:
  std::string url() const override { return "jdbc:sqlite:" + dir_.str() + "/app.db"; }
  bool postgres() const override { return false; }
  std::string qualified(const std::string& table) const override { return "\"" + table + "\""; }
  void execute(const std::vector<std::string>& statements) override {
    std::string script;
    for (const std::string& s : statements) script += s + ";\n";
    auto result = run_program({"/usr/bin/sqlite3", dir_.str() + "/app.db"}, dir_.str(), {}, script);
    ASSERT_EQ(result.exit_code, 0) << result.err;
  }
};

TEST_F(SqliteMetricsTest, FromHistoryRowsAlone) {
  expect_history_only(metrics_of_scenario(false));
}
TEST_F(SqliteMetricsTest, FromTheRunLog) {
  expect_run_log(metrics_of_scenario(true));
}

class PostgresMetricsTest : public test::PostgresTest, public MetricsScenario {
 protected:
  void SetUp() override {
    PostgresTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    // A zone far from UTC: installed_on is stored in local time and must be read back as an
    // instant. Sessions opened from now on use it: runway's and the one writing rows.
    auto db = connect();
    ASSERT_TRUE(db);
    ASSERT_TRUE(
        db->execute("ALTER DATABASE \"" + database().name() + "\" SET timezone TO 'Asia/Tokyo'"));
  }
  std::string url() const override { return database().url(); }
  bool postgres() const override { return true; }
  std::string qualified(const std::string& table) const override {
    return "\"public\".\"" + table + "\"";
  }
  void execute(const std::vector<std::string>& statements) override {
    auto db = connect();
    ASSERT_TRUE(db);
    for (const std::string& s : statements) {
      auto done = db->execute(s);
      ASSERT_TRUE(done) << s << ": " << done.error().message;
    }
  }
};

TEST_F(PostgresMetricsTest, FromHistoryRowsAlone) {
  expect_history_only(metrics_of_scenario(false));
}
TEST_F(PostgresMetricsTest, FromTheRunLog) {
  expect_run_log(metrics_of_scenario(true));
}

TEST_F(SqliteMetricsTest, TextTableShowsEveryMetric) {
  metrics_of_scenario(false);
  auto result = run_runway({"-url=" + url(), "-locations=filesystem:sql", "metrics"}, dir_.str());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  for (const char* expected : {"| Metric ", "| default ", "Deployment frequency",
                               "0.47/week (medium)", "Change failure rate", "33.3% (2/6)",
                               "Time to restore", "13 h 30 min / 1.0 d / 1.0 d (n=2)", "Lead time",
                               "1 not in git", "350 ms / 700 ms / 700 ms (n=6)"}) {
    EXPECT_NE(result.out.find(expected), std::string::npos) << expected << "\n" << result.out;
  }
}

TEST_F(SqliteMetricsTest, WindowExcludesOlderDeployments) {
  metrics_of_scenario(false);
  // 50 days back from now is T0+10d: only D4 (failed), D5 and D6 remain.
  auto result = run_runway({"-url=" + url(), "-locations=filesystem:sql", "metrics",
                            "-metrics.since=50d", "-outputType=json"},
                           dir_.str());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  json m = json::parse(result.out)["environments"][0];
  EXPECT_EQ(m["deployments"], 3);
  EXPECT_EQ(m["failedDeployments"], 1);
  EXPECT_EQ(m["deploymentFrequencyBand"], "medium");  // 3 in 50 days
}

TEST_F(SqliteMetricsTest, BadOptionsAreClearErrors) {
  dir_.write("sql/.keep", "");
  auto since = run_runway({"-url=" + url(), "metrics", "-metrics.since=soon"}, dir_.str());
  EXPECT_EQ(since.exit_code, 1);
  EXPECT_NE(since.err.find("Invalid metrics.since 'soon'"), std::string::npos) << since.err;
  auto format = run_runway({"-url=" + url(), "metrics", "-metrics.format=pdf"}, dir_.str());
  EXPECT_EQ(format.exit_code, 1);
  EXPECT_NE(format.err.find("Invalid metrics.format 'pdf'"), std::string::npos) << format.err;
}

TEST(MetricsEnvironments, SideBySideFromFlywayToml) {
  TempDir dir;
  dir.write("sql/V1__a.sql", "CREATE TABLE a (id INT);\n");
  dir.write("sql/V2__b.sql", "CREATE TABLE b (id INT);\n");
  dir.write("flyway.toml",
            "[environments.dev]\nurl = \"jdbc:sqlite:dev.db\"\n"
            "[environments.prod]\nurl = \"jdbc:sqlite:prod.db\"\n"
            "[flyway]\nlocations = [\"filesystem:sql\"]\n");
  for (const char* env : {"dev", "prod"}) {
    auto migrated = run_runway(
        {"-environment=" + std::string(env), "migrate", "-flightpath.enabled=true"}, dir.str());
    ASSERT_EQ(migrated.exit_code, 0) << migrated.err;
  }
  dir.write("sql/V3__c.sql", "CREATE TABLE c (id INT);\n");
  ASSERT_EQ(
      run_runway({"-environment=dev", "migrate", "-flightpath.enabled=true"}, dir.str()).exit_code,
      0);

  auto result =
      run_runway({"metrics", "-metrics.environments=dev,prod", "-outputType=json"}, dir.str());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  json envs = json::parse(result.out)["environments"];
  ASSERT_EQ(envs.size(), 2u);
  EXPECT_EQ(envs[0]["environment"], "dev");
  EXPECT_EQ(envs[0]["deployments"], 2);
  EXPECT_EQ(envs[0]["source"], "run_log");
  EXPECT_EQ(envs[1]["environment"], "prod");
  EXPECT_EQ(envs[1]["deployments"], 1);

  auto unknown = run_runway({"metrics", "-metrics.environments=dev,qa"}, dir.str());
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("Environment 'qa' not found"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace runway::testing
