// Issue 11, hostile names: history and run log tables whose names hold quotes, spaces,
// non-ASCII letters or SQL, and migration files named likewise. Every command must work on
// both databases, record the names exactly, and run none of the SQL hidden in them (the
// `victim` table survives).
#include "cli/hostile_names.h"

#include <gmock/gmock.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <tuple>

#include "cli/sqlite_fixture.h"
#include "support/both_databases.h"

namespace runway::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

class HostileNamesTest : public BothDatabasesCliTest {
 protected:
  // How many rows `table` of the default schema has.
  std::size_t count(const std::string& table) {
    auto result = rows("SELECT count(*) FROM " + sql_identifier(default_schema()) + "." +
                       sql_identifier(table));
    return result.empty() ? 0 : std::stoul(result[0][0].value_or("0"));
  }
  // type and script of every row of history table `table`, in order.
  std::vector<Row> history(const std::string& table) {
    return rows("SELECT type, script FROM " + sql_identifier(default_schema()) + "." +
                sql_identifier(table) + " ORDER BY installed_rank");
  }
  bool victim_survived() { return table_exists(default_schema(), "victim"); }
};

// ---------------------------------------------------------------- history and run log tables

class HostileTableNameTest : public HostileNamesTest,
                             public ::testing::WithParamInterface<EngineAndName> {
 protected:
  void SetUp() override { use(std::get<0>(GetParam())); }
  const std::string& table() const { return std::get<1>(GetParam()).text; }
  std::string run_log() const { return table() + " runs"; }
  // runway <args> with the history in table() and the run log in run_log().
  CommandOutput named(std::vector<std::string> args) const {
    args.insert(args.end(), {"-table=" + table(), "-flightpath.enabled=true",
                             "-flightpath.table=" + run_log()});
    return runway(args);
  }
};

