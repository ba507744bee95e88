// Issue 11, hostile names: placeholder values with quotes, backslashes, `;` and `--`, given
// on the command line, in a conf file, in the environment and in TOML (with its own escapes),
// reach the SQL byte for byte on both databases. Flyway 12 stores the same rows and the same
// checksum for this migration (checked with the Flyway CLI).
#include <gmock/gmock.h>

#include "cli/sqlite_fixture.h"
#include "support/both_databases.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;

// A value already escaped for a SQL string literal, as a user writes it for '${name}'.
const std::string kEscaped = "it''s \"q\" \\ ; -- end";
// What that literal stores.
const std::string kStored = "it's \"q\" \\ ; -- end";

class HostilePlaceholdersTest : public BothDatabasesCliTest,
                                public ::testing::WithParamInterface<Engine> {
 protected:
  void SetUp() override {
    use(GetParam());
    migration("V1__values.sql",
              "CREATE TABLE v (source VARCHAR(10), value VARCHAR(100));\n"
              "INSERT INTO v VALUES ('a', '${a}'),\n  ('b', '${b}');\n"
              "CREATE TABLE \"${table}\" (id INT);\n");
  }
  std::vector<Row> values() { return rows("SELECT source, value FROM v ORDER BY source"); }
};

TEST_P(HostilePlaceholdersTest, CommandLineAndEnvironment) {
  auto migrated =
      runway({"migrate", "-placeholders.a=" + kEscaped, "-placeholders.table=my table é"},
             {{"FLYWAY_PLACEHOLDERS_B", kEscaped}});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_EQ(values(), (std::vector<Row>{{"a", kStored}, {"b", kStored}}));
  EXPECT_TRUE(table_exists(default_schema(), "my table é"));
}

TEST_P(HostilePlaceholdersTest, ConfFile) {
  dir_.write("app.conf", "flyway.placeholders.a=" + kEscaped + "\nflyway.placeholders.b=" +
                             kEscaped + "\nflyway.placeholders.table=my table é\n");
  auto migrated = runway({"-configFiles=app.conf", "migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_EQ(values(), (std::vector<Row>{{"a", kStored}, {"b", kStored}}));
}

// A basic string with TOML escapes, and a multi-line literal string, which takes `''` as is.
TEST_P(HostilePlaceholdersTest, TomlFile) {
  dir_.write("app.toml",
             "[flyway.placeholders]\n"
             "a = \"it''s \\\"q\\\" \\\\ ; -- end\"\n"
             "b = '''it''s \"q\" \\ ; -- end'''\n"
             "table = \"my table \\u00e9\"\n");
  auto migrated = runway({"-configFiles=app.toml", "migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_EQ(values(), (std::vector<Row>{{"a", kStored}, {"b", kStored}}));
  EXPECT_TRUE(table_exists(default_schema(), "my table é"));
}

// A quote left unescaped breaks the statement: the error names the file and the line, and
// the migration leaves nothing behind.
TEST_P(HostilePlaceholdersTest, AnUnescapedQuoteFailsNamingTheFileAndLine) {
  auto failed =
      runway({"migrate", "-placeholders.a=a", "-placeholders.b=it's", "-placeholders.table=t"});
  EXPECT_EQ(failed.exit_code, 1) << describe(failed);
  EXPECT_THAT(failed.err, HasSubstr("V1__values.sql at line 2 col 1"));
  EXPECT_FALSE(table_exists(default_schema(), "v"));
  EXPECT_EQ(rows("SELECT count(*) FROM flyway_schema_history"), std::vector<Row>{{"0"}});
}

INSTANTIATE_TEST_SUITE_P(BothDatabases, HostilePlaceholdersTest, both_engines(), engine_test_name);

}  // namespace
}  // namespace runway::testing
