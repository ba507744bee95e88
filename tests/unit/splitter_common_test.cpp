// Splitting rules both dialects share (spec 9.2, 9.3).
#include <gtest/gtest.h>

#include "unit/splitter_test_support.h"

namespace runway::testing {
namespace {

class SplitterCommonTest : public ::testing::TestWithParam<SqlDialect> {
 protected:
  Texts texts(const std::string& sql) { return split_texts(GetParam(), sql); }
  SplitOutcome outcome(const std::string& sql) { return split(GetParam(), sql); }
};

TEST_P(SplitterCommonTest, SplitsAtDelimitersAndReportsWhereEachStatementStarts) {
  const SplitOutcome out = outcome("SELECT 1;\nSELECT 2;\n\n  SELECT\n 3 ;");
  ASSERT_FALSE(out.error) << out.describe();
  EXPECT_EQ(out.texts(), (Texts{"SELECT 1", "SELECT 2", "SELECT\n 3"}));
  ASSERT_EQ(out.statements.size(), 3u);
  EXPECT_EQ(out.statements[0].line, 1);
  EXPECT_EQ(out.statements[0].column, 1);
  EXPECT_EQ(out.statements[1].line, 2);
  EXPECT_EQ(out.statements[1].column, 1);
  EXPECT_EQ(out.statements[2].line, 4);
  EXPECT_EQ(out.statements[2].column, 3);
}

TEST_P(SplitterCommonTest, KeepsTheLastStatementWithoutDelimiter) {
  EXPECT_EQ(texts("SELECT 1;\nSELECT 2\n"), (Texts{"SELECT 1", "SELECT 2"}));
}

TEST_P(SplitterCommonTest, EmptyStatementsAndCommentOnlyTailsYieldNothing) {
  EXPECT_EQ(texts(""), Texts{});
  EXPECT_EQ(texts(" \n\t\r\n"), Texts{});
  EXPECT_EQ(texts(";"), Texts{});
  EXPECT_EQ(texts("SELECT 1;;\n;"), (Texts{"SELECT 1"}));
  EXPECT_EQ(texts("-- c\n;SELECT 1;"), (Texts{"SELECT 1"}));
  EXPECT_EQ(texts("SELECT 1;\n-- the end\n/* really */\n"), (Texts{"SELECT 1"}));
}

TEST_P(SplitterCommonTest, LeadingCommentsBelongToTheStatementButNotToItsPosition) {
  const SplitOutcome out = outcome("SELECT 1; -- about two\n  /* x */ SELECT 2;");
  ASSERT_FALSE(out.error) << out.describe();
  EXPECT_EQ(out.texts(), (Texts{"SELECT 1", "-- about two\n  /* x */ SELECT 2"}));
  EXPECT_EQ(out.statements[1].line, 2);
  EXPECT_EQ(out.statements[1].column, 11);
}

TEST_P(SplitterCommonTest, ColumnsCountCharactersNotBytes) {
  const SplitOutcome out = outcome("SELECT 'é'; SELECT 2;");
  ASSERT_EQ(out.statements.size(), 2u) << out.describe();
  EXPECT_EQ(out.statements[1].column, 13);
}

TEST_P(SplitterCommonTest, CountsLinesOfCrLfFiles) {
  const SplitOutcome out = outcome("SELECT 1;\r\n\r\nSELECT 2;\r\n");
  ASSERT_EQ(out.statements.size(), 2u) << out.describe();
  EXPECT_EQ(out.statements[1].text, "SELECT 2");
  EXPECT_EQ(out.statements[1].line, 3);
}

// As in Flyway, a -- comment ends at a line break of any style: in a file with lone-CR line
// endings it must not swallow the statements after it.
TEST_P(SplitterCommonTest, LineCommentsEndAtACarriageReturnToo) {
  const SplitOutcome out =
      outcome("-- two tables\rCREATE TABLE a (x INT); -- a\rCREATE TABLE b (x INT);\r");
  EXPECT_EQ(out.texts(),
            (Texts{"-- two tables\rCREATE TABLE a (x INT)", "-- a\rCREATE TABLE b (x INT)"}))
      << out.describe();
}

TEST_P(SplitterCommonTest, DelimitersInsideStringsAndIdentifiersDoNotSplit) {
  EXPECT_EQ(texts("INSERT INTO t VALUES ('a;''b', 'c\\');SELECT \"x;\"\"y\" FROM t;"),
            (Texts{"INSERT INTO t VALUES ('a;''b', 'c\\')", "SELECT \"x;\"\"y\" FROM t"}));
}

TEST_P(SplitterCommonTest, CommentsHideDelimitersAndQuotes) {
  EXPECT_EQ(texts("-- it's; here\nSELECT 1; /* a 'b'; \"c */ SELECT 2;"),
            (Texts{"-- it's; here\nSELECT 1", "/* a 'b'; \"c */ SELECT 2"}));
}

TEST_P(SplitterCommonTest, BlockCommentsNest) {
  EXPECT_EQ(texts("/* a /* b; */ c; */ SELECT 1; SELECT 2;"),
            (Texts{"/* a /* b; */ c; */ SELECT 1", "SELECT 2"}));
}

TEST_P(SplitterCommonTest, TrailingCommentBeforeTheDelimiterStays) {
  EXPECT_EQ(texts("SELECT 1 /* one */;"), (Texts{"SELECT 1 /* one */"}));
}

TEST_P(SplitterCommonTest, DelimitersInsideParenthesesDoNotSplit) {
  EXPECT_EQ(texts("SELECT f(1, (2;3));SELECT 2;"), (Texts{"SELECT f(1, (2;3))", "SELECT 2"}));
}

// Flyway loses the first `(` of such a statement.
TEST_P(SplitterCommonTest, KeepsAnOpeningParenthesisAtTheStart) {
  const SplitOutcome out = outcome("(SELECT 1) UNION (SELECT 2);");
  ASSERT_EQ(out.texts(), (Texts{"(SELECT 1) UNION (SELECT 2)"})) << out.describe();
  EXPECT_EQ(out.statements[0].column, 1);
}

TEST_P(SplitterCommonTest, BackslashEscapesInPrefixedStringsOfEitherCase) {
  EXPECT_EQ(texts("SELECT E'It\\'s;';SELECT e'It\\'s;';SELECT 2;"),
            (Texts{"SELECT E'It\\'s;'", "SELECT e'It\\'s;'", "SELECT 2"}));
  EXPECT_EQ(texts("SELECT B'1\\';', X'4\\'1';SELECT 2;"),
            (Texts{"SELECT B'1\\';', X'4\\'1'", "SELECT 2"}));
}

TEST_P(SplitterCommonTest, UnicodeEscapeStringsUseDoubledQuotesOnly) {
  EXPECT_EQ(texts("SELECT U&'d\\0061t'';a';SELECT 2;"),
            (Texts{"SELECT U&'d\\0061t'';a'", "SELECT 2"}));
}

TEST_P(SplitterCommonTest, NonBreakingSpaceIsWhitespace) {
  EXPECT_EQ(texts("SELECT 1;\u00A0"), (Texts{"SELECT 1"}));
  EXPECT_EQ(texts("SELECT\u00A01;\u00A0\n\u00A0"), (Texts{"SELECT\u00A01"}));
  const SplitOutcome out = outcome("\u00A0SELECT 1;");
  ASSERT_EQ(out.texts(), (Texts{"SELECT 1"})) << out.describe();
  EXPECT_EQ(out.statements[0].column, 2);
}

TEST_P(SplitterCommonTest, NonAsciiIdentifiersAreWords) {
  EXPECT_EQ(texts("SELECT café FROM naïve;SELECT 2;"),
            (Texts{"SELECT café FROM naïve", "SELECT 2"}));
}

TEST_P(SplitterCommonTest, UnterminatedStringIsAnIncompleteStatement) {
  const SplitOutcome out = outcome("SELECT 1;\n  SELECT 'abc;\n\n");
  EXPECT_EQ(out.texts(), (Texts{"SELECT 1"}));
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message, "Incomplete statement at line 2 col 3: SELECT 'abc;");
  ASSERT_TRUE(out.error->location);
  EXPECT_EQ(out.error->location->line, 2);
  EXPECT_EQ(out.error->location->column, 3);
}

TEST_P(SplitterCommonTest, UnterminatedQuotesCommentsAndParenthesesAreIncomplete) {
  EXPECT_EQ(outcome("SELECT \"abc;").describe(),
            "error: Incomplete statement at line 1 col 1: SELECT \"abc; @1:1");
  EXPECT_EQ(outcome("SELECT E'abc\\';").describe(),
            "error: Incomplete statement at line 1 col 1: SELECT E'abc\\'; @1:1");
  EXPECT_EQ(outcome("SELECT 1 /* a /* b */;").describe(),
            "error: Incomplete statement at line 1 col 1: SELECT 1 /* a /* b */; @1:1");
  EXPECT_EQ(outcome("\n/* only a comment").describe(),
            "error: Incomplete statement at line 2 col 1: /* only a comment @2:1");
  EXPECT_EQ(outcome("CREATE TABLE t (a int;\n").describe(),
            "error: Incomplete statement at line 1 col 1: CREATE TABLE t (a int; @1:1");
}

TEST_P(SplitterCommonTest, IncompleteStatementMessageQuotesTheFirstHundredCharacters) {
  const std::string statement = "SELECT '" + std::string(50, 'x') + std::string(100, 'y');
  const SplitOutcome out = outcome(statement);
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message,
            "Incomplete statement at line 1 col 1: " + statement.substr(0, 100));
}

