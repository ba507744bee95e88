// Several migrators on one database at once (spec 8.3): runway processes started together
// apply each migration exactly once, and a Flyway process holding the advisory lock makes
// runway wait its turn.
#include <gmock/gmock.h>

#include <chrono>
#include <thread>

#include "cli/postgres_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;

TEST_F(PostgresCliTest, FourProcessesApplyEachMigrationOnce) {
  migration("V1__runs.sql", "CREATE TABLE runs (migration TEXT, backend INT);\n");
  for (int v = 2; v <= 12; ++v) {
    std::string sleep = v % 3 == 0 ? "SELECT pg_sleep(0.2);\n" : "";
    migration("V" + std::to_string(v) + "__step.sql",
              sleep + "INSERT INTO runs VALUES ('" + std::to_string(v) + "', pg_backend_pid());\n");
  }
  migration("V13__index.sql", "CREATE INDEX CONCURRENTLY runs_migration ON runs (migration);\n");
  migration("V14__after_index.sql", "INSERT INTO runs VALUES ('14', pg_backend_pid());\n");
  migration("R__view.sql",
            "CREATE OR REPLACE VIEW run_count AS SELECT count(*) AS n FROM runs;\n"
            "INSERT INTO runs VALUES ('R', pg_backend_pid());\n");

  auto outputs = run_runway_concurrently(
      4, {"-url=" + url(), "-locations=filesystem:sql", "migrate", "-lockRetryCount=60"},
      dir_.str());
  int applied_total = 0;
  for (const CommandOutput& output : outputs) {
    EXPECT_EQ(output.exit_code, 0) << describe(output);
    for (std::size_t pos = 0; (pos = output.err.find("Migrating schema", pos)) != std::string::npos;
         ++pos) {
      ++applied_total;
    }
  }
  EXPECT_EQ(applied_total, 15) << "every migration applied by exactly one of the processes";
  EXPECT_EQ(value("SELECT count(*) FROM flyway_schema_history"), "15");
  EXPECT_EQ(value("SELECT count(*) FROM (SELECT version, description FROM flyway_schema_history"
                  " GROUP BY version, description HAVING count(*) > 1) AS twice"),
            "0");
  EXPECT_EQ(value("SELECT count(*) FROM runs"), "13");
  EXPECT_EQ(value("SELECT count(DISTINCT migration) FROM runs"), "13");
  EXPECT_EQ(value("SELECT bool_and(success)::text FROM flyway_schema_history"), "true");
  EXPECT_EQ(value("SELECT string_agg(installed_rank::text, ',' ORDER BY installed_rank)"
                  " FROM flyway_schema_history"),
            "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15");
}

// With a managed schema each migration also sets the search_path, sent with the lock attempt
// and the history read; every migration must still land in that schema exactly once.
TEST_F(PostgresCliTest, FourProcessesWithAManagedSchemaApplyEachMigrationOnceInIt) {
  migration("V1__runs.sql", "CREATE TABLE runs (migration TEXT, backend INT);\n");
  for (int v = 2; v <= 9; ++v) {
    std::string sleep = v % 3 == 0 ? "SELECT pg_sleep(0.2);\n" : "";
    migration("V" + std::to_string(v) + "__step.sql",
              sleep + "INSERT INTO runs VALUES ('" + std::to_string(v) + "', pg_backend_pid());\n");
  }
  ASSERT_TRUE(db().execute("CREATE SCHEMA app"));
  auto outputs = run_runway_concurrently(4,
                                         {"-url=" + url(), "-locations=filesystem:sql", "migrate",
                                          "-schemas=app", "-lockRetryCount=60"},
                                         dir_.str());
  for (const CommandOutput& output : outputs) EXPECT_EQ(output.exit_code, 0) << describe(output);
  EXPECT_EQ(value("SELECT count(*) FROM app.flyway_schema_history"), "9");
  EXPECT_EQ(value("SELECT count(DISTINCT migration) FROM app.runs"), "8");
  EXPECT_EQ(value("SELECT count(*) FROM app.runs"), "8");
  EXPECT_FALSE(relation_exists("public.runs"));
}

// Flyway takes pg_advisory_xact_lock on its own connection with the same key; runway must
// wait for it (lockRetryCount) and then proceed.
TEST_F(PostgresCliTest, WaitsForAFlywayLockThenProceeds) {
  migration("V1__t.sql", "CREATE TABLE t (x INT);\n");
  ASSERT_TRUE(db().begin());
  ASSERT_EQ(value(std::string("SELECT pg_try_advisory_xact_lock(") + kFlywayLockKey + ")::text"),
            "true");

  auto started = std::chrono::steady_clock::now();
  StartedCommand waiting = start_runway(
      {"-url=" + url(), "-locations=filesystem:sql", "migrate", "-lockRetryCount=30"}, dir_.str());
  std::this_thread::sleep_for(std::chrono::seconds(3));
  // The history table itself is created under the lock, so nothing exists yet.
  EXPECT_FALSE(relation_exists("public.flyway_schema_history"));
  ASSERT_TRUE(db().commit());

  CommandOutput output = waiting.wait();
  ASSERT_EQ(output.exit_code, 0) << describe(output);
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
  EXPECT_TRUE(relation_exists("public.t"));
  EXPECT_EQ(history().size(), 1u);
}

TEST_F(PostgresCliTest, GivesUpAfterLockRetryCountNamingTheHolder) {
  migration("V1__t.sql", "CREATE TABLE t (x INT);\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  migration("V2__u.sql", "CREATE TABLE u (x INT);\n");
  const std::string holder_pid = value("SELECT pg_backend_pid()::text");
  ASSERT_EQ(value(std::string("SELECT pg_try_advisory_lock(") + kFlywayLockKey + ")::text"),
            "true");

  auto output = runway({"migrate", "-lockRetryCount=1"});
  EXPECT_EQ(output.exit_code, 1) << describe(output);
  EXPECT_THAT(
      output.err,
      HasSubstr("Number of retries exceeded while attempting to acquire PostgreSQL advisory lock"));
  EXPECT_THAT(output.err, HasSubstr("The advisory lock " + std::string(kFlywayLockKey) +
                                    " is held by:\n  pid " + holder_pid));
  EXPECT_FALSE(relation_exists("public.u"));
  EXPECT_EQ(history().size(), 1u);
}

}  // namespace
}  // namespace runway::testing
