// migrate, info and validate on a real SQLite file, through the built binary.
#include <gmock/gmock.h>

#include "cli/sqlite_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(SqliteCliTest, MigrateInfoValidateCycle) {
  migration("V1__create_person.sql", "CREATE TABLE person (id INT PRIMARY KEY, name TEXT);\n");
  migration("2024/V1_1__add_email.sql", "ALTER TABLE person ADD COLUMN email TEXT;\n");
  migration(
      "R__person_view.sql",
      "DROP VIEW IF EXISTS person_view;\nCREATE VIEW person_view AS SELECT name FROM person;\n");
  migration("notes.txt", "not a migration");

  auto migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_THAT(migrated.err,
              HasSubstr("Migrating schema \"main\" to version \"1 - create person\""));
  EXPECT_THAT(migrated.err,
              HasSubstr("Migrating schema \"main\" with repeatable migration \"person view\""));
  EXPECT_THAT(
      migrated.err,
      HasSubstr("Successfully applied 3 migrations to schema \"main\", now at version v1.1"));
  EXPECT_EQ(migrated.out, "") << "logs belong on stderr";
  EXPECT_TRUE(table_exists("person"));

  auto info = runway({"info"});
  ASSERT_EQ(info.exit_code, 0) << describe(info);
  EXPECT_THAT(info.out, HasSubstr("Schema version: 1.1"));
  EXPECT_THAT(info.out, HasSubstr("| Versioned  | 1       | create person | SQL  |"));
  EXPECT_THAT(info.out, HasSubstr("| Success |"));
  EXPECT_THAT(info.out, Not(HasSubstr("Pending")));

  auto validated = runway({"validate"});
  EXPECT_EQ(validated.exit_code, 0) << describe(validated);
  EXPECT_THAT(validated.err, HasSubstr("Successfully validated 3 migrations"));

  auto again = runway({"migrate"});
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_THAT(again.err, HasSubstr("Schema \"main\" is up to date. No migration necessary."));
}

TEST_F(SqliteCliTest, HistoryTableMatchesFlywayLayoutAndValues) {
  migration("V1__first.sql", "SELECT 1;\n");
  migration("R__views.sql", "CREATE VIEW v AS SELECT 1 AS x;\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);

  auto ddl = sqlite_value(db(), "SELECT sql FROM sqlite_master WHERE name='flyway_schema_history'");
  ASSERT_TRUE(ddl);
  EXPECT_THAT(*ddl, HasSubstr("\"installed_rank\" INT NOT NULL PRIMARY KEY"));
  EXPECT_THAT(
      *ddl,
      HasSubstr("\"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now'))"));
  EXPECT_THAT(*ddl, HasSubstr("\"success\" BOOLEAN NOT NULL"));
  EXPECT_EQ(sqlite_value(db(),
                         "SELECT count(*) FROM sqlite_master WHERE type='index' AND "
                         "name='flyway_schema_history_s_idx'"),
            "1");

  auto rows = history();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0],
            (Row{"1", "1", "first", "SQL", "V1__first.sql", "78787420", "", rows[0][7], "1"}));
  EXPECT_EQ(rows[1][1], std::nullopt);
  EXPECT_EQ(rows[1][2], "views");
  EXPECT_EQ(rows[1][4], "R__views.sql");
  // Stored as integers, not text, exactly as Flyway's JDBC driver writes them.
  EXPECT_EQ(
      sqlite_value(db(),
                   "SELECT typeof(installed_rank) || typeof(checksum) || typeof(success) || "
                   "typeof(execution_time) FROM flyway_schema_history WHERE installed_rank=1"),
      "integerintegerintegerinteger");
  auto installed_on =
      sqlite_value(db(), "SELECT installed_on FROM flyway_schema_history WHERE installed_rank=1");
  ASSERT_TRUE(installed_on);
  EXPECT_THAT(
      *installed_on,
      ::testing::MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}"));
}

