// Script configuration files end to end (spec 7.9): executeInTransaction, encoding and
// placeholderReplacement beside a migration or callback, and what a bad file says.
#include <gmock/gmock.h>

#include "cli/sqlite_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SqliteScriptConfigTest : public SqliteCliTest {};

TEST_F(SqliteScriptConfigTest, PragmaMixedWithStatementsNeedsAConfOrMixed) {
  const std::string script = "PRAGMA foreign_keys = OFF;\nCREATE TABLE a (id INT);\n";
  migration("V1__pragma.sql", script);
  auto refused = runway({"migrate"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("Detected both transactional and non-transactional statements "
                                     "within the same migration (even though mixed is false). "
                                     "Offending statement found at line 1"));

  migration("V1__pragma.sql.conf", "executeInTransaction=false\n");
  auto applied = runway({"migrate"});
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);
  EXPECT_THAT(applied.err,
              HasSubstr("Migrating schema \"main\" to version \"1 - pragma\" [non-transactional]"));
  EXPECT_TRUE(table_exists("a"));
  EXPECT_EQ(history().at(0)[8], "1");
}

TEST_F(SqliteScriptConfigTest, NonTransactionalFailureKeepsItsEffectsAndAFailedRow) {
  migration("V1__ok.sql", "CREATE TABLE ok (id INT);\n");
  migration(
      "V2__half.sql",
      "PRAGMA foreign_keys = OFF;\nCREATE TABLE half (id INT);\nINSERT INTO missing VALUES (1);\n");
  migration("V2__half.sql.conf", "# runs statement by statement\nexecuteInTransaction=false\n");

  auto failed = runway({"migrate"});
  EXPECT_EQ(failed.exit_code, 1) << describe(failed);
  // Flyway's words, with the "[non-transactional]" of the Migrating line.
  EXPECT_THAT(failed.err, HasSubstr("Migration of schema \"main\" to version \"2 - half\" "
                                    "[non-transactional] failed! Please restore backups and roll "
                                    "back database and code!"));
  EXPECT_TRUE(table_exists("half")) << "statements before the failure stay committed";
  auto rows = history();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[1][1], "2");
  EXPECT_EQ(rows[1][8], "0") << "success=false records what happened (spec 8.4)";

  auto refused = runway({"migrate"});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("Detected failed migration to version 2 (half)."));
  EXPECT_THAT(runway({"info"}).out, HasSubstr("| Failed "));
}

TEST_F(SqliteScriptConfigTest, EncodingIsUsedToReadAndChecksum) {
  migration("V1__table.sql", "CREATE TABLE t (name TEXT);\n");
  migration("V2__latin.sql", "INSERT INTO t VALUES ('caf\xE9');\n");  // ISO-8859-1 bytes

  auto undecodable = runway({"migrate"});
  EXPECT_EQ(undecodable.exit_code, 1);
  EXPECT_THAT(undecodable.err,
              HasSubstr("Unable to calculate checksum of V2__latin.sql\n(" + sql_dir() +
                        "/V2__latin.sql)"));

  // Found by file name + ".conf", whatever the case.
  migration("V2__LATIN.SQL.conf", "encoding=ISO-8859-1\n");
  auto applied = runway({"migrate"});
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);
  EXPECT_EQ(sqlite_value(db(), "SELECT name FROM t"), "caf\xC3\xA9") << "stored as UTF-8";
  EXPECT_EQ(history().at(1)[5], "-36497513") << "spec 3.3: the UTF-8 text is hashed";
  EXPECT_EQ(runway({"validate"}).exit_code, 0);
}

TEST_F(SqliteScriptConfigTest, PlaceholderReplacementPerScript) {
  migration("R__raw.sql", "CREATE VIEW IF NOT EXISTS raw AS SELECT '${kept}' AS t;\n");
  migration("R__raw.sql.conf", "placeholderReplacement=false\n");
  migration("R__replaced.sql", "CREATE VIEW IF NOT EXISTS replaced AS SELECT '${value}' AS t;\n");
  auto result = runway({"migrate", "-placeholders.value=v1"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(sqlite_value(db(), "SELECT t FROM raw"), "${kept}");
  EXPECT_EQ(sqlite_value(db(), "SELECT t FROM replaced"), "v1");
  // The raw script's checksum does not depend on any placeholder value: only R__replaced
  // is outdated when the value changes.
  auto again = runway({"migrate", "-placeholders.value=v2"});
  ASSERT_EQ(again.exit_code, 0) << describe(again);
  EXPECT_THAT(again.err, HasSubstr("Successfully applied 1 migration"));
  EXPECT_THAT(again.err, Not(HasSubstr("repeatable migration \"raw\"")));
}

TEST_F(SqliteScriptConfigTest, PlaceholdersAreReplacedInsideTheConfFile) {
  migration("V1__pragma.sql", "PRAGMA foreign_keys = OFF;\nCREATE TABLE a (id INT);\n");
  migration("V1__pragma.sql.conf", "executeInTransaction=${in_tx}\n");
  auto result = runway({"migrate", "-placeholders.in_tx=false"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("[non-transactional]"));
}

TEST_F(SqliteScriptConfigTest, UnknownOrUnsupportedKeysAreFatal) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  migration("V1__a.sql.conf", "executeInTransactions=false\n");
  auto unknown = runway({"migrate"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_THAT(unknown.err,
              HasSubstr("Unknown configuration property: executeInTransactions. Please "
                        "check your script config files\n(in " +
                        sql_dir() + "/V1__a.sql.conf)"));
  EXPECT_FALSE(table_exists("a"));

  migration("V1__a.sql.conf", "shouldExecute=true\n");
  auto unsupported = runway({"migrate"});
  EXPECT_EQ(unsupported.exit_code, 1);
  EXPECT_THAT(unsupported.err, HasSubstr("shouldExecute is not supported"));
}

TEST_F(SqliteScriptConfigTest, CallbacksHaveConfFilesToo) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  migration("afterMigrate.sql",
            "PRAGMA foreign_keys = OFF;\nCREATE TABLE IF NOT EXISTS seen (id INT);\n");
  migration("afterMigrate.sql.conf", "executeInTransaction=false\n");
  auto result = runway({"migrate"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("Executing SQL callback: afterMigrate [non-transactional]"));
  EXPECT_TRUE(table_exists("seen"));
}

}  // namespace
}  // namespace runway::testing
