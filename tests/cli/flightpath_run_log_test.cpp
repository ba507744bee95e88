// The run log and run events, end to end on SQLite: runway writes one row per migrate, undo,
// repair and baseline into runway_flightpath_runs, including runs whose migration failed and
// rolled back, and posts an event that a slow or dead endpoint cannot hold up.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "cli/sqlite_fixture.h"
#include "support/http_test_server.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Every CI commit variable runway reads, set empty, so the host's CI cannot leak in.
std::map<std::string, std::string> without_ci_commit() {
  std::map<std::string, std::string> env;
  for (const char* name : {"GITHUB_SHA", "CI_COMMIT_SHA", "BUILDKITE_COMMIT", "GIT_COMMIT",
                           "CIRCLE_SHA1", "TRAVIS_COMMIT", "BITBUCKET_COMMIT", "DRONE_COMMIT_SHA",
                           "BUILD_SOURCEVERSION", "CODEBUILD_RESOLVED_SOURCE_VERSION"}) {
    env[name] = "";
  }
  return env;
}

class FlightpathRunLogTest : public SqliteCliTest {
 protected:
  CommandOutput recorded(std::vector<std::string> args,
                         std::map<std::string, std::string> env = {{"GITHUB_SHA", "abc123"}}) {
    args.insert(args.begin(), {"-url=jdbc:sqlite:" + db(), "-locations=filesystem:sql",
                               "-flightpath.enabled=true"});
    auto environment = without_ci_commit();
    for (auto& [k, v] : env) environment[k] = v;
    return run_runway(args, dir_.str(), environment);
  }
  std::vector<Row> runs() const {
    return sqlite_rows(db(),
                       "SELECT command, outcome, migrations_applied, failed_rows_removed, "
                       "version_before, version_after, error_code, environment, commit_sha, "
                       "runway_version, started_at <= finished_at FROM runway_flightpath_runs "
                       "ORDER BY started_at, rowid");
  }
};

TEST_F(FlightpathRunLogTest, OffUnlessEnabled) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  EXPECT_FALSE(table_exists("runway_flightpath_runs"));
}

TEST_F(FlightpathRunLogTest, RecordsSuccessNothingToDoAndARolledBackFailure) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  migration("V2__b.sql", "CREATE TABLE b (id INT);\n");
  auto first = recorded({"migrate"});
  ASSERT_EQ(first.exit_code, 0) << describe(first);
  ASSERT_EQ(recorded({"migrate"}).exit_code, 0);
  migration("V3__broken.sql", "CREATE TABLE c (id INT);\nINSERT INTO secret_table VALUES (1);\n");
  auto failed = recorded({"migrate"});
  EXPECT_EQ(failed.exit_code, 1) << "the run log must not change the command's outcome";

  auto rows = runs();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (Row{"migrate", "success", "2", "0", std::nullopt, "2", std::nullopt,
                          "default", "abc123", RUNWAY_VERSION, "1"}));
  EXPECT_EQ(rows[1], (Row{"migrate", "nothing_to_do", "0", "0", "2", "2", std::nullopt, "default",
                          "abc123", RUNWAY_VERSION, "1"}));
  EXPECT_EQ(rows[2], (Row{"migrate", "failed", "0", "0", "2", "2", "FAILED_VERSIONED_MIGRATION",
                          "default", "abc123", RUNWAY_VERSION, "1"}));
  EXPECT_EQ(history().size(), 2u) << "the failed migration left no history row";
  EXPECT_FALSE(table_exists("c"));
  // No SQL text, table names from scripts, or user names anywhere in the log.
  for (const Row& row : sqlite_rows(db(), "SELECT * FROM runway_flightpath_runs")) {
    for (const auto& cell : row) EXPECT_THAT(cell.value_or(""), Not(HasSubstr("secret_table")));
  }
}

