// Issue 11, hostile names: a schema named with quotes, spaces, non-ASCII letters or SQL. On
// PostgreSQL runway creates it, puts it first in the search_path, records it in the SCHEMA
// marker and drops it again on clean; on SQLite it is a database file attached under that name.
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>
#include <tuple>

#include "cli/hostile_names.h"
#include "cli/sqlite_fixture.h"
#include "support/both_databases.h"

namespace runway::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class HostileSchemaNameTest : public BothDatabasesCliTest,
                              public ::testing::WithParamInterface<EngineAndName> {
 protected:
  void SetUp() override {
    use(std::get<0>(GetParam()));
    if (IsSkipped() || HasFatalFailure()) return;
    // SQLite has no CREATE SCHEMA: the schema is a second file, attached by runway's initSql
    // and by the test's own connection.
    if (engine() == Engine::Sqlite) execute(attach_sql());
  }
  const std::string& schema() const { return std::get<1>(GetParam()).text; }
  std::string attach_sql() const {
    return "ATTACH DATABASE '" + dir_.str() + "/other.db' AS " + sql_identifier(schema());
  }
  // runway <args> managing schema() only.
  CommandOutput in_schema(std::vector<std::string> args) const {
    args.push_back("-schemas=" + schema());
    if (engine() == Engine::Sqlite) args.push_back("-initSql=" + attach_sql());
    return runway(args);
  }
  std::vector<Row> history() {
    return rows("SELECT type, script FROM " + sql_identifier(schema()) +
                ".flyway_schema_history ORDER BY installed_rank");
  }
};

TEST_P(HostileSchemaNameTest, EveryCommandWorksInTheSchema) {
  migration("V1__victim.sql", "CREATE TABLE victim (id INT);\n");
  // On PostgreSQL the migration runs with the schema first in its search_path.
  migration("V2__t.sql", "CREATE TABLE t (id INT);\n");
  auto migrated = in_schema({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  std::vector<Row> expected = {{"SQL", "V1__victim.sql"}, {"SQL", "V2__t.sql"}};
  if (engine() == Engine::Postgres) {
    // Flyway's marker: the created schemas, each in double quotes, comma-separated.
    expected.insert(expected.begin(), Row{"SCHEMA", "\"" + schema() + "\""});
    EXPECT_TRUE(table_exists(schema(), "t"));
    EXPECT_FALSE(table_exists("public", "t"));
  }
  EXPECT_EQ(history(), expected);

  auto info = in_schema({"info", "validate", "-outputType=json"});
  ASSERT_EQ(info.exit_code, 0) << describe(info);
  json results = json::parse(info.out)["individualResults"];
  EXPECT_EQ(results[0]["schemaName"], schema());
  EXPECT_EQ(results[1]["validationSuccessful"], true);
  auto again = in_schema({"migrate"});
  EXPECT_EQ(again.exit_code, 0) << describe(again);
  EXPECT_THAT(again.err, HasSubstr("is up to date. No migration necessary."));
  EXPECT_EQ(history(), expected);

  auto cleaned = in_schema({"clean", "-cleanDisabled=false"});
  ASSERT_EQ(cleaned.exit_code, 0) << describe(cleaned);
  if (engine() == Engine::Postgres) {
    EXPECT_THAT(cleaned.err, HasSubstr("Successfully dropped schema"))
        << "runway created the schema, so clean drops it";
    EXPECT_FALSE(schema_exists(schema()));
  } else {
    EXPECT_FALSE(table_exists(schema(), "flyway_schema_history"));
  }
}

INSTANTIATE_TEST_SUITE_P(BothDatabases, HostileSchemaNameTest, every_engine_and_identifier(),
                         engine_and_name);

}  // namespace
}  // namespace runway::testing
