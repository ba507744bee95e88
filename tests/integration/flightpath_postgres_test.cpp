// The run log on PostgreSQL: created beside the history table in its schema, one row per run,
// a rolled-back failure included, times in UTC whatever the session's TimeZone.
#include <gtest/gtest.h>

#include "support/postgres_test_database.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace runway::test {
namespace {

using testing::run_runway;
using testing::TempDir;

class FlightpathPostgresTest : public PostgresConnectedTest {};

TEST_F(FlightpathPostgresTest, RecordsRunsInTheHistorySchemaInUtc) {
  ASSERT_TRUE(db().execute("ALTER DATABASE \"" + database().name() +
                           "\" SET timezone TO 'America/Los_Angeles'"));
  TempDir dir;
  dir.write("sql/V1__a.sql", "CREATE TABLE a (id INT);\n");
  std::vector<std::string> migrate = {"-url=" + database().url(), "-locations=filesystem:sql",
                                      "-schemas=app", "-flightpath.enabled=true", "migrate"};
  auto first = run_runway(migrate, dir.str(), {{"GITHUB_SHA", "c0ffee"}});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  dir.write("sql/V2__broken.sql", "CREATE TABLE b (id INT);\nINSERT INTO nowhere VALUES (1);\n");
  EXPECT_EQ(run_runway(migrate, dir.str(), {{"GITHUB_SHA", "c0ffee"}}).exit_code, 1);

  auto fresh = connect();  // a session in the new TimeZone
  ASSERT_TRUE(fresh);
  auto runs = fresh->query(
      "SELECT command, outcome, migrations_applied, version_before, version_after, error_code, "
      "commit_sha, abs(EXTRACT(EPOCH FROM (finished_at - (now() AT TIME ZONE 'UTC')))) < 120 "
      "FROM \"app\".\"runway_flightpath_runs\" ORDER BY started_at");
  ASSERT_TRUE(runs) << runs.error().message;
  ASSERT_EQ(runs->rows.size(), 2u);
  using Row = std::vector<SqlValue>;
  EXPECT_EQ(runs->rows[0],
            (Row{"migrate", "success", "1", std::nullopt, "1", std::nullopt, "c0ffee", "t"}));
  EXPECT_EQ(runs->rows[1],
            (Row{"migrate", "failed", "0", "1", "1", "FAILED_VERSIONED_MIGRATION", "c0ffee", "t"}));
  EXPECT_EQ(query_text(*fresh, "SELECT count(*) FROM \"app\".\"flyway_schema_history\""), "2")
      << "schema marker and V1; the failure rolled back";
}

}  // namespace
}  // namespace runway::test
