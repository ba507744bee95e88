// -dryRunOutput on a real SQLite file (docs/dry-runs.md): the SQL written out, run by the
// sqlite3 shell on a copy of the database, leaves the copy as the real command leaves the
// database, while the database itself stays byte for byte the same.
#include <gmock/gmock.h>

#include <fstream>
#include <sstream>

#include "cli/sqlite_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class SqliteDryRunTest : public SqliteCliTest {
 protected:
  std::string copy_of_db(const std::string& name) const {
    std::string copy = dir_.str() + "/" + name;
    std::filesystem::copy_file(db(), copy);
    return copy;
  }
  CommandOutput runway_on(const std::string& database, std::vector<std::string> args) const {
    args.insert(args.begin(), {"-url=jdbc:sqlite:" + database, "-locations=filesystem:sql"});
    return run_runway(args, dir_.str());
  }
  // Runs the dry run of `args` on the database, checks that the database did not change, and
  // returns the SQL it wrote.
  std::string dry_run(std::vector<std::string> args) const {
    std::string before = read_file(db());
    args.push_back("-dryRunOutput=" + dir_.str() + "/dry-run.sql");
    auto result = runway(args);
    EXPECT_EQ(result.exit_code, 0) << describe(result);
    EXPECT_EQ(read_file(db()), before) << "a dry run must not change the database file";
    return read_file(dir_.str() + "/dry-run.sql");
  }
  void run_sqlite3(const std::string& database, const std::string& sql) const {
    auto result = run_program({"/usr/bin/sqlite3", "-bail", database}, dir_.str(), {}, sql);
    ASSERT_EQ(result.exit_code, 0) << describe(result) << "\n--- sql\n" << sql;
  }
  // Schema, every table's rows, and the history but for the columns that record when and
  // how fast (installed_on, execution_time).
  static std::vector<Row> state_of(const std::string& database) {
    std::vector<Row> state = sqlite_rows(database,
                                         "SELECT type, name, tbl_name, sql FROM "
                                         "sqlite_master ORDER BY type, name");
    auto append = [&](const std::string& sql) {
      for (Row& row : sqlite_rows(database, sql)) state.push_back(std::move(row));
    };
    bool has_history = sqlite_value(database,
                                    "SELECT count(*) FROM sqlite_master WHERE name = "
                                    "'flyway_schema_history'") == "1";
    if (has_history)
      append(
          "SELECT installed_rank, version, description, type, script, checksum, installed_by, "
          "success FROM flyway_schema_history ORDER BY installed_rank");
    for (const Row& table : sqlite_rows(database,
                                        "SELECT name FROM sqlite_master WHERE type = "
                                        "'table' AND name <> 'flyway_schema_history' "
                                        "ORDER BY name")) {
      append("SELECT * FROM \"" + *table[0] + "\" ORDER BY 1");
    }
    return state;
  }
  // The dry run's SQL on one copy, the real command on another: both end the same.
  void expect_dry_run_matches_real(const std::vector<std::string>& args) const {
    std::string replayed = copy_of_db("replayed.db");
    std::string real = copy_of_db("real.db");
    std::string sql = dry_run(args);
    run_sqlite3(replayed, sql);
    auto result = runway_on(real, args);
    ASSERT_EQ(result.exit_code, 0) << describe(result);
    EXPECT_EQ(state_of(replayed), state_of(real)) << sql;
    EXPECT_NE(state_of(real), state_of(db())) << "the command must have had something to do";
  }
};

TEST_F(SqliteDryRunTest, MigrateOnAnEmptyDatabaseCreatesHistoryTableAndApplies) {
  dir_.write("app.db", "");  // an empty file is an empty SQLite database
  migration("V1__create_people.sql", "CREATE TABLE people (id INT, name TEXT);\n");
  migration("V1_1__seed.sql",
            "INSERT INTO people VALUES (1, 'O''Brien'); -- a quote\n"
            "INSERT INTO people VALUES (2, '$1 and ${x}');\n");
  migration("R__people_view.sql", "CREATE VIEW people_view AS SELECT name FROM people;\n");
  expect_dry_run_matches_real({"migrate", "-installedBy=it's me", "-placeholders.x=y"});
}

