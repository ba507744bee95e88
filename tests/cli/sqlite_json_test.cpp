// -outputType=json: stdout holds exactly one JSON document with Flyway's field names.
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "cli/sqlite_fixture.h"

namespace runway::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

json parse(const CommandOutput& r) {
  EXPECT_TRUE(json::accept(r.out)) << "stdout is not one JSON document:\n" << describe(r);
  return json::accept(r.out) ? json::parse(r.out) : json();
}

class SqliteJsonTest : public SqliteCliTest {
 protected:
  void SetUp() override {
    migration("V1__create_person.sql", "CREATE TABLE person (id INT);\n");
    migration("V2__add_name.sql", "ALTER TABLE person ADD COLUMN name TEXT;\n");
    migration("R__people.sql", "DROP VIEW IF EXISTS people;\nCREATE VIEW people AS SELECT * FROM person;\n");
  }
};

TEST_F(SqliteJsonTest, MigrateReportsEveryAppliedMigration) {
  auto r = runway({"migrate", "-outputType=json"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_EQ(r.err, "") << "logs are silent in JSON mode";
  json j = parse(r);
  EXPECT_EQ(j["operation"], "migrate");
  EXPECT_EQ(j["success"], true);
  EXPECT_EQ(j["initialSchemaVersion"], nullptr);
  EXPECT_EQ(j["targetSchemaVersion"], "2");
  EXPECT_EQ(j["migrationsExecuted"], 3);
  EXPECT_EQ(j["databaseType"], "SQLite");
  EXPECT_EQ(j["schemaName"], "");
  EXPECT_TRUE(j["warnings"].is_array());
  ASSERT_EQ(j["migrations"].size(), 3u);
  EXPECT_EQ(j["migrations"][0]["category"], "Versioned");
  EXPECT_EQ(j["migrations"][0]["version"], "1");
  EXPECT_EQ(j["migrations"][0]["description"], "create person");
  EXPECT_EQ(j["migrations"][0]["type"], "SQL");
  EXPECT_EQ(j["migrations"][0]["filepath"], sql_dir() + "/V1__create_person.sql");
  EXPECT_TRUE(j["migrations"][0]["executionTime"].is_number_integer());
  EXPECT_EQ(j["migrations"][2]["category"], "Repeatable");
  EXPECT_EQ(j["migrations"][2]["version"], "");
}

TEST_F(SqliteJsonTest, InfoListsStatesAndHistoryFields) {
  ASSERT_EQ(runway({"migrate", "-target=1"}).exit_code, 0);
  auto r = runway({"info", "-outputType=json"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  json j = parse(r);
  EXPECT_EQ(j["operation"], "info");
  EXPECT_EQ(j["schemaVersion"], "1");
  EXPECT_EQ(j["allSchemasEmpty"], false);
  EXPECT_EQ(j["exception"], nullptr);
  EXPECT_EQ(j["licenseFailed"], false);
  ASSERT_EQ(j["migrations"].size(), 3u);
  const json& applied = j["migrations"][0];
  EXPECT_EQ(applied["state"], "Success");
  EXPECT_EQ(applied["version"], "1");
  EXPECT_EQ(applied["rawVersion"], "1");
  EXPECT_EQ(applied["undoable"], "No");
  EXPECT_EQ(applied["installedBy"], "");
  EXPECT_EQ(applied["undoFilepath"], "");
  EXPECT_EQ(applied["shouldExecuteExpression"], nullptr);
  EXPECT_THAT(applied["installedOnUTC"].get<std::string>(),
              MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z"));
  // Targets limit versioned migrations only: the repeatable ran (rank 2), V2 waits.
  EXPECT_EQ(j["migrations"][1]["category"], "Repeatable");
  EXPECT_EQ(j["migrations"][1]["state"], "Success");
  EXPECT_EQ(j["migrations"][1]["undoable"], "");
  EXPECT_EQ(j["migrations"][2]["version"], "2");
  EXPECT_EQ(j["migrations"][2]["state"], "Pending");
  EXPECT_EQ(j["migrations"][2]["installedOnUTC"], "");
  EXPECT_EQ(j["migrations"][2]["executionTime"], 0);
}

TEST_F(SqliteJsonTest, FailedValidateIsJsonAndExitsZeroAsInFlyway) {
  EXPECT_EQ(runway({"validate", "-outputType=json", "-validate.strictJson=true"}).exit_code, 1)
      << "the opt-in makes a failed validate fail the JSON run";
  auto r = runway({"validate", "-outputType=json"});
  EXPECT_EQ(r.exit_code, 0) << "Flyway reports the failure in the document and exits 0";
  EXPECT_EQ(parse(r)["validateCount"], 0) << "Flyway counts only when all passed";
  json j = parse(r);
  EXPECT_EQ(j["operation"], "validate");
  EXPECT_EQ(j["validationSuccessful"], false);
  EXPECT_EQ(j["errorDetails"]["errorCode"], "VALIDATE_ERROR");
  EXPECT_EQ(j["errorDetails"]["errorMessage"], "Migrations have failed validation");
  ASSERT_EQ(j["invalidMigrations"].size(), 3u);
  EXPECT_EQ(j["invalidMigrations"][0]["version"], "1");
  EXPECT_EQ(j["invalidMigrations"][0]["errorDetails"]["errorCode"], "RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED");
  EXPECT_EQ(j["invalidMigrations"][2]["errorDetails"]["errorCode"], "RESOLVED_REPEATABLE_MIGRATION_NOT_APPLIED");
  EXPECT_THAT(j["allErrorMessages"].get<std::string>(), HasSubstr("Detected resolved migration not applied to database: 1."));
}

TEST_F(SqliteJsonTest, FailedMigrateKeepsWhatRanAndNamesTheError) {
  migration("V3__broken.sql", "SELECT 1;\nSELECT * FROM nowhere;\n");
  auto r = runway({"migrate", "-outputType=json"});
  EXPECT_EQ(r.exit_code, 1);
  json j = parse(r);
  EXPECT_EQ(j["success"], false);
  EXPECT_EQ(j["migrationsExecuted"], 2);
  EXPECT_EQ(j["error"]["errorCode"], "FAILED_VERSIONED_MIGRATION");
  EXPECT_EQ(j["error"]["lineNumber"], 2);
  EXPECT_EQ(j["error"]["path"], sql_dir() + "/V3__broken.sql");
  EXPECT_THAT(j["error"]["message"].get<std::string>(), HasSubstr("no such table: nowhere"));
}

// Issue 11: Flyway's error for the same file (the database refuses the statement) is a failed
// migration with the script's absolute path and the line the statement starts on.
TEST_F(SqliteJsonTest, UnterminatedStatementIsAFailedMigrationWithItsFileAndLine) {
  migration("V3__broken.sql",
            "SELECT 1;\n\nCREATE TRIGGER t AFTER INSERT ON person BEGIN\n  SELECT 1;\n");
  auto r = runway({"migrate", "-outputType=json"});
  EXPECT_EQ(r.exit_code, 1);
  json j = parse(r);
  EXPECT_EQ(j["migrationsExecuted"], 2);
  EXPECT_EQ(j["error"]["errorCode"], "FAILED_VERSIONED_MIGRATION");
  EXPECT_EQ(j["error"]["path"], sql_dir() + "/V3__broken.sql");
  EXPECT_EQ(j["error"]["lineNumber"], 3);
  EXPECT_EQ(j["error"]["sqlState"], nullptr) << "never sent: no SQLSTATE, Flyway's null";
  EXPECT_THAT(j["error"]["message"].get<std::string>(),
              HasSubstr("Incomplete statement at line 3 col 1: CREATE TRIGGER t"));
}

TEST_F(SqliteJsonTest, ErrorsBeforeAnyResultAreAnErrorObject) {
  auto r = runway({"clean", "-outputType=json"});
  EXPECT_EQ(r.exit_code, 1);
  json j = parse(r);
  EXPECT_EQ(j["error"]["errorCode"], "ERROR") << "Flyway's code for a refused clean";
  EXPECT_THAT(j["error"]["message"].get<std::string>(), HasSubstr("cleanDisabled"));
}

TEST_F(SqliteJsonTest, SeveralCommandsGiveIndividualResults) {
  auto r = runway({"migrate", "info", "-outputType=json"});
  ASSERT_EQ(r.exit_code, 0) << describe(r);
  json j = parse(r);
  ASSERT_EQ(j["individualResults"].size(), 2u);
  EXPECT_EQ(j["individualResults"][0]["operation"], "migrate");
  EXPECT_EQ(j["individualResults"][1]["operation"], "info");
}

TEST_F(SqliteJsonTest, BaselineRepairAndCleanResults) {
  auto baseline = parse(runway({"baseline", "-outputType=json", "-baselineVersion=0"}));
  EXPECT_EQ(baseline["successfullyBaselined"], true);
  EXPECT_EQ(baseline["baselineVersion"], "0");
  auto repair = parse(runway({"repair", "-outputType=json"}));
  EXPECT_EQ(repair["operation"], "repair");
  EXPECT_EQ(repair["repairActions"], json::array());
  auto clean = parse(runway({"clean", "-cleanDisabled=false", "-outputType=json"}));
  EXPECT_EQ(clean["schemasCleaned"], json::array({"main"}));
  EXPECT_EQ(clean["schemasDropped"], json::array());
}

}  // namespace
}  // namespace runway::testing
