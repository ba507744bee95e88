// A transactional migration's statements are sent to PostgreSQL ahead of their answers, in
// one pipeline (docs/postgresql.md#round-trips). What a user sees must not change: a failure
// names its own statement and line, query results print in order, and a long script is
// answered in batches without holding it in memory.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "cli/postgres_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST_F(PostgresCliTest, AStatementFailingAmongOthersSentAheadIsNamedWithItsLine) {
  migration("V1__ok.sql", "CREATE TABLE a (x INT);\n");
  migration("V2__bad.sql",
            "CREATE TABLE b (x INT);\n"
            "INSERT INTO b VALUES (1);\n"
            "\n"
            "INSERT INTO b VALUES ('oops');\n"
            "CREATE TABLE c (x INT);\n");
  auto migrated = runway({"migrate"});
  EXPECT_EQ(migrated.exit_code, 1) << describe(migrated);
  EXPECT_THAT(migrated.err, HasSubstr("SQL State  : 22P02"));
  EXPECT_THAT(migrated.err, HasSubstr("Line       : 4\nStatement  : INSERT INTO b VALUES ('oops')"));
  EXPECT_FALSE(relation_exists("b")) << "the statements before the failure are rolled back";
  EXPECT_FALSE(relation_exists("c")) << "the statement after it never ran";
  EXPECT_EQ(history(), (std::vector<Row>{{"1", "1", "ok", "SQL", "V1__ok.sql", "true"}}));
}

TEST_F(PostgresCliTest, ResultsOfQueriesSentAheadPrintInScriptOrder) {
  migration("V1__queries.sql",
            "SELECT 'first' AS answer;\nCREATE TABLE q (x INT);\nSELECT 'second' AS answer;\n");
  auto migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  const auto first = migrated.err.find("first");
  const auto second = migrated.err.find("second");
  ASSERT_NE(first, std::string::npos) << describe(migrated);
  ASSERT_NE(second, std::string::npos) << describe(migrated);
  EXPECT_LT(first, second);
}

// Answers are collected whenever more than 1 MiB of SQL waits for them: a failure after the
// first batch still names its own line, and nothing of the earlier batches stays.
TEST_F(PostgresCliTest, ALongScriptIsAnsweredInBatchesAndAFailureInALaterOneIsNamed) {
  std::string inserts;
  const std::string filler(100, 'x');
  constexpr int kRows = 20000;  // about 2.6 MB of SQL: three batches
  for (int i = 1; i <= kRows; ++i) {
    inserts += "INSERT INTO big VALUES (" + std::to_string(i) + ", '" + filler + "');\n";
  }
  migration("V1__big.sql", "CREATE TABLE big (n INT, filler TEXT);\n" + inserts);
  migration("V2__big_bad.sql", inserts + "INSERT INTO big VALUES ('no', 'x');\n");
  auto migrated = runway({"migrate"});
  EXPECT_EQ(migrated.exit_code, 1) << describe(migrated);
  EXPECT_EQ(value("SELECT count(*) FROM big"), std::to_string(kRows));
  EXPECT_THAT(migrated.err, HasSubstr("Line       : " + std::to_string(kRows + 1)));
  EXPECT_THAT(migrated.err, Not(HasSubstr("Line       : 1\n")));
  EXPECT_EQ(history(), (std::vector<Row>{{"1", "1", "big", "SQL", "V1__big.sql", "true"}}));
}

}  // namespace
}  // namespace runway::testing
