// SQLite splitting: trigger bodies, transaction control, quoted identifiers, PRAGMA.
#include <gtest/gtest.h>

#include "unit/splitter_test_support.h"

namespace runway::testing {
namespace {

Texts sqlite_texts(const std::string& sql) {
  return split_texts(SqlDialect::Sqlite, sql);
}

TEST(SplitterSqlite, TriggerBodyIsPartOfItsStatement) {
  const std::string trigger =
      "CREATE TRIGGER audit AFTER UPDATE ON t\n"
      "BEGIN\n"
      "  INSERT INTO log VALUES (old.id, 'updated; really');\n"
      "  UPDATE t SET flag = CASE WHEN new.a > 0 THEN 1 ELSE 0 END WHERE id = new.id;\n"
      "  SELECT RAISE(ABORT, 'no') WHERE (SELECT CASE WHEN 1 THEN 0 END) = 1;\n"
      "END";
  const SplitOutcome out = split(SqlDialect::Sqlite, "SELECT 1;\n" + trigger + ";\nSELECT 2;");
  ASSERT_EQ(out.texts(), (Texts{"SELECT 1", trigger, "SELECT 2"})) << out.describe();
  EXPECT_EQ(out.statements[2].line, 8);
}

TEST(SplitterSqlite, CaseOutsideTriggersOpensAndClosesABlock) {
  EXPECT_EQ(sqlite_texts("SELECT CASE x WHEN 1 THEN 'a;' END FROM t;SELECT 2;"),
            (Texts{"SELECT CASE x WHEN 1 THEN 'a;' END FROM t", "SELECT 2"}));
}

// Flyway treats these BEGINs as blocks and fails with "Incomplete statement".
TEST(SplitterSqlite, TransactionControlStatementsAreOrdinary) {
  EXPECT_EQ(sqlite_texts("BEGIN TRANSACTION;\nCREATE TABLE t (a);\nCOMMIT;\n"
                         "BEGIN;\nEND TRANSACTION;\n"
                         "begin immediate;\nEND;\n"
                         "BEGIN DEFERRED TRANSACTION;\nROLLBACK;\n"
                         "BEGIN EXCLUSIVE;\ncommit transaction;"),
            (Texts{"BEGIN TRANSACTION", "CREATE TABLE t (a)", "COMMIT", "BEGIN", "END TRANSACTION",
                   "begin immediate", "END", "BEGIN DEFERRED TRANSACTION", "ROLLBACK",
                   "BEGIN EXCLUSIVE", "commit transaction"}));
}

TEST(SplitterSqlite, TriggerInsideAnExplicitTransaction) {
  EXPECT_EQ(
      sqlite_texts("BEGIN;\nCREATE TRIGGER tr AFTER INSERT ON t BEGIN DELETE FROM u; END;\n"
                   "COMMIT;"),
      (Texts{"BEGIN", "CREATE TRIGGER tr AFTER INSERT ON t BEGIN DELETE FROM u; END", "COMMIT"}));
}

TEST(SplitterSqlite, StrayEndFailsWithItsPosition) {
  const SplitOutcome out = split(SqlDialect::Sqlite, "SELECT 1;\nSELECT 2\n  END;");
  EXPECT_EQ(out.describe(),
            "1:1 [SELECT 1] data []\n"
            "error: Parsing failed: unable to decrease block depth below 0 @3:3");
}

TEST(SplitterSqlite, UnfinishedTriggerIsIncomplete) {
  const SplitOutcome out =
      split(SqlDialect::Sqlite, "CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n DELETE FROM u;\n");
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message,
            "Incomplete statement at line 1 col 1: CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n "
            "DELETE FROM u;");
}

TEST(SplitterSqlite, BacktickAndBracketIdentifiersHideDelimiters) {
  EXPECT_EQ(sqlite_texts("SELECT `a;``b`, [c;d] FROM [t;];SELECT 2;"),
            (Texts{"SELECT `a;``b`, [c;d] FROM [t;]", "SELECT 2"}));
}

TEST(SplitterSqlite, DollarIsNotAQuote) {
  EXPECT_EQ(sqlite_texts("SELECT $a;SELECT $$;SELECT 3;"),
            (Texts{"SELECT $a", "SELECT $$", "SELECT 3"}));
}

TEST(SplitterSqlite, PragmaForeignKeysIsNonTransactional) {
  const SplitOutcome out = split(SqlDialect::Sqlite,
                                 "PRAGMA foreign_keys = OFF;\nPRAGMA journal_mode = WAL;\n"
                                 "VACUUM;\nCREATE DATABASE x;");
  ASSERT_EQ(out.statements.size(), 4u) << out.describe();
  EXPECT_TRUE(out.statements[0].non_transactional);
  EXPECT_FALSE(out.statements[1].non_transactional);
  EXPECT_FALSE(out.statements[2].non_transactional);
  EXPECT_FALSE(out.statements[3].non_transactional);
}

}  // namespace
}  // namespace runway::testing