// runway ranks its rows from the rows it holds while nothing else wrote the table; a migration
// writing the table itself must not make it reuse a rank (Flyway ranks MAX + 1 every time).
TEST_F(SqliteCliTest, AMigrationWritingTheHistoryTableItselfIsRankedAfterItsRow) {
  migration("V1__first.sql", "CREATE TABLE a (x INT);\n");
  migration("V2__note.sql",
            "INSERT INTO flyway_schema_history (installed_rank, version, description, type, "
            "script, installed_by, execution_time, success) VALUES (2, NULL, 'note', 'SQL', "
            "'note.sql', 'me', 0, 1);\n");
  migration("V3__third.sql", "CREATE TABLE c (x INT);\n");
  auto r = runway({"migrate"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  auto rows =
      sqlite_rows(db(), "SELECT installed_rank, script FROM flyway_schema_history ORDER BY 1");
  EXPECT_EQ(rows, (std::vector<Row>{{"1", "V1__first.sql"},
                                    {"2", "note.sql"},
                                    {"3", "V2__note.sql"},
                                    {"4", "V3__third.sql"}}));
}

TEST_F(SqliteCliTest, FailingMigrationIsRolledBackAndLeavesNoHistoryRow) {
  migration("V1__ok.sql", "CREATE TABLE a (id INT);\n");
  migration("V2__broken.sql",
            "CREATE TABLE b (id INT);\n\nINSERT INTO missing_table VALUES (1);\n");

  auto result = runway({"migrate"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("Migration of schema \"main\" to version \"2 - broken\" "
                                    "failed! Changes successfully rolled back."));
  EXPECT_THAT(result.err, HasSubstr("V2__broken.sql"));
  EXPECT_THAT(result.err, HasSubstr("Line       : 3"));
  EXPECT_THAT(result.err, HasSubstr("no such table: missing_table"));
  EXPECT_TRUE(table_exists("a"));
  EXPECT_FALSE(table_exists("b")) << "the failed migration's first statement must be rolled back";
  auto rows = history();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][1], "1");

  auto info = runway({"info"});
  EXPECT_THAT(
      info.out,
      HasSubstr("| Versioned | 2       | broken      | SQL  |                     | Pending |"));
}

// Issue 11: a statement that never ends (a quote never closed) fails as its own migration,
// logged under its name, with its file and the line the statement starts on, as Flyway reports
// the same file (where the database refuses the statement).
TEST_F(SqliteCliTest, UnterminatedStatementFailsAsItsOwnMigration) {
  migration("V1__ok.sql", "CREATE TABLE a (id INT);\n");
  migration("V2__broken.sql",
            "CREATE TABLE b (id INT);\n\nINSERT INTO b VALUES ('never closed);\n");

  auto result = runway({"migrate"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("Migrating schema \"main\" to version \"2 - broken\"\n"));
  EXPECT_THAT(result.err, HasSubstr("Migration of schema \"main\" to version \"2 - broken\" "
                                    "failed! Changes successfully rolled back."));
  EXPECT_THAT(
      result.err,
      HasSubstr(sql_dir() + "/V2__broken.sql at line 3 col 1. See https://rd.gt/3ipi7Pm for "
                            "more information. Incomplete statement"));
  EXPECT_TRUE(table_exists("a"));
  EXPECT_FALSE(table_exists("b")) << "what ran before the broken statement is rolled back";
  EXPECT_EQ(history().size(), 1u);
}

// SQLite ends a -- comment only at a line feed. In a file with lone-CR line endings it would
// read a statement with a leading comment as nothing at all; runway fails instead of
// recording a migration whose statements never ran.
TEST_F(SqliteCliTest, ACommentEndedByALoneCarriageReturnFailsInsteadOfHidingAStatement) {
  migration("V1__mac.sql", "CREATE TABLE a (id INT);\r-- then b\rCREATE TABLE b (id INT);\r");
  auto result = runway({"migrate"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("SQLite would skip this statement: it ends a -- comment only "
                                    "at a line feed, and this file breaks lines with a lone "
                                    "carriage return (\\r)."));
  EXPECT_FALSE(table_exists("a")) << "the migration is rolled back";
  EXPECT_TRUE(history().empty());

  migration("V1__mac.sql", "CREATE TABLE a (id INT);\r\n-- then b\r\nCREATE TABLE b (id INT);\r\n");
  auto fixed = runway({"migrate"});
  ASSERT_EQ(fixed.exit_code, 0) << describe(fixed);
  EXPECT_TRUE(table_exists("b"));
}

TEST_F(SqliteCliTest, EditedAppliedMigrationFailsValidateUntilRepaired) {
  migration("V1__init.sql", "CREATE TABLE t (id INT);\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  migration("V1__init.sql", "CREATE TABLE t (id INTEGER);\n");

  auto invalid = runway({"validate"});
  EXPECT_EQ(invalid.exit_code, 1);
  EXPECT_THAT(invalid.err, HasSubstr("Migration checksum mismatch for migration version 1"));
  EXPECT_THAT(invalid.err, HasSubstr("-> Applied to database : "));
  EXPECT_EQ(runway({"migrate"}).exit_code, 1) << "validateOnMigrate stops migrate too";

  auto repaired = runway({"repair"});
  ASSERT_EQ(repaired.exit_code, 0) << describe(repaired);
  EXPECT_THAT(
      repaired.err,
      HasSubstr("Successfully repaired schema history table \"main\".\"flyway_schema_history\""));
  EXPECT_EQ(runway({"validate"}).exit_code, 0);
  EXPECT_EQ(history().at(0)[5], "-1953813711");  // the edited file's checksum
}

TEST_F(SqliteCliTest, OutOfOrderArrivalNeedsOutOfOrder) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  migration("V3__c.sql", "CREATE TABLE c (id INT);\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  migration("V2__b.sql", "CREATE TABLE b (id INT);\n");

  auto refused = runway({"migrate"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("Detected resolved migration not applied to database: 2."));
  EXPECT_THAT(refused.err, HasSubstr("set -outOfOrder=true"));
  EXPECT_THAT(runway({"info"}).out, HasSubstr("| Ignored "));

  auto applied = runway({"migrate", "-outOfOrder=true"});
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);
  EXPECT_THAT(applied.err,
              HasSubstr("Migrating schema \"main\" to version \"2 - b\" [out of order]"));
  EXPECT_TRUE(table_exists("b"));
  EXPECT_THAT(runway({"info"}).out, HasSubstr("| Out of Order |"));
}

TEST_F(SqliteCliTest, BaselineOnExistingDatabase) {
  sqlite_rows(db(), "CREATE TABLE legacy (id INT)");
  migration("V1__old.sql", "CREATE TABLE legacy (id INT);\n");
  migration("V2__also_old.sql", "ALTER TABLE legacy ADD COLUMN name TEXT;\n");
  migration("V3__new.sql", "CREATE TABLE fresh (id INT);\n");

  auto refused = runway({"migrate"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err,
              HasSubstr("Found non-empty schema(s) \"main\" but no schema history table."));

  auto baselined = runway({"baseline", "-baselineVersion=2"});
  ASSERT_EQ(baselined.exit_code, 0) << describe(baselined);
  EXPECT_THAT(baselined.err, HasSubstr("Successfully baselined schema with version: 2"));
  auto rows = history();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (Row{"1", "2", "<< Flyway Baseline >>", "BASELINE", "<< Flyway Baseline >>",
                          std::nullopt, "", "0", "1"}));

  auto info = runway({"info"});
  EXPECT_THAT(info.out, HasSubstr("| Below Baseline "));
  EXPECT_THAT(info.out, HasSubstr("| Ignored (Baseline) "));

  auto migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_TRUE(table_exists("fresh"));
  EXPECT_EQ(history().size(), 2u);

  auto same = runway({"baseline", "-baselineVersion=2"});
  EXPECT_EQ(same.exit_code, 0) << describe(same);
  EXPECT_THAT(same.err, HasSubstr("already initialized with (2,<< Flyway Baseline >>). Skipping."));
  auto different = runway({"baseline", "-baselineVersion=3"});
  EXPECT_EQ(different.exit_code, 1);
  EXPECT_THAT(different.err,
              HasSubstr("as it has already been baselined with (2,<< Flyway Baseline >>)"));
}

TEST_F(SqliteCliTest, BaselineOnMigrateSkipsVersionsUpToTheBaseline) {
  sqlite_rows(db(), "CREATE TABLE legacy (id INT)");
  migration("V1__old.sql", "CREATE TABLE legacy (id INT);\n");
  migration("V2__new.sql", "CREATE TABLE fresh (id INT);\n");
  auto result = runway({"migrate", "-baselineOnMigrate=true"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  auto rows = history();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][3], "BASELINE");
  EXPECT_EQ(rows[1][1], "2");
}

TEST_F(SqliteCliTest, TargetStopsAtAVersion) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  migration("V2__b.sql", "CREATE TABLE b (id INT);\n");
  migration("V3__c.sql", "CREATE TABLE c (id INT);\n");
  ASSERT_EQ(runway({"migrate", "-target=2"}).exit_code, 0);
  EXPECT_FALSE(table_exists("c"));
  EXPECT_THAT(runway({"info", "-target=2"}).out, HasSubstr("| Above Target |"));
  auto missing = runway({"migrate", "-target=7"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("No migration with a target version 7 could be found."));
  EXPECT_EQ(runway({"migrate", "-target=7?"}).exit_code, 0);
  EXPECT_TRUE(table_exists("c"));
}

TEST_F(SqliteCliTest, DuplicateVersionsFromTwoBranchesNameBothFiles) {
  migration("V4__from_alice.sql", "SELECT 1;\n");
  migration("feature/V4_0__from_bob.sql", "SELECT 2;\n");
  auto result = runway({"info"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("Found more than one migration with version 4"));
  EXPECT_THAT(result.err, HasSubstr(sql_dir() + "/V4__from_alice.sql (SQL)"));
  EXPECT_THAT(result.err, HasSubstr(sql_dir() + "/feature/V4_0__from_bob.sql (SQL)"));
}

TEST_F(SqliteCliTest, MisnamedFilesAreCountedOrFatalWithValidateMigrationNaming) {
  migration("V1__ok.sql", "SELECT 1;\n");
  migration("V2_typo.sql", "SELECT 2;\n");
  auto lenient = runway({"migrate"});
  EXPECT_EQ(lenient.exit_code, 0);
  EXPECT_THAT(lenient.err, HasSubstr("1 SQL migrations were detected but not run because they did "
                                     "not follow the filename convention."));
  auto strict = runway({"info", "-validateMigrationNaming=true"});
  EXPECT_EQ(strict.exit_code, 1);
  EXPECT_THAT(strict.err, HasSubstr("Invalid SQL filenames found:"));
  EXPECT_THAT(strict.err, HasSubstr("V2_typo.sql (could not recognise version number 2_typo)"));
}

TEST_F(SqliteCliTest, TriggerBodiesAndQuotedSemicolonsSplitCorrectly) {
  migration("V1__schema.sql",
            "CREATE TABLE t (id INTEGER PRIMARY KEY, note TEXT, touched INT DEFAULT 0);\n"
            "-- a comment; with a semicolon\n"
            "CREATE TRIGGER t_touch AFTER INSERT ON t\nBEGIN\n  UPDATE t SET touched = 1 WHERE id "
            "= NEW.id;\nEND;\n"
            "INSERT INTO t (note) VALUES ('semi;colon ''quoted''');\n");
  auto result = runway({"migrate"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(sqlite_value(db(), "SELECT note || '|' || touched FROM t"), "semi;colon 'quoted'|1");
}

TEST_F(SqliteCliTest, CleanIsRefusedUnlessEnabled) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\nCREATE VIEW va AS SELECT * FROM a;\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  auto refused = runway({"clean"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("Unable to execute clean as it has been disabled with the "
                                     "'flyway.cleanDisabled' property."));
  EXPECT_TRUE(table_exists("a"));

  auto cleaned = runway({"clean", "-cleanDisabled=false"});
  ASSERT_EQ(cleaned.exit_code, 0) << describe(cleaned);
  EXPECT_EQ(sqlite_value(db(), "SELECT count(*) FROM sqlite_master"), "0");
}

TEST_F(SqliteCliTest, SeveralCommandsRunInOrderInOneCall) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  auto result = runway({"-cleanDisabled=false", "clean", "migrate", "validate", "info"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.out, HasSubstr("Schema version: 1"));
}

TEST_F(SqliteCliTest, IgnoredMigrationPatternsLetValidatePassOnAFreshDatabase) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  auto pending = runway({"validate"});
  EXPECT_EQ(pending.exit_code, 1);
  EXPECT_THAT(pending.err, HasSubstr("Detected resolved migration not applied to database: 1."));
  EXPECT_EQ(runway({"validate", "-ignoreMigrationPatterns=*:pending"}).exit_code, 0);
}

TEST_F(SqliteCliTest, DeletedFileIsMissingUntilRepairMarksItDeleted) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  migration("V2__b.sql", "CREATE TABLE b (id INT);\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  std::filesystem::remove(sql_dir() + "/V1__a.sql");
  auto invalid = runway({"validate"});
  EXPECT_EQ(invalid.exit_code, 1);
  EXPECT_THAT(invalid.err, HasSubstr("Detected applied migration not resolved locally: 1."));
  ASSERT_EQ(runway({"repair"}).exit_code, 0);
  auto rows = history();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2][3], "DELETE");
  EXPECT_EQ(rows[2][1], "1");
  EXPECT_EQ(runway({"validate"}).exit_code, 0);
  EXPECT_THAT(runway({"info"}).out, HasSubstr("| Deleted "));
}

}  // namespace
}  // namespace runway::testing
