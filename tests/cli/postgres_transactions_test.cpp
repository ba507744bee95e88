// How migrations run on PostgreSQL (spec 8.2, 9.4): in a transaction of their own, outside
// one when they must (CONCURRENTLY, executeInTransaction=false), mixed and grouped; and the
// script features real migrations use: COPY data, dollar-quoted bodies, temporary tables,
// explicit transaction control, and reading the history table itself.
#include <gmock/gmock.h>

#include "cli/postgres_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Flyway hangs here (its issue #3497): its lock transaction on a second connection is an
// older transaction the index build waits for. runway holds a session lock instead and
// runs the statement on its only connection, so the build completes.
TEST_F(PostgresCliTest, ConcurrentIndexCompletes) {
  migration("V1__table.sql",
            "CREATE TABLE t (x INT);\nINSERT INTO t SELECT generate_series(1, 1000);\n");
  migration("V2__index.sql",
            "-- built without blocking writers\nCREATE INDEX CONCURRENTLY t_x ON t (x);\n");
  migration(
      "V3__drop_it.sql",
      "DROP INDEX CONCURRENTLY t_x;\nCREATE UNIQUE INDEX CONCURRENTLY t_x_unique ON t (x);\n");

  auto migrated = runway({"migrate", "-lockRetryCount=5"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_THAT(
      migrated.err,
      HasSubstr("Migrating schema \"public\" to version \"2 - index\" [non-transactional]"));
  EXPECT_THAT(
      migrated.err,
      HasSubstr("Migrating schema \"public\" to version \"3 - drop it\" [non-transactional]"));
  EXPECT_FALSE(relation_exists("public.t_x"));
  EXPECT_EQ(
      value("SELECT indisvalid FROM pg_index WHERE indexrelid = 'public.t_x_unique'::regclass"),
      "t");
  EXPECT_EQ(history().size(), 3u);
  EXPECT_EQ(runway::test::advisory_lock_count(db()), "0") << "the session lock is released";
}

TEST_F(PostgresCliTest, ExecuteInTransactionFalseCommitsEachStatement) {
  migration("V1__t.sql",
            "CREATE TABLE t (x INT);\nINSERT INTO t VALUES (1);\nINSERT INTO t VALUES ('oops');\n");
  auto failed = runway({"migrate", "-executeInTransaction=false"});
  EXPECT_EQ(failed.exit_code, 1) << describe(failed);
  EXPECT_THAT(failed.err, HasSubstr("[non-transactional]"));
  EXPECT_EQ(value("SELECT count(*) FROM t"), "1") << "statements before the failure stay committed";
  EXPECT_EQ(history(), (std::vector<Row>{{"1", "1", "t", "SQL", "V1__t.sql", "false"}}));
}

TEST_F(PostgresCliTest, MixedStatementsNeedMixed) {
  migration("V1__mixed.sql", "CREATE TABLE t (x INT);\nCREATE INDEX CONCURRENTLY t_x ON t (x);\n");
  auto refused = runway({"migrate"});
  EXPECT_EQ(refused.exit_code, 1) << describe(refused);
  EXPECT_THAT(refused.err,
              HasSubstr("Detected both transactional and non-transactional statements within the "
                        "same migration (even though mixed is false). Offending statement found at "
                        "line 2: CREATE INDEX CONCURRENTLY t_x ON t (x) [non-transactional]"));
  EXPECT_FALSE(relation_exists("public.t"));
  EXPECT_FALSE(relation_exists("public.flyway_schema_history") && history().size() > 0);

  auto mixed = runway({"migrate", "-mixed=true"});
  ASSERT_EQ(mixed.exit_code, 0) << describe(mixed);
  EXPECT_THAT(mixed.err, HasSubstr("[non-transactional]"));
  EXPECT_TRUE(relation_exists("public.t_x"));
}

// The history row goes to the server with the COMMIT. When the server refuses it, the
// migration it records must be rolled back with it, and the error must be the row's own.
TEST_F(PostgresCliTest, ARefusedHistoryRowRollsBackItsMigration) {
  migration("V1__a.sql", "CREATE TABLE a (x INT);\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  ASSERT_TRUE(db().execute(R"sql(
CREATE FUNCTION refuse_c() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.script = 'V3__c.sql' THEN RAISE EXCEPTION 'history is frozen for %', NEW.script; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER refuse_c BEFORE INSERT ON flyway_schema_history
  FOR EACH ROW EXECUTE FUNCTION refuse_c();
)sql"));
  migration("V2__b.sql", "CREATE TABLE b (x INT);\n");
  migration("V3__c.sql", "CREATE TABLE c (x INT);\n");

  auto failed = runway({"migrate"});
  EXPECT_EQ(failed.exit_code, 1) << describe(failed);
  EXPECT_THAT(failed.err,
              HasSubstr("ERROR: Unable to insert row for version '3' in Schema History table "
                        "\"public\".\"flyway_schema_history\"\n"));
  EXPECT_THAT(failed.err, HasSubstr("\nSQL State  : P0001\nError Code : 0\n"
                                    "Message    : history is frozen for V3__c.sql"));
  EXPECT_TRUE(relation_exists("public.b"));
  EXPECT_FALSE(relation_exists("public.c"));
  EXPECT_EQ(history().size(), 2u);

  // In a group the refused row is not the last write: it fails where it is written.
  migration("V4__d.sql", "CREATE TABLE d (x INT);\n");
  auto grouped = runway({"migrate", "-group=true"});
  EXPECT_EQ(grouped.exit_code, 1) << describe(grouped);
  EXPECT_THAT(grouped.err, HasSubstr("history is frozen for V3__c.sql"));
  EXPECT_FALSE(relation_exists("public.c"));
  EXPECT_FALSE(relation_exists("public.d"));
  EXPECT_EQ(history().size(), 2u);
  EXPECT_EQ(runway::test::advisory_lock_count(db()), "0");
}

// runway writes history rows with a prepared statement; a script that deallocates every
// prepared statement of the session must not make the next row unwritable.
TEST_F(PostgresCliTest, AScriptDeallocatingPreparedStatementsDoesNotBreakTheHistory) {
  migration("V1__a.sql", "CREATE TABLE a (x INT);\n");
  migration("V2__deallocate.sql", "DEALLOCATE ALL;\n");
  migration("V3__b.sql", "CREATE TABLE b (x INT);\n");
  migration("V4__deallocate_without_transaction.sql", "DEALLOCATE ALL;\n");
  dir_.write("sql/V4__deallocate_without_transaction.sql.conf", "executeInTransaction=false\n");
  migration("V5__c.sql", "CREATE TABLE c (x INT);\n");
  auto migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_EQ(history().size(), 5u);
  EXPECT_TRUE(relation_exists("public.c"));
}

// DISCARD ALL (which cannot run in a transaction, so runs under the session lock) also
// releases every advisory lock and resets the search_path. runway takes its lock back at
// once, and the next migration still runs in the managed schema.
TEST_F(PostgresCliTest, DiscardAllInAMigrationKeepsTheLockAndTheSchema) {
  migration("V1__a.sql", "CREATE TABLE a (x INT);\n");
  migration("V2__discard.sql", "DISCARD ALL;\n");
  migration("V3__b.sql", "CREATE TABLE b (x INT);\n");
  auto migrated = runway({"migrate", "-schemas=app"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_THAT(migrated.err, HasSubstr("\"2 - discard\" [non-transactional]"));
  EXPECT_EQ(history("\"app\".\"flyway_schema_history\"").size(), 4u)
      << "the schema marker and three migrations";
  EXPECT_TRUE(relation_exists("app.b"));
  EXPECT_EQ(runway::test::advisory_lock_count(db()), "0");
}

// What runway cannot see, it reports: a script that released the lock behind its back.
TEST_F(PostgresCliTest, ALockReleasedByAScriptIsReportedWithTheReason) {
  migration("V1__unlock.sql", "SELECT pg_advisory_unlock_all();\n");
  dir_.write("sql/V1__unlock.sql.conf", "executeInTransaction=false\n");
  auto migrated = runway({"migrate"});
  EXPECT_EQ(migrated.exit_code, 1) << describe(migrated);
  EXPECT_THAT(migrated.err,
              HasSubstr("ERROR: Unable to release PostgreSQL advisory lock: this session no longer "
                        "held it."));
  EXPECT_EQ(history(), (std::vector<Row>{{"1", "1", "unlock", "SQL", "V1__unlock.sql", "true"}}));
}

// PostgreSQL, like runway's splitter, ends a -- comment at a carriage return too, so a file
// with lone-CR line endings runs every statement.
TEST_F(PostgresCliTest, LoneCarriageReturnLineEndingsRunEveryStatement) {
  migration("V1__mac.sql",
            "-- two tables\rCREATE TABLE a (x INT); -- then b\rCREATE TABLE b (x INT);\r");
  auto migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_TRUE(relation_exists("public.a"));
  EXPECT_TRUE(relation_exists("public.b"));
}

// Spec 5.4.1: before each migration the search_path is set to the managed schema, and then
// beforeEachMigrate fires, so its unqualified names land there too, from the first migration.
TEST_F(PostgresCliTest, BeforeEachMigrateRunsInTheManagedSchema) {
  dir_.write("sql/beforeEachMigrate.sql", "CREATE TABLE IF NOT EXISTS callback_ran (x INT);\n");
  migration("V1__a.sql", "CREATE TABLE a (x INT);\n");
  migration("V2__b.sql", "CREATE TABLE b (x INT);\n");
  auto migrated = runway({"migrate", "-schemas=app"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_TRUE(relation_exists("app.callback_ran"));
  EXPECT_FALSE(relation_exists("public.callback_ran"));
  EXPECT_TRUE(relation_exists("app.b"));
}

TEST_F(PostgresCliTest, GroupRollsBackTheWholeGroup) {
  migration("V1__a.sql", "CREATE TABLE a (x INT);\n");
  migration("V2__b.sql", "CREATE TABLE b (x INT);\n");
  migration("V3__broken.sql", "SELECT * FROM nowhere;\n");
  auto failed = runway({"migrate", "-group=true"});
  EXPECT_EQ(failed.exit_code, 1) << describe(failed);
  EXPECT_FALSE(relation_exists("public.a"));
  EXPECT_FALSE(relation_exists("public.b"));
  EXPECT_EQ(history().size(), 0u);

  migration("V3__broken.sql", "SELECT 1;\n");
  auto grouped = runway({"migrate", "-group=true"});
  ASSERT_EQ(grouped.exit_code, 0) << describe(grouped);
  EXPECT_EQ(history().size(), 3u);
  // One transaction: the rows share now(), the transaction's start time.
  EXPECT_EQ(value("SELECT count(DISTINCT installed_on) FROM flyway_schema_history"), "1");
}

TEST_F(PostgresCliTest, GroupWithANonTransactionalMigrationNeedsMixed) {
  migration("V1__a.sql", "CREATE TABLE a (x INT);\n");
  migration("V2__index.sql", "CREATE INDEX CONCURRENTLY a_x ON a (x);\n");
  auto refused = runway({"migrate", "-group=true"});
  EXPECT_EQ(refused.exit_code, 1) << describe(refused);
  EXPECT_THAT(refused.err,
              HasSubstr("Detected both transactional and non-transactional migrations within the "
                        "same migration group (even though mixed is false). First offending "
                        "migration: \"2 - index\" [non-transactional]"));
  auto mixed = runway({"migrate", "-group=true", "-mixed=true"});
  ASSERT_EQ(mixed.exit_code, 0) << describe(mixed);
  EXPECT_TRUE(relation_exists("public.a_x"));
  EXPECT_EQ(history().size(), 2u);
}

TEST_F(PostgresCliTest, TemporaryTableOnCommitDropLivesAcrossTheFile) {
  migration("V1__prices.sql", "CREATE TABLE price (sku TEXT PRIMARY KEY, cents INT);\n");
  migration("V2__import.sql",
            "CREATE TEMPORARY TABLE incoming (sku TEXT, euros NUMERIC) ON COMMIT DROP;\n"
            "INSERT INTO incoming VALUES ('a', 1.50), ('b', 20);\n"
            "INSERT INTO price SELECT sku, (euros * 100)::int FROM incoming;\n");
  auto migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_EQ(value("SELECT string_agg(sku || '=' || cents, ',' ORDER BY sku) FROM price"),
            "a=150,b=2000");
}

// Flyway sends BEGIN and COMMIT to the server like any statement: BEGIN inside the
// migration's transaction only draws a warning, COMMIT ends that transaction early. A file
// wrapped in BEGIN; ... COMMIT; therefore applies as a whole.
TEST_F(PostgresCliTest, ExplicitBeginAndCommitInAFile) {
  migration("V1__wrapped.sql",
            "BEGIN;\nCREATE TABLE w (x INT);\nINSERT INTO w VALUES (1);\nCOMMIT;\n");
  auto migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_THAT(
      migrated.err,
      HasSubstr("WARNING: DB: there is already a transaction in progress (SQL State: 25001"));
  EXPECT_THAT(migrated.err,
              HasSubstr("WARNING: DB: there is no transaction in progress (SQL State: 25P01"))
      << "runway's own COMMIT finds the file's COMMIT has ended its transaction";
  EXPECT_EQ(value("SELECT count(*) FROM w"), "1");
  EXPECT_EQ(history(), (std::vector<Row>{{"1", "1", "wrapped", "SQL", "V1__wrapped.sql", "true"}}));
}

// With executeInTransaction=false the file's own BEGIN ... COMMIT is a real transaction: a
// failure inside it rolls back that part only, and the Failed row says so.
TEST_F(PostgresCliTest, OwnTransactionsInANonTransactionalMigration) {
  migration("V1__own.sql",
            "CREATE TABLE kept (x INT);\n"
            "BEGIN;\nCREATE TABLE lost (x INT);\nINSERT INTO lost VALUES ('bad');\nCOMMIT;\n");
  auto failed = runway({"migrate", "-executeInTransaction=false"});
  EXPECT_EQ(failed.exit_code, 1) << describe(failed);
  EXPECT_THAT(failed.err, HasSubstr("Line       : 4"));
  EXPECT_TRUE(relation_exists("public.kept"));
  EXPECT_FALSE(relation_exists("public.lost"));
  EXPECT_EQ(history(), (std::vector<Row>{{"1", "1", "own", "SQL", "V1__own.sql", "false"}}));
}

TEST_F(PostgresCliTest, CopyFromStdinWithTabsBackslashesAndNulls) {
  migration("V1__copy.sql",
            "CREATE TABLE note (id INT, body TEXT, extra TEXT);\n"
            "COPY note (id, body, extra) FROM stdin;\n"
            "1\tplain\t\\N\n"
            "2\ttab\\there\tback\\\\slash\n"
            "3\tline\\nbreak\t\n"
            "\\.\n"
            "INSERT INTO note VALUES (4, 'after the copy', NULL);\n");
  auto migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_EQ(rows("SELECT id::text, body, extra FROM note ORDER BY id"),
            (std::vector<Row>{{"1", "plain", std::nullopt},
                              {"2", "tab\there", "back\\slash"},
                              {"3", "line\nbreak", ""},
                              {"4", "after the copy", std::nullopt}}));
}

TEST_F(PostgresCliTest, BadCopyDataFailsWithTheFileAndLine) {
  migration("V1__copy.sql",
            "CREATE TABLE n (id INT);\n\nCOPY n FROM STDIN;\n1\nnot a number\n\\.\n");
  auto failed = runway({"migrate"});
  EXPECT_EQ(failed.exit_code, 1) << describe(failed);
  EXPECT_THAT(failed.err, HasSubstr("SQL State  : 22P02"));
  EXPECT_THAT(failed.err, HasSubstr("Line       : 3"));
  EXPECT_FALSE(relation_exists("public.n"));
}

TEST_F(PostgresCliTest, PlpgsqlFunctionsTriggersAndDoBlocks) {
  migration("V1__audit.sql", R"sql(
CREATE TABLE account (id INT PRIMARY KEY, balance NUMERIC NOT NULL);
CREATE TABLE account_log (id INT, old_balance NUMERIC, new_balance NUMERIC);

CREATE FUNCTION log_balance() RETURNS trigger LANGUAGE plpgsql AS $body$
DECLARE
  note TEXT := 'it''s; not the end';  -- a semicolon inside the body
BEGIN
  IF NEW.balance < 0 THEN
    RAISE EXCEPTION 'negative balance for %', NEW.id;
  END IF;
  INSERT INTO account_log VALUES (NEW.id, OLD.balance, NEW.balance);
  RETURN NEW;
END;
$body$;

CREATE TRIGGER account_balance AFTER UPDATE ON account
  FOR EACH ROW EXECUTE FUNCTION log_balance();

DO $do$
BEGIN
  FOR i IN 1..3 LOOP
    INSERT INTO account VALUES (i, i * 10);
  END LOOP;
  UPDATE account SET balance = balance + 1 WHERE id = 2;
END
$do$;
)sql");
  auto migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_EQ(value("SELECT count(*) FROM account"), "3");
  EXPECT_EQ(value("SELECT new_balance FROM account_log"), "21");

  migration("V2__overdraw.sql", "UPDATE account SET balance = -5 WHERE id = 1;\n");
  auto failed = runway({"migrate"});
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_THAT(failed.err, HasSubstr("SQL State  : P0001"));
  EXPECT_THAT(failed.err, HasSubstr("Message    : negative balance for 1"));
}

// A migration may look at and change the history table it is recorded in (for example to
// rename a description after a refactoring); its own row is added after it.
TEST_F(PostgresCliTest, MigrationReadsAndUpdatesTheHistoryTable) {
  migration("V1__first.sql", "CREATE TABLE t (x INT);\n");
  migration(
      "V2__rewrite_history.sql",
      "INSERT INTO t SELECT count(*) FROM flyway_schema_history;\n"
      "UPDATE flyway_schema_history SET description = 'first, renamed' WHERE version = '1';\n");
  auto migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_EQ(value("SELECT x FROM t"), "1") << "the migration saw the row of V1";
  EXPECT_EQ(
      history(),
      (std::vector<Row>{{"1", "1", "first, renamed", "SQL", "V1__first.sql", "true"},
                        {"2", "2", "rewrite history", "SQL", "V2__rewrite_history.sql", "true"}}));
  auto validated = runway({"validate"});
  EXPECT_EQ(validated.exit_code, 1) << "the renamed description no longer matches the file";
  EXPECT_THAT(validated.err, HasSubstr("Migration description mismatch for migration version 1"));
}

}  // namespace
}  // namespace runway::testing
