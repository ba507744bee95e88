// Statements, queries, COPY, notices and transactions through the Database interface, on a
// real PostgreSQL server.
#include <gtest/gtest.h>

#include <vector>

#include "db/drivers.h"
#include "support/postgres_test_database.h"

namespace runway::test {
namespace {

using PostgresStatementsTest = PostgresConnectedTest;

TEST_F(PostgresStatementsTest, ReportsProductAndVersion) {
  EXPECT_EQ(db().product_name(), "PostgreSQL");
  EXPECT_EQ(db().dialect(), SqlDialect::Postgres);
  EXPECT_GE(db().major_version(), 13);
  const std::string server_version = query_text(db(), "SHOW server_version");
  EXPECT_TRUE(server_version.starts_with(db().product_version())) << server_version;
  EXPECT_EQ(query_text(db(), "SHOW application_name"), "runway");
}

TEST_F(PostgresStatementsTest, ExecuteReturnsRowsAsTextWithNulls) {
  auto result = db().execute("SELECT 1 AS one, NULL::text AS nothing, 'a''b' AS quoted");
  ASSERT_TRUE(result) << result.error().message;
  EXPECT_EQ(result->columns, (std::vector<std::string>{"one", "nothing", "quoted"}));
  ASSERT_EQ(result->rows.size(), 1u);
  EXPECT_EQ(result->rows[0], (std::vector<SqlValue>{"1", std::nullopt, "a'b"}));
}

TEST_F(PostgresStatementsTest, ExecuteReportsAffectedRows) {
  ASSERT_TRUE(db().execute("CREATE TABLE t (n int)"));
  auto inserted = db().execute("INSERT INTO t SELECT generate_series(1, 3)");
  ASSERT_TRUE(inserted);
  EXPECT_EQ(inserted->affected_rows, 3);
  EXPECT_TRUE(inserted->columns.empty());
  auto empty = db().execute("  ");
  ASSERT_TRUE(empty);
  EXPECT_TRUE(empty->rows.empty());
}

TEST_F(PostgresStatementsTest, QueryBindsParametersAndNulls) {
  ASSERT_TRUE(db().execute("CREATE TABLE t (id int, name text)"));
  const SqlValue row1[] = {"1", "it's \"quoted\""};
  const SqlValue row2[] = {"2", std::nullopt};
  const std::string insert =
      "INSERT INTO t VALUES (" + db().parameter(1) + ", " + db().parameter(2) + ")";
  ASSERT_TRUE(db().query(insert, row1));
  ASSERT_TRUE(db().query(insert, row2));
  const SqlValue id[] = {"2"};
  auto result = db().query("SELECT name, name IS NULL FROM t WHERE id = $1", id);
  ASSERT_TRUE(result) << result.error().message;
  ASSERT_EQ(result->rows.size(), 1u);
  EXPECT_EQ(result->rows[0], (std::vector<SqlValue>{std::nullopt, "t"}));
  EXPECT_EQ(query_text(db(), "SELECT name FROM t WHERE id = 1"), "it's \"quoted\"");
}

TEST_F(PostgresStatementsTest, ErrorsCarrySqlStateMessageAndStatement) {
  auto missing = db().execute("SELECT * FROM no_such_table");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code, ErrorCode::DbConnection);
  ASSERT_TRUE(missing.error().sql);
  EXPECT_EQ(missing.error().sql->sql_state, "42P01");
  EXPECT_EQ(missing.error().sql->vendor_code, 0);
  EXPECT_EQ(missing.error().sql->message, "relation \"no_such_table\" does not exist");
  EXPECT_EQ(missing.error().sql->statement, "SELECT * FROM no_such_table");

  ASSERT_TRUE(db().execute("CREATE TABLE t (id int PRIMARY KEY)"));
  ASSERT_TRUE(db().execute("INSERT INTO t VALUES (1)"));
  auto duplicate = db().execute("INSERT INTO t VALUES (1)");
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().sql->sql_state, "23505");
  EXPECT_EQ(duplicate.error().sql->message,
            "duplicate key value violates unique constraint \"t_pkey\"\n"
            "  Detail: Key (id)=(1) already exists.");
  EXPECT_EQ(duplicate.error().message, duplicate.error().sql->message);

