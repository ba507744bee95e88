// Every command on a real PostgreSQL database, through the built binary: migrate, info,
// validate, baseline, repair and clean; schemas, the history table's place and name, the
// search_path migrations run with, server notices, and failures.
#include <gmock/gmock.h>

#include "cli/postgres_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(PostgresCliTest, MigrateInfoValidateCycle) {
  migration("V1__create_person.sql", "CREATE TABLE person (id INT PRIMARY KEY, name TEXT);\n");
  migration("V1_1__add_email.sql", "ALTER TABLE person ADD COLUMN email TEXT;\n");
  migration("R__person_view.sql",
            "CREATE OR REPLACE VIEW person_view AS SELECT name FROM person;\n");

  auto migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_THAT(migrated.err, HasSubstr("(PostgreSQL 1"));
  EXPECT_THAT(migrated.err,
              HasSubstr("Creating Schema History table \"public\".\"flyway_schema_history\""));
  EXPECT_THAT(migrated.err,
              HasSubstr("Migrating schema \"public\" to version \"1.1 - add email\""));
  EXPECT_THAT(
      migrated.err,
      HasSubstr("Successfully applied 3 migrations to schema \"public\", now at version v1.1"));
  EXPECT_EQ(migrated.out, "");
  EXPECT_TRUE(relation_exists("public.person_view"));
  EXPECT_EQ(
      history(),
      (std::vector<Row>{{"1", "1", "create person", "SQL", "V1__create_person.sql", "true"},
                        {"2", "1.1", "add email", "SQL", "V1_1__add_email.sql", "true"},
                        {"3", std::nullopt, "person view", "SQL", "R__person_view.sql", "true"}}));
  EXPECT_EQ(value("SELECT installed_by FROM flyway_schema_history WHERE installed_rank = 1"),
            "postgres");

  auto info = runway({"info"});
  ASSERT_EQ(info.exit_code, 0) << describe(info);
  EXPECT_THAT(info.out, HasSubstr("Schema version: 1.1"));
  EXPECT_THAT(info.out, HasSubstr("| Versioned  | 1.1     | add email     | SQL  |"));
  EXPECT_THAT(info.out, Not(HasSubstr("Pending")));

  auto validated = runway({"validate"});
  EXPECT_EQ(validated.exit_code, 0) << describe(validated);
  EXPECT_THAT(validated.err, HasSubstr("Successfully validated 3 migrations"));

  auto again = runway({"migrate"});
  EXPECT_EQ(again.exit_code, 0) << describe(again);
  EXPECT_THAT(again.err, HasSubstr("Schema \"public\" is up to date. No migration necessary."));
}

