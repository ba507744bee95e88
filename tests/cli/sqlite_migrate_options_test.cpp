// The options that shape a migrate run (spec 5.4, 6.4, 6.9, 6.10), each on a real SQLite file.
#include <gmock/gmock.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "cli/sqlite_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SqliteMigrateOptionsTest : public SqliteCliTest {
 protected:
  void three_tables(const std::string& third = "CREATE TABLE c (id INT);\n") const {
    migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
    migration("V2__b.sql", "CREATE TABLE b (id INT);\n");
    migration("V3__c.sql", third);
  }
  // Another writer holds the file's write lock for `seconds`; returns once it has it.
  StartedCommand hold_write_lock(int seconds) const {
    auto writer =
        start_program({"/bin/sh", "-c",
                       "(echo 'BEGIN IMMEDIATE; CREATE TABLE other (id INT);'; "
                       "echo '.shell touch locked'; sleep " +
                           std::to_string(seconds) + "; echo 'COMMIT;') | sqlite3 " + db()},
                      dir_.str());
    for (int i = 0; i < 100 && !std::filesystem::exists(dir_.str() + "/locked"); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    EXPECT_TRUE(std::filesystem::exists(dir_.str() + "/locked"));
    return writer;
  }
  std::vector<std::string> applied_versions() const {
    std::vector<std::string> versions;
    for (const Row& row : history()) versions.push_back(row[1].value_or("<repeatable>"));
    return versions;
  }
};

// The busy timeout is (lockRetryCount + 1) seconds: a huge count must still wait, not overflow
// into a negative timeout that fails at once with "database is locked".
TEST_F(SqliteMigrateOptionsTest, HugeLockRetryCountWaitsForAnotherWriter) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  auto writer = hold_write_lock(2);
  auto r = runway({"migrate", "-lockRetryCount=2147483647"});
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_TRUE(table_exists("a"));
  EXPECT_EQ(writer.wait().exit_code, 0);
}

// SQLite's own words, "database is locked", say neither which file nor what to do.
TEST_F(SqliteMigrateOptionsTest, AWriterHoldingTheFileTooLongIsNamedWithTheSetting) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  auto writer = hold_write_lock(4);
  auto r = runway({"migrate", "-lockRetryCount=0"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("ERROR: Unable to lock SQLite database " + db() +
                               ": another connection held its write lock for longer than "
                               "lockRetryCount allows (1 s). Nothing was changed"));
  EXPECT_THAT(r.err, HasSubstr("Caused by: database is locked"));
  EXPECT_EQ(writer.wait().exit_code, 0);
  EXPECT_FALSE(table_exists("a"));
  EXPECT_FALSE(table_exists("flyway_schema_history"));
}

TEST_F(SqliteMigrateOptionsTest, GroupIsAllOrNothing) {
  three_tables("CREATE TABLE c (id INT);\nINSERT INTO missing VALUES (1);\n");
  auto grouped = runway({"migrate", "-group=true"});
  EXPECT_EQ(grouped.exit_code, 1) << describe(grouped);
  EXPECT_THAT(grouped.err, HasSubstr("Changes successfully rolled back."));
  EXPECT_FALSE(table_exists("a"));
  EXPECT_FALSE(table_exists("b"));
  EXPECT_TRUE(history().empty()) << "the third failure undoes the first two";

  auto one_by_one = runway({"migrate"});
  EXPECT_EQ(one_by_one.exit_code, 1);
  EXPECT_THAT(applied_versions(), ::testing::ElementsAre("1", "2"));
}

TEST_F(SqliteMigrateOptionsTest, MixedAllowsNonTransactionalStatementsAndGroups) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  migration("V2__pragma.sql", "PRAGMA foreign_keys = OFF;\n");
  auto refused = runway({"migrate", "-group=true"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err,
              HasSubstr("Detected both transactional and non-transactional migrations "
                        "within the same migration group (even though mixed is false). "
                        "First offending migration: \"2 - pragma\" [non-transactional]"));
  EXPECT_FALSE(table_exists("a"));

  auto mixed_group = runway({"migrate", "-group=true", "-mixed=true"});
  ASSERT_EQ(mixed_group.exit_code, 0) << describe(mixed_group);
  EXPECT_THAT(applied_versions(), ::testing::ElementsAre("1", "2"));

  migration("V3__both.sql", "PRAGMA foreign_keys = OFF;\nCREATE TABLE c (id INT);\n");
  EXPECT_EQ(runway({"migrate"}).exit_code, 1);
  auto mixed = runway({"migrate", "-mixed=true"});
  ASSERT_EQ(mixed.exit_code, 0) << describe(mixed);
  EXPECT_THAT(mixed.err, HasSubstr("to version \"3 - both\" [non-transactional]"));
  EXPECT_TRUE(table_exists("c"));
}

TEST_F(SqliteMigrateOptionsTest, TargetNextAppliesOneMigrationPerRun) {
  three_tables();
  migration("R__view.sql", "CREATE VIEW IF NOT EXISTS v AS SELECT 1 AS x;\n");
  ASSERT_EQ(runway({"migrate", "-target=next"}).exit_code, 0);
  EXPECT_THAT(applied_versions(), ::testing::ElementsAre("1"));
  ASSERT_EQ(runway({"migrate", "-target=next"}).exit_code, 0);
  EXPECT_THAT(applied_versions(), ::testing::ElementsAre("1", "2"));
  ASSERT_EQ(runway({"migrate", "-target=latest"}).exit_code, 0);
  EXPECT_THAT(applied_versions(), ::testing::ElementsAre("1", "2", "3", "<repeatable>"));
}

