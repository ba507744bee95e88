// Issue 11, hostile names: PostgreSQL cuts names longer than 63 bytes, so runway refuses a
// history table, run log or schema name it could not find again, naming the setting, before
// it changes anything. A name at the limit, in two-byte letters, works.
#include <gmock/gmock.h>

#include "cli/postgres_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;

class PostgresLongNamesTest : public PostgresCliTest {
 protected:
  void SetUp() override {
    PostgresCliTest::SetUp();
    migration("V1__t.sql", "CREATE TABLE t (id INT);\n");
  }
  // Exit 1, the setting named, and no table or schema created.
  void expect_refused(const std::vector<std::string>& args, const std::string& key) {
    auto refused = runway(args);
    EXPECT_EQ(refused.exit_code, 1) << describe(refused);
    EXPECT_THAT(refused.err, HasSubstr("Invalid value for flyway." + key + " (at most"));
    EXPECT_EQ(value("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                    " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"),
              "0");
    EXPECT_EQ(value("SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'h%'"), "0");
  }
};

TEST_F(PostgresLongNamesTest, NamesPostgresWouldCutAreRefused) {
  expect_refused({"migrate", "-table=" + std::string(62, 'h')}, "table");
  expect_refused({"migrate", "-schemas=" + std::string(64, 'h')}, "schemas");
  expect_refused({"migrate", "-defaultSchema=" + std::string(64, 'h')}, "defaultSchema");
  expect_refused(
      {"migrate", "-flightpath.enabled=true", "-flightpath.table=" + std::string(64, 'h')},
      "flightpath.table");
}

TEST_F(PostgresLongNamesTest, AHistoryTableNameAtTheLimitWorks) {
  std::string name = "h";
  while (name.size() < 61) name += "\xC3\xA9";  // é, two bytes
  ASSERT_EQ(name.size(), 61u);
  for (int run = 0; run < 2; ++run) {
    auto migrated = runway({"migrate", "-table=" + name});
    ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  }
  EXPECT_EQ(history("public.\"" + name + "\"").size(), 1u);
}

}  // namespace
}  // namespace runway::testing