TEST_F(PostgresCliTest, ValidateCatchesAnEditedMigration) {
  migration("V1__t.sql", "CREATE TABLE t (id INT);\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  migration("V1__t.sql", "CREATE TABLE t (id BIGINT);\n");
  auto validated = runway({"validate"});
  EXPECT_EQ(validated.exit_code, 1) << describe(validated);
  EXPECT_THAT(validated.err, HasSubstr("Migration checksum mismatch for migration version 1"));
  auto repaired = runway({"repair"});
  ASSERT_EQ(repaired.exit_code, 0) << describe(repaired);
  EXPECT_THAT(repaired.err, HasSubstr("Repairing Schema History table for version 1"));
  EXPECT_EQ(runway({"validate"}).exit_code, 0);
}

TEST_F(PostgresCliTest, FailingMigrationLeavesNothingAppliedAndNoRow) {
  migration("V1__ok.sql", "CREATE TABLE a (id INT);\n");
  migration("V2__broken.sql",
            "CREATE TABLE b (id INT);\nINSERT INTO b VALUES (1);\n\nINSERT INTO missing_table "
            "VALUES (1);\n");

  auto result = runway({"migrate"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("Migration of schema \"public\" to version \"2 - broken\" "
                                    "failed! Changes successfully rolled back."));
  EXPECT_THAT(result.err, HasSubstr("Failed to execute script V2__broken.sql"));
  EXPECT_THAT(result.err, HasSubstr("SQL State  : 42P01"));
  EXPECT_THAT(result.err, HasSubstr("Message    : relation \"missing_table\" does not exist"));
  EXPECT_THAT(result.err,
              HasSubstr("Location   : V2__broken.sql (" + dir_.str() + "/sql/V2__broken.sql)"));
  EXPECT_THAT(result.err, HasSubstr("Line       : 4"));
  EXPECT_TRUE(relation_exists("public.a"));
  EXPECT_FALSE(relation_exists("public.b"))
      << "the failed migration's statements must be rolled back";
  EXPECT_EQ(history().size(), 1u) << "no row for the failed migration";

  auto info = runway({"info"});
  EXPECT_THAT(
      info.out,
      HasSubstr("| Versioned | 2       | broken      | SQL  |                     | Pending |"));
}

// runway's choice (docs/compatibility.md): the statements of a non-transactional migration
// that ran before the failure stay committed, so a Failed row says so and migrate stops
// until repair, as Flyway does with postgresql.transactional.lock=false.
TEST_F(PostgresCliTest, FailingNonTransactionalMigrationRecordsAFailedRow) {
  migration("V1__t.sql", "CREATE TABLE t (x INT);\n");
  migration("V2__index.sql",
            "CREATE INDEX CONCURRENTLY t_x ON t (x);\nCREATE INDEX CONCURRENTLY t_y ON t (y);\n");

  auto result = runway({"migrate"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(
      result.err,
      HasSubstr("Migrating schema \"public\" to version \"2 - index\" [non-transactional]"));
  EXPECT_THAT(result.err,
              HasSubstr("failed! Please restore backups and roll back database and code!"));
  EXPECT_THAT(result.err, HasSubstr("SQL State  : 42703"));
  EXPECT_THAT(result.err, HasSubstr("Line       : 2"));
  EXPECT_TRUE(relation_exists("public.t_x")) << "the first statement committed on its own";
  auto rows = history();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1], (Row{"2", "2", "index", "SQL", "V2__index.sql", "false"}));

  auto refused = runway({"migrate"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("Validate failed"));

  migration("V2__index.sql", "CREATE INDEX CONCURRENTLY IF NOT EXISTS t_x ON t (x);\n");
  ASSERT_EQ(runway({"repair"}).exit_code, 0);
  auto fixed = runway({"migrate"});
  EXPECT_EQ(fixed.exit_code, 0) << describe(fixed);
  EXPECT_EQ(history().back(), (Row{"2", "2", "index", "SQL", "V2__index.sql", "true"}));
}

// Issue 11: a dollar quote never closed fails as its own migration, naming its file and the
// line the statement starts on (Flyway: FAILED_VERSIONED_MIGRATION, lineNumber 3, the path).
TEST_F(PostgresCliTest, UnterminatedDollarQuoteFailsAsItsOwnMigration) {
  migration("V1__ok.sql", "CREATE TABLE a (id INT);\n");
  migration("V2__function.sql",
            "CREATE TABLE b (id INT);\n\nCREATE FUNCTION f() RETURNS int AS $$\nBEGIN\n"
            "  RETURN 1;\nEND;\n");
  const std::string path = dir_.str() + "/sql/V2__function.sql";

  auto result = runway({"migrate"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("Migrating schema \"public\" to version \"2 - function\"\n"));
  EXPECT_THAT(result.err, HasSubstr("Migration of schema \"public\" to version \"2 - function\" "
                                    "failed! Changes successfully rolled back."));
  EXPECT_THAT(result.err, HasSubstr(path + " at line 3 col 1. See https://rd.gt/3ipi7Pm for more "
                                           "information. Incomplete statement"));
  EXPECT_FALSE(relation_exists("public.b"));

  auto json_run = runway({"migrate", "-outputType=json"});
  EXPECT_EQ(json_run.exit_code, 1) << describe(json_run);
  EXPECT_THAT(json_run.out, HasSubstr("\"errorCode\": \"FAILED_VERSIONED_MIGRATION\""));
  EXPECT_THAT(json_run.out, HasSubstr("\"path\": \"" + path + "\""));
  EXPECT_THAT(json_run.out, HasSubstr("\"lineNumber\": 3"));
}

TEST_F(PostgresCliTest, BaselineThenMigrateAboveIt) {
  ASSERT_TRUE(db().execute("CREATE TABLE legacy (id INT)"));
  migration("V1__old.sql", "CREATE TABLE legacy (id INT);\n");
  migration("V2__new.sql", "ALTER TABLE legacy ADD COLUMN name TEXT;\n");

  auto refused = runway({"migrate"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err,
              HasSubstr("Found non-empty schema(s) \"public\" but no schema history table"));

  auto baselined = runway({"baseline", "-baselineVersion=1"});
  ASSERT_EQ(baselined.exit_code, 0) << describe(baselined);
  EXPECT_THAT(baselined.err, HasSubstr("Successfully baselined schema with version: 1"));
  auto migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_EQ(history(), (std::vector<Row>{{"1", "1", "<< Flyway Baseline >>", "BASELINE",
                                          "<< Flyway Baseline >>", "true"},
                                         {"2", "2", "new", "SQL", "V2__new.sql", "true"}}));
}

TEST_F(PostgresCliTest, CleanEmptiesTheSchemaAndKeepsIt) {
  migration("V1__objects.sql",
            "CREATE TYPE mood AS ENUM ('ok', 'sad');\n"
            "CREATE TABLE t (id SERIAL PRIMARY KEY, m mood);\n"
            "CREATE VIEW v AS SELECT * FROM t;\n"
            "CREATE MATERIALIZED VIEW mv AS SELECT count(*) FROM t;\n"
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);

  auto refused = runway({"clean"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("Unable to execute clean as it has been disabled"));
  EXPECT_TRUE(relation_exists("public.t"));

  auto cleaned = runway({"clean", "-cleanDisabled=false"});
  ASSERT_EQ(cleaned.exit_code, 0) << describe(cleaned);
  EXPECT_THAT(cleaned.err, HasSubstr("Successfully cleaned schema \"public\""));
  EXPECT_EQ(value("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                  " WHERE n.nspname = 'public'"),
            "0");
  EXPECT_EQ(value("SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                  " WHERE n.nspname = 'public'"),
            "0");
  EXPECT_EQ(value("SELECT count(*) FROM pg_namespace WHERE nspname = 'public'"), "1");

  auto again = runway({"migrate"});
  EXPECT_EQ(again.exit_code, 0) << describe(again);
  EXPECT_EQ(history().size(), 1u);
}

TEST_F(PostgresCliTest, CreateSchemasMarksThemAndCleanDropsOnlyThose) {
  ASSERT_TRUE(db().execute("CREATE SCHEMA existing; CREATE TABLE existing.keep_me (id INT)"));
  migration("V1__t.sql", "CREATE TABLE items (id INT);\nCREATE TABLE audit.log (id INT);\n");

  auto migrated = runway({"migrate", "-schemas=app,audit,existing"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_THAT(migrated.err, HasSubstr("Creating schema \"app\" ..."));
  EXPECT_THAT(migrated.err, HasSubstr("Creating schema \"audit\" ..."));
  EXPECT_THAT(migrated.err, Not(HasSubstr("Creating schema \"existing\"")));
  EXPECT_EQ(history("app.flyway_schema_history"),
            (std::vector<Row>{{"0", std::nullopt, "<< Flyway Schema Creation >>", "SCHEMA",
                               "\"app\",\"audit\"", "true"},
                              {"1", "1", "t", "SQL", "V1__t.sql", "true"}}));
  EXPECT_TRUE(relation_exists("app.items"))
      << "migrations run with the first schema on the search_path";
  EXPECT_FALSE(relation_exists("public.flyway_schema_history"));

  auto info = runway({"info", "-schemas=app,audit,existing"});
  EXPECT_THAT(info.out,
              HasSubstr("|           |         | << Flyway Schema Creation >> | SCHEMA | "));

  auto cleaned = runway({"clean", "-schemas=app,audit,existing", "-cleanDisabled=false"});
  ASSERT_EQ(cleaned.exit_code, 0) << describe(cleaned);
  EXPECT_THAT(cleaned.err, HasSubstr("Successfully dropped schema \"app\""));
  EXPECT_THAT(cleaned.err, HasSubstr("Successfully dropped schema \"audit\""));
  EXPECT_EQ(value("SELECT string_agg(nspname, ',' ORDER BY nspname) FROM pg_namespace"
                  " WHERE nspname IN ('app', 'audit', 'existing')"),
            "existing");
  EXPECT_FALSE(relation_exists("existing.keep_me")) << "a schema runway did not create is emptied";
}

TEST_F(PostgresCliTest, DefaultSchemaAndTableNameTheHistoryTable) {
  ASSERT_TRUE(db().execute("CREATE SCHEMA tenant"));
  migration("V1__t.sql", "CREATE TABLE t (id INT);\n");
  auto migrated =
      runway({"migrate", "-defaultSchema=tenant", "-schemas=tenant,public", "-table=changelog"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_THAT(migrated.err, HasSubstr("Creating Schema History table \"tenant\".\"changelog\""));
  EXPECT_EQ(history("tenant.changelog").size(), 1u);
  EXPECT_TRUE(relation_exists("tenant.t"));
  EXPECT_FALSE(relation_exists("public.t"));
  EXPECT_TRUE(relation_exists("tenant.changelog_s_idx"));
}

// Spec 5.4.1: each migration starts with the default schema first on the search_path, even
// when the previous one moved it, and the connection's own path follows it.
TEST_F(PostgresCliTest, EachMigrationStartsInTheDefaultSchema) {
  ASSERT_TRUE(db().execute("CREATE SCHEMA other"));
  migration("V1__wander.sql", "SET search_path = other;\nCREATE TABLE in_other (id INT);\n");
  migration("V2__home.sql",
            "CREATE TABLE in_app (path TEXT);\n"
            "INSERT INTO in_app SELECT current_setting('search_path');\n");
  auto migrated = runway({"migrate", "-schemas=app"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_TRUE(relation_exists("other.in_other"));
  EXPECT_EQ(value("SELECT path FROM app.in_app"), "\"app\",\"$user\", public");
}

TEST_F(PostgresCliTest, WithoutSchemaSettingsTheSearchPathIsLeftAlone) {
  migration("V1__path.sql", "CREATE TABLE p AS SELECT current_setting('search_path') AS path;\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  EXPECT_EQ(value("SELECT path FROM public.p"), "\"$user\", public");
}

TEST_F(PostgresCliTest, ServerNoticesAreLogged) {
  migration("V1__notices.sql",
            "DO $$ BEGIN RAISE NOTICE 'hello from %', 'plpgsql'; END $$;\n"
            "DO $$ BEGIN RAISE WARNING 'careful'; END $$;\n"
            "DROP TABLE IF EXISTS never_there;\n");
  auto migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_THAT(migrated.err, HasSubstr("\nDB: hello from plpgsql\n"));
  EXPECT_THAT(migrated.err, HasSubstr("WARNING: DB: careful (SQL State: 01000 - Error Code: 0)"));
  EXPECT_THAT(migrated.err, HasSubstr("DB: table \"never_there\" does not exist, skipping"));
}

TEST_F(PostgresCliTest, JsonOutputOfAMigrate) {
  migration("V1__t.sql", "CREATE TABLE t (id INT);\n");
  auto migrated = runway({"migrate", "-outputType=json"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_THAT(migrated.out, HasSubstr("\"databaseType\": \"PostgreSQL\""));
  EXPECT_THAT(migrated.out, HasSubstr("\"migrationsExecuted\": 1"));
  EXPECT_THAT(migrated.out, HasSubstr("\"database\": \"" + database().name() + "\""));
}

}  // namespace
}  // namespace runway::testing