TEST_P(SplitterCommonTest, StatementsLongerThanTheBufferStayWhole) {
  const std::string literal(300 * 1024, 'z');
  EXPECT_EQ(texts("SELECT 1;\nSELECT '" + literal + "';\nSELECT 3;"),
            (Texts{"SELECT 1", "SELECT '" + literal + "'", "SELECT 3"}));
}

TEST_P(SplitterCommonTest, ManyStatementsAcrossBufferRefills) {
  std::string script;
  Texts expected;
  for (int i = 0; i < 5000; ++i) {
    const std::string statement = "INSERT INTO t VALUES (" + std::to_string(i) + ", 'a;b')";
    script += statement + ";\n-- note " + std::to_string(i) + "\n";
    expected.push_back(i == 0 ? statement : "-- note " + std::to_string(i - 1) + "\n" + statement);
  }
  const SplitOutcome out = outcome(script);
  ASSERT_FALSE(out.error) << out.error->message;
  EXPECT_EQ(out.texts(), expected);
  EXPECT_EQ(out.statements.back().line, 2 * 4999 + 1);
}

TEST_P(SplitterCommonTest, CopyIsOnlyRecognisedOnPostgres) {
  const SplitOutcome out = outcome("COPY t FROM STDIN;\n\\.\n");
  ASSERT_FALSE(out.statements.empty()) << out.describe();
  EXPECT_EQ(out.statements[0].copy_from_stdin, GetParam() == SqlDialect::Postgres);
}

INSTANTIATE_TEST_SUITE_P(SplitterBothDialects, SplitterCommonTest,
                         ::testing::Values(SqlDialect::Postgres, SqlDialect::Sqlite), dialect_name);

}  // namespace
}  // namespace runway::testing