  const SqlValue params[] = {"x"};
  auto bad_parameter = db().query("SELECT $1::int", params);
  ASSERT_FALSE(bad_parameter);
  EXPECT_EQ(bad_parameter.error().sql->sql_state, "22P02");
}

TEST_F(PostgresStatementsTest, NoticesReachTheHandler) {
  std::vector<DbNotice> notices;
  db().set_notice_handler([&notices](const DbNotice& notice) { notices.push_back(notice); });
  ASSERT_TRUE(
      db().execute("DO $$ BEGIN RAISE NOTICE 'hi'; RAISE WARNING 'careful' "
                   "USING ERRCODE = '01007'; END $$"));
  ASSERT_EQ(notices.size(), 2u);
  EXPECT_EQ(notices[0].severity, "NOTICE");
  EXPECT_EQ(notices[0].sql_state, "00000");
  EXPECT_EQ(notices[0].message, "hi");
  EXPECT_EQ(notices[1].severity, "WARNING");
  EXPECT_EQ(notices[1].sql_state, "01007");
  EXPECT_EQ(notices[1].message, "careful");
}

TEST_F(PostgresStatementsTest, RollbackUndoesAndCommitKeeps) {
  ASSERT_TRUE(db().execute("CREATE TABLE t (n int)"));
  EXPECT_FALSE(db().in_transaction());
  ASSERT_TRUE(db().begin());
  EXPECT_TRUE(db().in_transaction());
  ASSERT_TRUE(db().execute("INSERT INTO t VALUES (1)"));
  ASSERT_TRUE(db().rollback());
  EXPECT_FALSE(db().in_transaction());
  EXPECT_EQ(query_text(db(), "SELECT count(*) FROM t"), "0");

  ASSERT_TRUE(db().begin());
  ASSERT_TRUE(db().execute("INSERT INTO t VALUES (2)"));
  ASSERT_TRUE(db().commit());
  EXPECT_EQ(query_text(db(), "SELECT count(*) FROM t"), "1");
}

// PostgreSQL answers COMMIT of a failed transaction with ROLLBACK and no error.
TEST_F(PostgresStatementsTest, CommitOfAFailedTransactionIsAnError) {
  ASSERT_TRUE(db().execute("CREATE TABLE t (n int)"));
  ASSERT_TRUE(db().begin());
  ASSERT_TRUE(db().execute("INSERT INTO t VALUES (1)"));
  EXPECT_FALSE(db().execute("SELECT 1/0"));
  EXPECT_TRUE(db().in_transaction());
  auto committed = db().commit();
  ASSERT_FALSE(committed);
  EXPECT_EQ(committed.error().sql->sql_state, "25P02");
  EXPECT_FALSE(db().in_transaction());
  EXPECT_EQ(query_text(db(), "SELECT count(*) FROM t"), "0");
}