TEST_F(FlightpathRunLogTest, TimesAreUtcAroundTheRun) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  ASSERT_EQ(recorded({"migrate"}).exit_code, 0);
  // Both within a minute of SQLite's own UTC clock.
  EXPECT_EQ(sqlite_value(db(),
                         "SELECT abs(julianday(started_at) - julianday('now')) < 1.0/1440 "
                         "AND abs(julianday(finished_at) - julianday('now')) < 1.0/1440 "
                         "FROM runway_flightpath_runs"),
            "1");
}

TEST_F(FlightpathRunLogTest, RepairOfAFailedRowAndBaselineAreRecorded) {
  // Outside a transaction a failure leaves a failed row, which repair removes.
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  migration("V2__broken.sql", "INSERT INTO nowhere VALUES (1);\n");
  EXPECT_EQ(recorded({"migrate", "-executeInTransaction=false"}).exit_code, 1);
  ASSERT_EQ(sqlite_value(db(), "SELECT count(*) FROM flyway_schema_history WHERE success = 0"),
            "1");
  auto repair = recorded({"repair"});
  ASSERT_EQ(repair.exit_code, 0) << describe(repair);

  auto rows = runs();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], "migrate");
  EXPECT_EQ(rows[0][1], "failed");
  EXPECT_EQ(rows[0][2], "1") << "V1 was applied before V2 failed";
  EXPECT_EQ(rows[1][0], "repair");
  EXPECT_EQ(rows[1][1], "success");
  EXPECT_EQ(rows[1][3], "1");

  TempDir other;
  other.write("sql/.keep", "");
  auto baseline =
      run_runway({"-url=jdbc:sqlite:" + other.str() + "/b.db", "-flightpath.enabled=true",
                  "-flightpath.environment=prod", "-baselineVersion=5", "baseline"},
                 other.str(), without_ci_commit());
  ASSERT_EQ(baseline.exit_code, 0) << describe(baseline);
  auto logged = sqlite_rows(other.str() + "/b.db",
                            "SELECT command, outcome, version_after, environment FROM "
                            "runway_flightpath_runs");
  EXPECT_EQ(logged, (std::vector<Row>{{"baseline", "success", "5", "prod"}}));
}

TEST_F(FlightpathRunLogTest, UndoIsRecordedAndCountsAsAFailedDeployment) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  migration("V2__b.sql", "CREATE TABLE b (id INT);\n");
  migration("U2__b.sql", "DROP TABLE b;\n");
  ASSERT_EQ(recorded({"migrate"}).exit_code, 0);
  auto undone = recorded({"undo"});
  ASSERT_EQ(undone.exit_code, 0) << describe(undone);
  migration("U1__a.sql", "DROP TABLE missing_table;\n");
  EXPECT_EQ(recorded({"undo"}).exit_code, 1);

  auto rows = runs();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (Row{"undo", "success", "1", "0", "2", "1", std::nullopt, "default", "abc123",
                          RUNWAY_VERSION, "1"}));
  EXPECT_EQ(rows[2][0], "undo");
  EXPECT_EQ(rows[2][1], "failed");
  EXPECT_EQ(rows[2][5], "1");

  // One deployment (V1+V2), undone: a change failure, restored by the undo itself.
  auto metrics = runway({"metrics", "-outputType=json"});
  ASSERT_EQ(metrics.exit_code, 0) << describe(metrics);
  auto m = nlohmann::json::parse(metrics.out)["environments"][0];
  EXPECT_EQ(m["source"], "run_log");
  EXPECT_EQ(m["deployments"], 1);
  EXPECT_EQ(m["failedDeployments"], 1);
  EXPECT_EQ(m["undos"], 1);
  EXPECT_EQ(m["failedRuns"], 1);
  EXPECT_EQ(m["timeToRestore"]["count"], 1);
}

TEST_F(FlightpathRunLogTest, DryRunsAreNotRecorded) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  auto dry = recorded({"migrate", "-dryRunOutput=" + dir_.str() + "/dry.sql"});
  ASSERT_EQ(dry.exit_code, 0) << describe(dry);
  EXPECT_FALSE(table_exists("runway_flightpath_runs"));
}