TEST_F(SqliteMigrateOptionsTest, TargetCurrentAppliesOnlyRepeatables) {
  three_tables();
  migration("R__view.sql", "CREATE VIEW IF NOT EXISTS v AS SELECT 1 AS x;\n");
  auto fresh = runway({"migrate", "-target=current"});
  ASSERT_EQ(fresh.exit_code, 0) << describe(fresh);
  EXPECT_THAT(applied_versions(), ::testing::ElementsAre("<repeatable>"))
      << "with nothing applied every versioned migration is above the current version";

  ASSERT_EQ(runway({"migrate", "-target=1"}).exit_code, 0);
  ASSERT_EQ(runway({"migrate", "-target=current"}).exit_code, 0);
  EXPECT_THAT(applied_versions(), ::testing::ElementsAre("<repeatable>", "1"));
  EXPECT_THAT(runway({"info", "-target=current"}).out, HasSubstr("| Above Target "));
}

TEST_F(SqliteMigrateOptionsTest, TargetWithQuestionMarkNeedNotExist) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  migration("V3__c.sql", "CREATE TABLE c (id INT);\n");
  auto strict = runway({"migrate", "-target=2"});
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_THAT(strict.err, HasSubstr("No migration with a target version 2 could be found."));
  auto lenient = runway({"migrate", "-target=2?"});
  ASSERT_EQ(lenient.exit_code, 0) << describe(lenient);
  EXPECT_THAT(applied_versions(), ::testing::ElementsAre("1"));
}

TEST_F(SqliteMigrateOptionsTest, SkipExecutingMigrationsWritesRowsOnly) {
  three_tables();
  migration("beforeEachMigrate.sql", "CREATE TABLE never (id INT);\n");
  auto skipped = runway({"migrate", "-skipExecutingMigrations=true"});
  ASSERT_EQ(skipped.exit_code, 0) << describe(skipped);
  EXPECT_THAT(applied_versions(), ::testing::ElementsAre("1", "2", "3"));
  EXPECT_FALSE(table_exists("a"));
  EXPECT_FALSE(table_exists("never")) << "per-migration callbacks are skipped too";
  EXPECT_TRUE(history().at(0)[5].has_value());
  EXPECT_EQ(runway({"validate"}).exit_code, 0) << "rows carry the files' real checksums";
}

TEST_F(SqliteMigrateOptionsTest, BaselineMigrationsStartANewDatabase) {
  for (int v = 1; v <= 7; ++v) {
    migration("V" + std::to_string(v) + "__step" + std::to_string(v) + ".sql",
              "CREATE TABLE t" + std::to_string(v) + " (id INT);\n");
  }
  migration("B5__snapshot.sql",
            "CREATE TABLE t1 (id INT);\nCREATE TABLE t2 (id INT);\nCREATE TABLE t3 (id INT);\n"
            "CREATE TABLE t4 (id INT);\nCREATE TABLE t5 (id INT);\n");
  auto result = runway({"migrate"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  auto rows = history();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0][1], "5");
  EXPECT_EQ(rows[0][3], "SQL_BASELINE");
  EXPECT_EQ(rows[0][4], "B5__snapshot.sql");
  EXPECT_EQ(rows[1][1], "6");
  EXPECT_EQ(rows[2][1], "7");

  auto info = runway({"info"});
  EXPECT_THAT(info.out, HasSubstr("| Versioned | 1       | step1       | SQL          |"));
  EXPECT_THAT(info.out, HasSubstr("Below Baseline"));
  EXPECT_THAT(info.out, HasSubstr("| SQL_BASELINE |"));
  EXPECT_EQ(runway({"validate"}).exit_code, 0);
}

TEST_F(SqliteMigrateOptionsTest, BaselineMigrationPrefixIsConfigurable) {
  migration("V1__one.sql", "CREATE TABLE one (id INT);\n");
  migration("V2__two.sql", "CREATE TABLE two (id INT);\n");
  migration("SNAP2__both.sql", "CREATE TABLE one (id INT);\nCREATE TABLE two (id INT);\n");
  auto result = runway({"migrate", "-baselineMigrationPrefix=SNAP"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  auto rows = history();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][3], "SQL_BASELINE");
}

TEST_F(SqliteMigrateOptionsTest, InstalledByAndCustomTable) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  auto result = runway({"migrate", "-installedBy=deployer", "-table=my_history"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_TRUE(table_exists("my_history"));
  EXPECT_FALSE(table_exists("flyway_schema_history"));
  EXPECT_EQ(sqlite_value(db(), "SELECT installed_by FROM my_history"), "deployer");

  auto info = runway({"info", "-table=my_history"});
  EXPECT_THAT(info.out, HasSubstr("| Success "));
  // Another table name is another history: everything is pending there, and the schema is
  // not empty, so migrate refuses rather than re-applying V1.
  auto other = runway({"migrate"});
  EXPECT_EQ(other.exit_code, 1);
  EXPECT_THAT(other.err,
              HasSubstr("Found non-empty schema(s) \"main\" but no schema history table."));
}

TEST_F(SqliteMigrateOptionsTest, FailOnMissingLocations) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  auto lenient = runway({"migrate", "-locations=filesystem:sql,filesystem:nowhere"});
  ASSERT_EQ(lenient.exit_code, 0) << describe(lenient);
  EXPECT_TRUE(table_exists("a"));

  auto strict = runway(
      {"info", "-locations=filesystem:sql,filesystem:nowhere", "-failOnMissingLocations=true"});
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_THAT(strict.err, HasSubstr("Failed to find filesystem location: "));
  EXPECT_THAT(strict.err, HasSubstr("nowhere"));
}

}  // namespace
}  // namespace runway::testing
