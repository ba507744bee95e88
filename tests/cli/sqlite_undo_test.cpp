// `undo` on a real SQLite file, through the built binary (docs/undo.md).
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "cli/sqlite_fixture.h"
#include "runway/checksum.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kUndoPeople = "DROP TABLE people;\n";
const std::string kUndoPets = "DROP TABLE pets;\n";

class SqliteUndoTest : public SqliteCliTest {
 protected:
  void SetUp() override {
    migration("V1__create_owners.sql", "CREATE TABLE owners (id INT);\n");
    migration("V2__add_people.sql", "CREATE TABLE people (id INT);\n");
    migration("V3__add_pets.sql", "CREATE TABLE pets (id INT);\n");
    migration("U2__add_people.sql", kUndoPeople);
    migration("U3__add_pets.sql", kUndoPets);
    auto migrated = runway({"migrate"});
    ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  }

  // The State column of `info`, one `version state` per line.
  std::string info_states() const {
    auto info = runway({"info", "-outputType=json"});
    EXPECT_EQ(info.exit_code, 0) << describe(info);
    std::string out;
    const nlohmann::json doc = nlohmann::json::parse(info.out);
    for (const auto& m : doc["migrations"]) {
      out += m["category"].get<std::string>() + " " + m["version"].get<std::string>() + " " +
             m["state"].get<std::string>() + " " + m["undoable"].get<std::string>() + "\n";
    }
    return out;
  }
};

TEST_F(SqliteUndoTest, UndoTwiceThenMigrateReappliesBothVersions) {
  auto first = runway({"undo"});
  ASSERT_EQ(first.exit_code, 0) << describe(first);
  EXPECT_THAT(first.err,
              HasSubstr("Undoing migration of schema \"main\" to version \"3 - add pets\""));
  EXPECT_THAT(first.err,
              HasSubstr("Successfully undid 1 migration to schema \"main\", now at version v2"));
  EXPECT_FALSE(table_exists("pets"));
  EXPECT_TRUE(table_exists("people"));

  auto second = runway({"undo"});
  ASSERT_EQ(second.exit_code, 0) << describe(second);
  EXPECT_THAT(second.err, HasSubstr("to version \"2 - add people\""));
  EXPECT_FALSE(table_exists("people"));
  EXPECT_TRUE(table_exists("owners"));

  EXPECT_EQ(info_states(),
            "Versioned 1 Success No\n"
            "Versioned 2 Undone \n"
            "Versioned 3 Undone \n"
            "Undo 3 Success \n"
            "Undo 2 Success \n"
            "Versioned 2 Pending Yes\n"
            "Versioned 3 Pending Yes\n");

  auto migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_THAT(migrated.err,
              HasSubstr("Successfully applied 2 migrations to schema \"main\", now at version v3"));
  EXPECT_TRUE(table_exists("people"));
  EXPECT_TRUE(table_exists("pets"));
  EXPECT_EQ(info_states(),
            "Versioned 1 Success No\n"
            "Versioned 2 Undone \n"
            "Versioned 3 Undone \n"
            "Undo 3 Success \n"
            "Undo 2 Success \n"
            "Versioned 2 Success Yes\n"
            "Versioned 3 Success Yes\n"
            "Undo 2 Available \n"
            "Undo 3 Available \n");
  EXPECT_EQ(runway({"validate"}).exit_code, 0);
}

TEST_F(SqliteUndoTest, TargetUndoesEveryVersionAboveItNewestFirst) {
  EXPECT_EQ(info_states(),
            "Versioned 1 Success No\n"
            "Versioned 2 Success Yes\n"
            "Versioned 3 Success Yes\n"
            "Undo 2 Available \n"
            "Undo 3 Available \n");
  auto undone = runway({"undo", "-target=1"});
  ASSERT_EQ(undone.exit_code, 0) << describe(undone);
  EXPECT_LT(undone.err.find("version \"3 - add pets\""),
            undone.err.find("version \"2 - add people\""));
  EXPECT_THAT(undone.err,
              HasSubstr("Successfully undid 2 migrations to schema \"main\", now at version v1"));
  EXPECT_FALSE(table_exists("people"));
  EXPECT_FALSE(table_exists("pets"));

  auto migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  EXPECT_TRUE(table_exists("pets"));
}