TEST_P(HostileTableNameTest, EveryCommandUsesTheNamedTables) {
  migration("V1__victim.sql", "CREATE TABLE victim (id INT);\n");
  migration("V2__t.sql", "CREATE TABLE t (id INT);\n");
  migration("U2__t.sql", "DROP TABLE t;\n");
  migration("R__v.sql", "DROP VIEW IF EXISTS v;\nCREATE VIEW v AS SELECT id FROM victim;\n");

  auto migrated = named({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_EQ(
      history(table()),
      (std::vector<Row>{{"SQL", "V1__victim.sql"}, {"SQL", "V2__t.sql"}, {"SQL", "R__v.sql"}}));
  EXPECT_EQ(count(run_log()), 1u);

  auto info = named({"info", "validate", "-outputType=json"});
  ASSERT_EQ(info.exit_code, 0) << describe(info);
  json results = json::parse(info.out)["individualResults"];
  EXPECT_EQ(results[0]["schemaVersion"], "2");
  EXPECT_EQ(results[1]["validationSuccessful"], true);

  auto undone = named({"undo", "-X"});
  ASSERT_EQ(undone.exit_code, 0) << describe(undone);
  EXPECT_EQ(history(table()).back(), (Row{"UNDO_SQL", "U2__t.sql"}));
  EXPECT_FALSE(table_exists(default_schema(), "t"));

  auto repaired = named({"repair"});
  ASSERT_EQ(repaired.exit_code, 0) << describe(repaired);
  auto again = named({"migrate"});
  ASSERT_EQ(again.exit_code, 0) << describe(again);
  EXPECT_EQ(history(table()).back(), (Row{"SQL", "V2__t.sql"})) << "V2 again, after the undo row";
  EXPECT_EQ(count(run_log()), 4u) << "migrate, undo, repair, migrate";
  EXPECT_TRUE(victim_survived());

  auto cleaned = named({"clean", "-cleanDisabled=false"});
  ASSERT_EQ(cleaned.exit_code, 0) << describe(cleaned);
  EXPECT_FALSE(table_exists(default_schema(), table()));
  auto baselined = named({"baseline", "-baselineVersion=7"});
  ASSERT_EQ(baselined.exit_code, 0) << describe(baselined);
  EXPECT_EQ(history(table()), (std::vector<Row>{{"BASELINE", "<< Flyway Baseline >>"}}));
}

// The dry run's SQL, run by psql or sqlite3, creates and fills the named history table.
TEST_P(HostileTableNameTest, DryRunCreatesTheNamedTable) {
  migration("V1__victim.sql", "CREATE TABLE victim (id INT);\n");
  auto dry_run = runway({"migrate", "-table=" + table(), "-dryRunOutput=dry-run.sql"});
  ASSERT_EQ(dry_run.exit_code, 0) << describe(dry_run);
  auto replayed = replay(dir_.str() + "/dry-run.sql");
  ASSERT_EQ(replayed.exit_code, 0) << describe(replayed);
  EXPECT_EQ(history(table()), (std::vector<Row>{{"SQL", "V1__victim.sql"}}));
  auto validated = runway({"validate", "-table=" + table()});
  EXPECT_EQ(validated.exit_code, 0) << describe(validated);
}

INSTANTIATE_TEST_SUITE_P(BothDatabases, HostileTableNameTest, every_engine_and_identifier(),
                         engine_and_name);

// ---------------------------------------------------------------- migration file names

class HostileFileNameTest : public HostileNamesTest, public ::testing::WithParamInterface<Engine> {
 protected:
  void SetUp() override {
    use(GetParam());
    migration("V0__victim.sql", "CREATE TABLE victim (id INT);\n");
    for (const HostileFileName& file : hostile_file_names()) migration(file.file, "SELECT 1;\n");
  }
  // description and script of every history row: what each file name must come back as.
  std::vector<Row> recorded() {
    return rows("SELECT description, script FROM flyway_schema_history ORDER BY installed_rank");
  }
  static std::vector<Row> expected() {
    std::vector<Row> rows = {{"victim", "V0__victim.sql"}};
    for (const HostileFileName& file : hostile_file_names())
      rows.push_back({file.description, file.file});
    return rows;
  }
  // Validates, then migrates finding nothing to do: the names read back match the files.
  void expect_up_to_date() {
    auto validated = runway({"validate"});
    EXPECT_EQ(validated.exit_code, 0) << describe(validated);
    auto again = runway({"migrate"});
    EXPECT_EQ(again.exit_code, 0) << describe(again);
    EXPECT_THAT(again.err, HasSubstr("is up to date. No migration necessary."));
    EXPECT_EQ(recorded(), expected());
  }
};

TEST_P(HostileFileNameTest, MigrateRecordsEveryNameExactly) {
  auto migrated = runway({"migrate", "-X"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_EQ(recorded(), expected());
  EXPECT_TRUE(victim_survived());

  auto info = runway({"info", "-outputType=json"});
  ASSERT_EQ(info.exit_code, 0) << describe(info);
  json migrations = json::parse(info.out)["migrations"];
  ASSERT_EQ(migrations.size(), expected().size());
  for (std::size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i]["description"], *expected()[i][0]);
    EXPECT_EQ(migrations[i]["state"], "Success");
  }
  expect_up_to_date();
}

// The dry run's SQL writes the names as literals; run by psql or sqlite3, it must leave the
// history a real migrate would have.
TEST_P(HostileFileNameTest, DryRunWritesEveryNameAsAValidLiteral) {
  auto dry_run = runway({"migrate", "-dryRunOutput=dry-run.sql"});
  ASSERT_EQ(dry_run.exit_code, 0) << describe(dry_run);
  auto replayed = replay(dir_.str() + "/dry-run.sql");
  ASSERT_EQ(replayed.exit_code, 0) << describe(replayed);
  EXPECT_TRUE(victim_survived());
  EXPECT_FALSE(std::filesystem::exists(dir_.path() / "psql-ran-a-shell-command"));
  expect_up_to_date();
}

INSTANTIATE_TEST_SUITE_P(BothDatabases, HostileFileNameTest, both_engines(), engine_test_name);

}  // namespace
}  // namespace runway::testing