TEST_F(FlightpathRunLogTest, CommitComesFromGitWhenNoCiVariableIsSet) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  auto git = [&](std::vector<std::string> args) {
    args.insert(args.begin(),
                {"/usr/bin/git", "-c", "user.name=t", "-c", "user.email=t@example.com"});
    return run_program(args, dir_.str());
  };
  ASSERT_EQ(git({"init", "-q"}).exit_code, 0);
  ASSERT_EQ(git({"add", "sql"}).exit_code, 0);
  ASSERT_EQ(git({"commit", "-q", "-m", "first"}).exit_code, 0);
  std::string head = git({"rev-parse", "HEAD"}).out;
  head.pop_back();

  ASSERT_EQ(recorded({"migrate"}, {}).exit_code, 0);
  ASSERT_EQ(recorded({"migrate", "-flightpath.recordCommit=false"}, {}).exit_code, 0);
  auto rows = runs();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][8], head);
  EXPECT_EQ(rows[1][8], std::nullopt);
}

TEST_F(FlightpathRunLogTest, CustomTableName) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  ASSERT_EQ(recorded({"migrate", "-flightpath.table=deploy_log"}).exit_code, 0);
  EXPECT_TRUE(table_exists("deploy_log"));
  EXPECT_FALSE(table_exists("runway_flightpath_runs"));
}

TEST_F(FlightpathRunLogTest, PostsOneAnonymisedEventPerRun) {
  HttpTestServer server;
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  auto result = run_runway(
      {"-url=jdbc:sqlite:" + db(), "-locations=filesystem:sql", "-flightpath.url=" + server.url(),
       "-flightpath.environment=staging", "-user=alice", "migrate"},
      dir_.str(), {{"GITHUB_SHA", "feedbeef"}});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_FALSE(table_exists("runway_flightpath_runs")) << "an event URL alone writes no table";
  auto bodies = server.bodies();
  ASSERT_EQ(bodies.size(), 1u);
  auto event = nlohmann::json::parse(bodies[0]);
  EXPECT_EQ(event["event"], "runway.run");
  EXPECT_EQ(event["command"], "migrate");
  EXPECT_EQ(event["outcome"], "success");
  EXPECT_EQ(event["migrationsApplied"], 1);
  EXPECT_EQ(event["versionAfter"], "1");
  EXPECT_EQ(event["environment"], "staging");
  EXPECT_EQ(event["commit"], "feedbeef");
  EXPECT_EQ(event["runId"].get<std::string>().size(), 36u);
  EXPECT_THAT(bodies[0], Not(HasSubstr("alice")));
  EXPECT_THAT(bodies[0], Not(HasSubstr(db())));
  EXPECT_THAT(bodies[0], Not(HasSubstr("CREATE")));
}

TEST_F(FlightpathRunLogTest, ASlowEndpointCostsAtMostTheTimeout) {
  HttpTestServer slow(std::chrono::seconds(20));
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  auto start = std::chrono::steady_clock::now();
  auto result = recorded({"migrate", "-flightpath.url=" + slow.url()});
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_LT(took, std::chrono::seconds(6)) << "a 2 s timeout, plus runway's own work";
  EXPECT_THAT(result.err, HasSubstr("the run event was not delivered"));
  EXPECT_EQ(history().size(), 1u);
  EXPECT_EQ(runs().size(), 1u) << "the run log is written before the event is sent";
}

TEST_F(FlightpathRunLogTest, ARefusingEndpointDoesNotFailTheMigration) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  auto result = recorded(
      {"migrate", "-flightpath.url=http://127.0.0.1:" + std::to_string(refused_port()) + "/"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("the run event was not delivered"));
  EXPECT_EQ(history().size(), 1u);
}

}  // namespace
}  // namespace runway::testing
