// PostgreSQL splitting: dollar quotes, BEGIN ATOMIC bodies, transaction classification.
#include <gtest/gtest.h>

#include "unit/splitter_test_support.h"

namespace runway::testing {
namespace {

Texts postgres_texts(const std::string& sql) {
  return split_texts(SqlDialect::Postgres, sql);
}

TEST(SplitterPostgres, DollarQuotesHideDelimiters) {
  EXPECT_EQ(postgres_texts("DO $$ BEGIN PERFORM 1; END $$;\nSELECT 2;"),
            (Texts{"DO $$ BEGIN PERFORM 1; END $$", "SELECT 2"}));
}

TEST(SplitterPostgres, TaggedDollarQuotesContainOtherDollarQuotes) {
  const std::string function =
      "CREATE FUNCTION f() RETURNS void AS $fn$\n"
      "BEGIN\n"
      "  EXECUTE $$ SELECT ';' $$;\n"
      "  RAISE NOTICE 'it''s $x$ done';\n"
      "END;\n"
      "$fn$ LANGUAGE plpgsql";
  EXPECT_EQ(postgres_texts(function + ";\nSELECT f();"), (Texts{function, "SELECT f()"}));
}

TEST(SplitterPostgres, DollarFollowedByADigitIsAParameter) {
  EXPECT_EQ(postgres_texts("PREPARE p (int) AS SELECT $1 + $2;\nEXECUTE p(1, 2);"),
            (Texts{"PREPARE p (int) AS SELECT $1 + $2", "EXECUTE p(1, 2)"}));
}

TEST(SplitterPostgres, DollarsInsideIdentifiersAreNotQuotes) {
  EXPECT_EQ(postgres_texts("SELECT a$b, c$ FROM t$1;SELECT 2;"),
            (Texts{"SELECT a$b, c$ FROM t$1", "SELECT 2"}));
}

TEST(SplitterPostgres, DollarWithoutATagIsASymbol) {
  EXPECT_EQ(postgres_texts("SELECT $ ;SELECT $a ;SELECT 3;"),
            (Texts{"SELECT $", "SELECT $a", "SELECT 3"}));
}

TEST(SplitterPostgres, UnterminatedDollarQuoteIsIncomplete) {
  const SplitOutcome out = split(SqlDialect::Postgres, "SELECT 1;\nDO $body$ SELECT 1; $$;");
  EXPECT_EQ(out.describe(),
            "1:1 [SELECT 1] data []\n"
            "error: Incomplete statement at line 2 col 1: DO $body$ SELECT 1; $$; @2:1");
}

TEST(SplitterPostgres, BeginAtomicBodiesWithNestedCase) {
  const std::string function =
      "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql\n"
      "BEGIN ATOMIC\n"
      "  SELECT CASE WHEN x > 0 THEN 1 ELSE CASE WHEN x < 0 THEN -1 END END;\n"
      "  SELECT 2;\n"
      "END";
  EXPECT_EQ(postgres_texts(function + ";\nSELECT f(1);"), (Texts{function, "SELECT f(1)"}));
}

TEST(SplitterPostgres, PlainTransactionControlIsOrdinary) {
  EXPECT_EQ(postgres_texts("BEGIN;\nSELECT CASE WHEN true THEN 1 END;\nCOMMIT;\nEND;"),
            (Texts{"BEGIN", "SELECT CASE WHEN true THEN 1 END", "COMMIT", "END"}));
}

TEST(SplitterPostgres, UnfinishedAtomicBodyIsIncomplete) {
  const SplitOutcome out = split(
      SqlDialect::Postgres, "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1;");
  ASSERT_TRUE(out.error);
  EXPECT_EQ(out.error->message,
            "Incomplete statement at line 1 col 1: CREATE FUNCTION f() RETURNS int LANGUAGE sql "
            "BEGIN ATOMIC SELECT 1;");
}

struct Classification {
  std::string sql;
  friend void PrintTo(const Classification& c, std::ostream* os) { *os << c.sql; }
  bool non_transactional;
  int server_major_version = 0;
};

class SplitterPostgresTransactionTest : public ::testing::TestWithParam<Classification> {};

TEST_P(SplitterPostgresTransactionTest, ClassifiesByKeywordPrefix) {
  const Classification& c = GetParam();
  SplitterOptions options;
  options.server_major_version = c.server_major_version;
  const SplitOutcome out = split(SqlDialect::Postgres, c.sql, options);
  ASSERT_EQ(out.statements.size(), 1u) << out.describe();
  EXPECT_EQ(out.statements[0].non_transactional, c.non_transactional) << c.sql;
}

INSTANTIATE_TEST_SUITE_P(
    SplitterPostgresTransactions, SplitterPostgresTransactionTest,
    ::testing::Values(
        // Flyway's patterns.
        Classification{"CREATE DATABASE app;", true},
        Classification{"drop database if exists app;", true},
        Classification{"CREATE TABLESPACE fast LOCATION '/ssd';", true},
        Classification{"DROP TABLESPACE fast;", true},
        Classification{"CREATE SUBSCRIPTION s CONNECTION 'x' PUBLICATION p;", true},
        Classification{"ALTER SYSTEM SET work_mem = '1MB';", true},
        Classification{"CREATE INDEX CONCURRENTLY idx ON t (a);", true},
        Classification{"create unique index concurrently idx ON t (a);", true},
        Classification{"DROP INDEX CONCURRENTLY idx;", true},
        Classification{"/* first */ -- second\nCREATE INDEX CONCURRENTLY idx ON t (a);", true},
        Classification{"CREATE INDEX idx ON t (a);", false},
        Classification{"REINDEX SCHEMA public;", true},
        Classification{"REINDEX VERBOSE DATABASE app;", true},
        Classification{"REINDEX (VERBOSE) SYSTEM app;", true},
        Classification{"REINDEX TABLE t;", false}, Classification{"VACUUM;", true},
        Classification{"vacuum (analyze) t;", true}, Classification{"DISCARD ALL;", true},
        Classification{"DISCARD PLANS;", false},
        Classification{"ALTER TYPE mood ADD VALUE 'meh';", false},
        Classification{"ALTER TYPE mood ADD VALUE 'meh';", true, 11},
        Classification{"ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'meh';", true, 9},
        Classification{"ALTER TYPE mood ADD VALUE 'meh';", false, 12},
        Classification{"ALTER TYPE mood RENAME VALUE 'a' TO 'b';", false, 11},
        // Refused in a transaction by PostgreSQL, not detected by Flyway.
        Classification{"REINDEX TABLE CONCURRENTLY t;", true},
        Classification{"REINDEX INDEX CONCURRENTLY public.idx_1;", true},
        Classification{"ALTER TABLE parent DETACH PARTITION child CONCURRENTLY;", true},
        Classification{"ALTER TABLE parent DETACH PARTITION child;", false},
        Classification{"ALTER DATABASE app SET TABLESPACE fast;", true},
        Classification{"ALTER DATABASE app SET work_mem = '1MB';", false},
        Classification{"CLUSTER;", true}, Classification{"CLUSTER VERBOSE;", true},
        Classification{"CLUSTER t;", false}, Classification{"CLUSTER t1 USING t1_idx;", false},
        Classification{"CLUSTER \"T\";", false},
        // Words that are not keywords in the prefix sense.
        Classification{"SELECT 'VACUUM';", false}, Classification{"SELECT vacuum FROM t;", false},
        Classification{"CREATE TABLE database (a int);", false},
        Classification{"CREATE \"DATABASE\" x;", false}),
    // Readable names in ctest output: the case number, not a byte dump of the struct.
    [](const ::testing::TestParamInfo<Classification>& param) {
      return "case" + std::to_string(param.index);
    });

TEST(SplitterPostgres, SkipsIdentifiersWhenBuildingThePrefix) {
  // Identifiers with digits, dots or quotes do not break "CREATE INDEX CONCURRENTLY".
  const SplitOutcome out = split(SqlDialect::Postgres,
                                 "CREATE INDEX CONCURRENTLY idx_2 ON s.t (a);\n"
                                 "CREATE INDEX \"i\" ON t (a);");
  ASSERT_EQ(out.statements.size(), 2u) << out.describe();
  EXPECT_TRUE(out.statements[0].non_transactional);
  EXPECT_FALSE(out.statements[1].non_transactional);
}

}  // namespace
}  // namespace runway::testing