// The last write of a transaction travels with the COMMIT: it counts like any write, and its
// error, explained as the caller asked and reported by commit() with its own statement,
// leaves nothing committed.
TEST_F(PostgresStatementsTest, AWriteHeldForTheCommitIsCommittedOrReportedByIt) {
  const Database::WriteErrorContext explain = [](Error error) {
    error.message = "writing t: " + error.message;
    return error;
  };
  ASSERT_TRUE(db().execute("CREATE TABLE t (n int)"));
  const SqlValue good[] = {"7"};
  ASSERT_TRUE(db().begin());
  ASSERT_TRUE(db().execute("INSERT INTO t VALUES (1)"));
  ASSERT_TRUE(db().modify_before_commit("INSERT INTO t VALUES ($1::int)", good, explain));
  ASSERT_TRUE(db().commit());
  EXPECT_EQ(query_text(db(), "SELECT string_agg(n::text, ',' ORDER BY n) FROM t"), "1,7");

  const SqlValue bad[] = {"seven"};
  ASSERT_TRUE(db().begin());
  ASSERT_TRUE(db().execute("INSERT INTO t VALUES (2)"));
  ASSERT_TRUE(db().modify_before_commit("INSERT INTO t VALUES ($1::int)", bad, explain));
  auto committed = db().commit();
  ASSERT_FALSE(committed);
  EXPECT_EQ(committed.error().sql->sql_state, "22P02");
  EXPECT_EQ(committed.error().sql->statement, "INSERT INTO t VALUES ($1::int)");
  EXPECT_TRUE(committed.error().message.starts_with("writing t: ")) << committed.error().message;
  EXPECT_NE(committed.error().message.find("seven"), std::string::npos)
      << committed.error().message;
  EXPECT_TRUE(db().in_transaction()) << "the failed transaction awaits its rollback";
  ASSERT_TRUE(db().rollback());
  EXPECT_EQ(query_text(db(), "SELECT string_agg(n::text, ',' ORDER BY n) FROM t"), "1,7");

  // A rollback drops a held write unsent; a statement after it sends it first.
  ASSERT_TRUE(db().begin());
  ASSERT_TRUE(db().modify_before_commit("INSERT INTO t VALUES ($1::int)", good, explain));
  ASSERT_TRUE(db().rollback());
  ASSERT_TRUE(db().begin());
  ASSERT_TRUE(db().modify_before_commit("INSERT INTO t VALUES (8)", {}, explain));
  EXPECT_EQ(query_text(db(), "SELECT count(*) FROM t WHERE n = 8"), "1");
  ASSERT_TRUE(db().commit());
  EXPECT_EQ(query_text(db(), "SELECT string_agg(n::text, ',' ORDER BY n) FROM t"), "1,7,8");
}

// What pg_dump writes: tabs between columns, escaped backslashes and tabs, \N for NULL.
// A transaction's statements go out in one pipeline (Database::send_ahead) and their answers
// come back in order; outside a transaction each statement runs alone.
TEST_F(PostgresStatementsTest, StatementsSentAheadAnswerInOrder) {
  auto outside = db().send_ahead("SELECT 1");
  ASSERT_TRUE(outside);
  EXPECT_FALSE(*outside);

  ASSERT_TRUE(db().begin());
  for (const char* sql : {"CREATE TABLE ahead (n int)", "INSERT INTO ahead VALUES (1), (2)",
                          "SELECT n FROM ahead ORDER BY n"}) {
    auto sent = db().send_ahead(sql);
    ASSERT_TRUE(sent) << sent.error().message;
    EXPECT_TRUE(*sent) << sql;
  }
  std::vector<QueryResult> answers;
  auto collected = db().collect_sent([&](const QueryResult& r) { answers.push_back(r); });
  ASSERT_TRUE(collected) << collected.error().message;
  ASSERT_EQ(answers.size(), 3u);
  EXPECT_EQ(answers[1].affected_rows, 2);
  EXPECT_EQ(answers[2].rows, (std::vector<std::vector<SqlValue>>{{"1"}, {"2"}}));
  ASSERT_TRUE(db().commit());
  EXPECT_EQ(query_text(db(), "SELECT count(*) FROM ahead"), "2");
}

// The server skips what follows a failure: the statements before it answer, the failed one
// reports its error, and the connection is fit for the rollback and what comes after.
TEST_F(PostgresStatementsTest, AFailureAmongStatementsSentAheadStopsThere) {
  ASSERT_TRUE(db().begin());
  for (const char* sql : {"CREATE TABLE ahead (n int)", "INSERT INTO ahead VALUES ('x')",
                          "INSERT INTO ahead VALUES (3)"}) {
    auto sent = db().send_ahead(sql);
    ASSERT_TRUE(sent && *sent) << sql;
  }
  int answered = 0;
  auto collected = db().collect_sent([&](const QueryResult&) { ++answered; });
  ASSERT_FALSE(collected);
  EXPECT_EQ(answered, 1);
  ASSERT_TRUE(collected.error().sql);
  EXPECT_EQ(collected.error().sql->sql_state, "22P02");
  ASSERT_TRUE(db().rollback());
  EXPECT_EQ(query_text(db(), "SELECT to_regclass('ahead') IS NULL"), "t");
}

