// The migration lock and the callback order around it on PostgreSQL, where the lock is a
// real advisory lock: every command that creates the history table takes it, and a failure
// never leaves it held (spec 5.3, 5.5, 8.3).
#include <gmock/gmock.h>

#include "cli/postgres_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;

TEST_F(PostgresCliTest, FailedNonTransactionalHistoryTableCreationReleasesTheLock) {
  migration("V1__t.sql", "CREATE TABLE t (x INT);\n");
  // Runs on runway's connection after the failure: counts the advisory locks it still holds.
  migration("afterMigrateOperationFinish.sql",
            "CREATE TABLE public.lock_probe AS SELECT count(*)::int AS held FROM pg_locks "
            "WHERE locktype = 'advisory' AND pid = pg_backend_pid();\n");
  auto output = runway({"migrate", "-executeInTransaction=false", "-tablespace=no_such_space"});
  EXPECT_EQ(output.exit_code, 1) << describe(output);
  EXPECT_THAT(output.err, HasSubstr("no_such_space"));
  ASSERT_TRUE(relation_exists("public.lock_probe")) << describe(output);
  EXPECT_EQ(value("SELECT held::text FROM public.lock_probe"), "0");
}

TEST_F(PostgresCliTest, BaselineCreatesTheHistoryTableUnderTheLock) {
  ASSERT_EQ(value(std::string("SELECT pg_try_advisory_lock(") + kFlywayLockKey + ")::text"),
            "true");
  auto output = runway({"baseline", "-lockRetryCount=1"});
  EXPECT_EQ(output.exit_code, 1) << describe(output);
  EXPECT_THAT(
      output.err,
      HasSubstr("Number of retries exceeded while attempting to acquire PostgreSQL advisory lock"));
  EXPECT_FALSE(relation_exists("public.flyway_schema_history"));

  ASSERT_EQ(value(std::string("SELECT pg_advisory_unlock(") + kFlywayLockKey + ")::text"), "true");
  auto baselined = runway({"baseline"});
  ASSERT_EQ(baselined.exit_code, 0) << describe(baselined);
  EXPECT_EQ(history().size(), 1u);
}

TEST_F(PostgresCliTest, BaselineCreatesMissingSchemasBeforeBeforeBaseline) {
  migration("beforeBaseline.sql", "CREATE TABLE app.made_by_callback (id INT);\n");
  auto output = runway({"baseline", "-schemas=app"});
  ASSERT_EQ(output.exit_code, 0) << describe(output);
  EXPECT_TRUE(relation_exists("app.made_by_callback"));
  auto rows = history("\"app\".\"flyway_schema_history\"");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][0], "1");
  EXPECT_EQ(rows[0][3], "BASELINE");
  EXPECT_EQ(rows[1][0], "2");
  EXPECT_EQ(rows[1][3], "SCHEMA");
}

TEST_F(PostgresCliTest, ValidateOfAMissingSchemaFiresNoCallbacks) {
  migration("V1__t.sql", "CREATE TABLE t (x INT);\n");
  for (const char* event : {"beforeValidate", "afterValidate", "afterValidateError"}) {
    migration(std::string(event) + ".sql",
              "CREATE TABLE IF NOT EXISTS public.callback_ran (id INT);\n");
  }
  auto output = runway({"validate", "-schemas=missing"});
  EXPECT_EQ(output.exit_code, 1) << describe(output);
  EXPECT_THAT(output.err, HasSubstr("Schema \"missing\" doesn't exist yet"));
  EXPECT_FALSE(relation_exists("public.callback_ran"));
}

TEST_F(PostgresCliTest, HistoryRanksAreComputedByTheInsert) {
  migration("V1__a.sql", "CREATE TABLE a (x INT);\n");
  migration("V2__b.sql", "CREATE TABLE b (x INT);\n");
  auto output = runway({"migrate", "-schemas=app"});
  ASSERT_EQ(output.exit_code, 0) << describe(output);
  auto rows = history("\"app\".\"flyway_schema_history\"");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][0], "0");
  EXPECT_EQ(rows[0][3], "SCHEMA");
  EXPECT_EQ(rows[1][0], "1");
  EXPECT_EQ(rows[2][0], "2");
  EXPECT_EQ(rows[2][5], "true");
}

}  // namespace
}  // namespace runway::testing