TEST_F(SqliteDryRunTest, MigrateOnAnExistingHistoryContinuesItsRanks) {
  migration("V1__create_people.sql", "CREATE TABLE people (id INT);\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  migration("V2__add_pets.sql", "CREATE TABLE pets (id INT);\n");
  migration("V3__no_tx.sql", "PRAGMA foreign_keys = OFF;\n");
  migration("R__views.sql", "CREATE VIEW v AS SELECT 1 AS x;\n");
  expect_dry_run_matches_real({"migrate", "-mixed=true"});
}

TEST_F(SqliteDryRunTest, OutputNamesEachMigrationAndHistoryStatementsInOrder) {
  dir_.write("app.db", "");
  migration("V1__create_people.sql", "CREATE TABLE people (id INT);\n");
  migration("V2__add_pets.sql", "CREATE TABLE pets (id INT);\n");
  std::string sql = dry_run({"migrate"});
  std::size_t header = sql.find("-- runway dry run of migrate on jdbc:sqlite:");
  std::size_t create = sql.find("CREATE TABLE \"main\".\"flyway_schema_history\"");
  std::size_t v1 = sql.find("\n-- V1__create_people.sql\nCREATE TABLE people (id INT);\n");
  std::size_t row1 = sql.find("VALUES ('1','1','create people','SQL','V1__create_people.sql',");
  std::size_t v2 = sql.find("\n-- V2__add_pets.sql\n");
  std::size_t row2 = sql.find("VALUES ('2','2','add pets','SQL','V2__add_pets.sql',");
  EXPECT_EQ(header, 0u) << sql;
  EXPECT_LT(header, create);
  EXPECT_LT(create, v1);
  EXPECT_LT(v1, row1);
  EXPECT_LT(row1, v2);
  EXPECT_LT(v2, row2);
  EXPECT_NE(row2, std::string::npos) << sql;
  EXPECT_FALSE(table_exists("people"));
}

TEST_F(SqliteDryRunTest, DashWritesToStandardOutput) {
  dir_.write("app.db", "");
  migration("V1__create_people.sql", "CREATE TABLE people (id INT);\n");
  auto result = runway({"migrate", "-dryRunOutput=-"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.out, HasSubstr("\n-- V1__create_people.sql\nCREATE TABLE people (id INT);\n"));
  EXPECT_THAT(result.out, HasSubstr("INSERT INTO \"main\".\"flyway_schema_history\""));
  EXPECT_THAT(result.err, Not(HasSubstr("CREATE TABLE people")));
  EXPECT_EQ(read_file(db()), "");
}

TEST_F(SqliteDryRunTest, BaselineMatchesTheRealBaseline) {
  dir_.write("app.db", "");
  run_sqlite3(db(), "CREATE TABLE existing (id INT);");
  expect_dry_run_matches_real(
      {"baseline", "-baselineVersion=4", "-baselineDescription=from 'prod'"});
}

TEST_F(SqliteDryRunTest, UndoMatchesTheRealUndo) {
  migration("V1__create_people.sql", "CREATE TABLE people (id INT);\n");
  migration("V2__add_pets.sql", "CREATE TABLE pets (id INT);\n");
  migration("V3__add_toys.sql", "CREATE TABLE toys (id INT);\n");
  migration("U2__add_pets.sql", "DROP TABLE pets;\n");
  migration("U3__add_toys.sql", "DROP TABLE toys;\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  expect_dry_run_matches_real({"undo", "-target=1"});
}

TEST_F(SqliteDryRunTest, CommandsThatCannotBeDryRunAreRefused) {
  migration("V1__create_people.sql", "CREATE TABLE people (id INT);\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  std::string before = read_file(db());
  auto result = runway({"clean", "-cleanDisabled=false", "-dryRunOutput=out.sql"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("runway clean cannot be dry-run"));
  EXPECT_EQ(read_file(db()), before);
}

TEST_F(SqliteDryRunTest, StandardOutputCannotCarryBothJsonAndTheDryRun) {
  auto result = runway({"migrate", "-dryRunOutput=-", "-outputType=json"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.out,
              HasSubstr("dryRunOutput=- and outputType=json both need standard output"));
}

}  // namespace
}  // namespace runway::testing