TEST_F(PostgresStatementsTest, CopyFromStdinArrivesExactly) {
  ASSERT_TRUE(db().execute("CREATE TABLE t (id int, body text)"));
  const std::vector<std::string> chunks = {"1\tplain\n", "2\tback\\\\slash and \\ttab\n",
                                           "3\t\\N\n", "4\tunicode \xC3\xA9\n"};
  auto copied = db().copy_in("COPY t (id, body) FROM STDIN",
                             [&chunks](const StatementSplitter::CopySink& sink) -> Result<void> {
                               for (const std::string& chunk : chunks) RUNWAY_TRY(sink(chunk));
                               return {};
                             });
  ASSERT_TRUE(copied) << copied.error().message;
  EXPECT_EQ(*copied, 4);
  auto rows = db().query("SELECT body FROM t ORDER BY id");
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->rows.size(), 4u);
  EXPECT_EQ(rows->rows[0][0], "plain");
  EXPECT_EQ(rows->rows[1][0], "back\\slash and \ttab");
  EXPECT_EQ(rows->rows[2][0], std::nullopt);
  EXPECT_EQ(rows->rows[3][0], "unicode \xC3\xA9");
}

TEST_F(PostgresStatementsTest, CopyWithBadDataFailsAndLeavesNothing) {
  ASSERT_TRUE(db().execute("CREATE TABLE t (id int)"));
  auto copied = db().copy_in("COPY t FROM STDIN",
                             [](const StatementSplitter::CopySink& sink) -> Result<void> {
                               RUNWAY_TRY(sink("1\n"));
                               return sink("not a number\n");
                             });
  ASSERT_FALSE(copied);
  EXPECT_EQ(copied.error().sql->sql_state, "22P02");
  EXPECT_EQ(query_text(db(), "SELECT count(*) FROM t"), "0");
  EXPECT_EQ(query_text(db(), "SELECT 'still usable'"), "still usable");
}

TEST_F(PostgresStatementsTest, CopyAbortedByItsDataSourceReportsThatError) {
  ASSERT_TRUE(db().execute("CREATE TABLE t (id int)"));
  auto copied = db().copy_in("COPY t FROM STDIN",
                             [](const StatementSplitter::CopySink& sink) -> Result<void> {
                               RUNWAY_TRY(sink("1\n"));
                               return fail(ErrorCode::Error, "script ended inside COPY data");
                             });
  ASSERT_FALSE(copied);
  EXPECT_EQ(copied.error().message, "script ended inside COPY data");
  EXPECT_EQ(query_text(db(), "SELECT count(*) FROM t"), "0");
}

// A COPY that reaches execute() or a plain statement that reaches copy_in() fails cleanly
// and leaves the connection usable.
TEST_F(PostgresStatementsTest, CopyThroughTheWrongDoorFailsCleanly) {
  ASSERT_TRUE(db().execute("CREATE TABLE t (id int)"));
  auto via_execute = db().execute("COPY t FROM STDIN");
  ASSERT_FALSE(via_execute);
  EXPECT_EQ(via_execute.error().sql->sql_state, "57014");
  auto copy_out = db().execute("COPY t TO STDOUT");
  EXPECT_FALSE(copy_out);
  auto not_copy =
      db().copy_in("SELECT 1", [](const StatementSplitter::CopySink&) { return Result<void>(); });
  EXPECT_FALSE(not_copy);
  EXPECT_EQ(query_text(db(), "SELECT count(*) FROM t"), "0");
}

TEST_F(PostgresStatementsTest, InitSqlRunsOnConnect) {
  ConnectionOptions options = database().connection();
  options.init_sql = "SET application_name = 'from_init'; SET statement_timeout = '7s'";
  auto initialized = connect(options);
  ASSERT_TRUE(initialized);
  EXPECT_EQ(query_text(*initialized, "SHOW application_name"), "from_init");
  EXPECT_EQ(query_text(*initialized, "SHOW statement_timeout"), "7s");

  options.init_sql = "SELECT * FROM missing_table";
  auto failed = open_postgres(options);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().sql->sql_state, "42P01");
}

}  // namespace
}  // namespace runway::test