// The rows Flyway Teams writes for an undo, so that Flyway Teams reads runway's history.
TEST_F(SqliteUndoTest, UndoRowsAreTheRowsFlywayTeamsWrites) {
  ASSERT_EQ(runway({"undo", "-target=1", "-installedBy=deployer"}).exit_code, 0);
  auto rows = history();
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[3], (Row{"4", "3", "add pets", "UNDO_SQL", "U3__add_pets.sql",
                          std::to_string(checksum_of(kUndoPets)), "deployer", rows[3][7], "1"}));
  EXPECT_EQ(rows[4], (Row{"5", "2", "add people", "UNDO_SQL", "U2__add_people.sql",
                          std::to_string(checksum_of(kUndoPeople)), "deployer", rows[4][7], "1"}));
  EXPECT_EQ(sqlite_value(db(),
                         "SELECT typeof(version) || typeof(checksum) || typeof(success) "
                         "FROM flyway_schema_history WHERE installed_rank = 4"),
            "textintegerinteger");
}

TEST_F(SqliteUndoTest, MissingUndoScriptIsAnErrorNamingTheFileAndUndoesNothing) {
  migration("V4__add_toys.sql", "CREATE TABLE toys (id INT);\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);

  auto result = runway({"undo", "-target=2"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err,
              HasSubstr("Unable to undo migration to version 4 (add toys): no undo "
                        "script U4__add_toys.sql was found in the configured locations."));
  EXPECT_TRUE(table_exists("pets")) << "nothing is undone when one undo script is missing";
  EXPECT_EQ(history().size(), 4u);
}

TEST_F(SqliteUndoTest, FailingUndoIsRolledBackAndLeavesNoRow) {
  migration("U3__add_pets.sql", "DROP TABLE pets;\nINSERT INTO missing_table VALUES (1);\n");
  auto result = runway({"undo"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err,
              HasSubstr("Undo of migration of schema \"main\" to version \"3 - add pets\" "
                        "failed! Changes successfully rolled back."));
  EXPECT_THAT(result.err, HasSubstr("U3__add_pets.sql"));
  EXPECT_THAT(result.err, HasSubstr("Line       : 2"));
  EXPECT_TRUE(table_exists("pets")) << "the DROP must be rolled back";
  EXPECT_EQ(history().size(), 3u);

  auto json_run = runway({"undo", "-outputType=json"});
  EXPECT_EQ(json_run.exit_code, 1);
  auto doc = nlohmann::json::parse(json_run.out);
  EXPECT_EQ(doc["operation"], "undo");
  EXPECT_EQ(doc["success"], false);
  EXPECT_EQ(doc["error"]["errorCode"], "FAILED_VERSIONED_MIGRATION");
  EXPECT_EQ(doc["error"]["lineNumber"], 2);
}

TEST_F(SqliteUndoTest, JsonListsTheUndoneMigrations) {
  auto result = runway({"undo", "-target=1", "-outputType=json"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  auto doc = nlohmann::json::parse(result.out);
  EXPECT_EQ(doc["operation"], "undo");
  EXPECT_EQ(doc["initialSchemaVersion"], "3");
  EXPECT_EQ(doc["targetSchemaVersion"], "1");
  EXPECT_EQ(doc["migrationsUndone"], 2);
  EXPECT_EQ(doc["success"], true);
  EXPECT_EQ(doc["databaseType"], "SQLite");
  ASSERT_EQ(doc["undoneMigrations"].size(), 2u);
  const auto& first = doc["undoneMigrations"][0];
  EXPECT_EQ(first["category"], "Undo");
  EXPECT_EQ(first["version"], "3");
  EXPECT_EQ(first["description"], "add pets");
  EXPECT_EQ(first["type"], "UNDO_SQL");
  EXPECT_EQ(first["filepath"], sql_dir() + "/U3__add_pets.sql");
}

TEST_F(SqliteUndoTest, CherryPickUndoesOnlyTheNamedVersions) {
  auto result = runway({"undo", "-cherryPick=2"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_FALSE(table_exists("people"));
  EXPECT_TRUE(table_exists("pets"));
}

TEST_F(SqliteUndoTest, RepeatablesCannotBeUndone) {
  migration("R__owner_view.sql", "CREATE VIEW owner_view AS SELECT id FROM owners;\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  auto result = runway({"undo", "-cherryPick=R__owner_view"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err,
              HasSubstr("Unable to undo 'R__owner_view': repeatable migrations cannot be undone."));
  EXPECT_EQ(history().size(), 4u);
}

TEST_F(SqliteUndoTest, NothingAppliedIsNothingToUndo) {
  std::filesystem::remove(db());
  auto result = runway({"undo"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("there is nothing to undo"));
}

TEST_F(SqliteUndoTest, BaselineCannotBeUndone) {
  std::filesystem::remove(db());
  ASSERT_EQ(runway({"baseline", "-baselineVersion=3"}).exit_code, 0);
  auto result = runway({"undo"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("Unable to undo version 3 (<< Flyway Baseline >>): it is the "
                                    "baseline of this schema"));
}

}  // namespace
}  // namespace runway::testing
