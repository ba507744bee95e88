// `runway check -check.history=FILE`: a target database's history, exported with
// `info -outputType=json`, validated offline the way migrate would validate it.
#include <gmock/gmock.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "cli/sqlite_fixture.h"

namespace runway::testing {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

class CheckHistoryTest : public SqliteCliTest {
 protected:
  void SetUp() override {
    migration("V1__create_person.sql", "CREATE TABLE person (id INT);\n");
    migration("V2__add_name.sql", "ALTER TABLE person ADD COLUMN name TEXT;\n");
    migration("R__people.sql",
              "DROP VIEW IF EXISTS people;\nCREATE VIEW people AS SELECT * FROM person;\n");
    CommandOutput migrated = runway({"migrate"});
    ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
    // What a pipeline saves from production, then checks against with no connection.
    CommandOutput exported = runway({"info", "-outputType=json"});
    ASSERT_EQ(exported.exit_code, 0) << describe(exported);
    dir_.write("prod-info.json", exported.out);
  }

  // The configuration migrate uses; check reads the url only to pick the SQL dialect.
  CommandOutput check(std::vector<std::string> args = {}) {
    args.insert(args.begin(), {"check", "-url=jdbc:sqlite:" + db(), "-locations=filesystem:sql",
                               "-check.history=prod-info.json"});
    return run_runway(args, dir_.str());
  }

  // Flyway's info JSON has no checksum field.
  void export_without_checksums() {
    json doc = json::parse(std::ifstream(dir_.str() + "/prod-info.json"));
    for (json& m : doc["migrations"]) m.erase("checksum");
    dir_.write("prod-info.json", doc.dump(2));
  }
};

TEST_F(CheckHistoryTest, ExportCarriesChecksums) {
  json doc = json::parse(std::ifstream(dir_.str() + "/prod-info.json"));
  EXPECT_TRUE(doc["migrations"][0]["checksum"].is_number_integer()) << doc.dump(2);
}

TEST_F(CheckHistoryTest, UnchangedFolderAndNewMigrationsPass) {
  migration("V3__add_email.sql", "ALTER TABLE person ADD COLUMN email TEXT;\n");
  migration("R__people.sql",
            "DROP VIEW IF EXISTS people;\nCREATE VIEW people AS SELECT id FROM person;\n");
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("runway check passed: 4 scripts, 0 errors, 0 warnings, 0 notes; "
                               "validated against prod-info.json"));
}

// A script's own .conf is read by check as by migrate: with placeholder replacement off for
// it, `${name}` is text, neither a missing placeholder nor a changed checksum.
TEST_F(CheckHistoryTest, ScriptConfFilesAreReadAsMigrateReadsThem) {
  migration("R__literal.sql",
            "DROP VIEW IF EXISTS literal;\nCREATE VIEW literal AS SELECT '${name}' AS x;\n");
  migration("R__literal.sql.conf", "placeholderReplacement=false\n");
  CommandOutput migrated = runway({"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  CommandOutput exported = runway({"info", "-outputType=json"});
  ASSERT_EQ(exported.exit_code, 0) << describe(exported);
  dir_.write("prod-info.json", exported.out);

  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(r.out, Not(HasSubstr("RW104")));
  EXPECT_THAT(r.out, HasSubstr("runway check passed: 4 scripts, 0 errors"));
}

TEST_F(CheckHistoryTest, EditedAppliedMigrationFailsLikeMigrateWould) {
  migration("V1__create_person.sql", "CREATE TABLE person (id BIGINT);\n");
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("sql/V1__create_person.sql: error [RW305] CHECKSUM_MISMATCH: "
                               "Migration checksum mismatch for migration version 1; "
                               "-> Applied to database :"));
  // What the real migrate says about the same folder.
  CommandOutput migrate = runway({"migrate"});
  EXPECT_EQ(migrate.exit_code, 1);
  EXPECT_THAT(migrate.err, HasSubstr("Migration checksum mismatch for migration version 1"));
}

TEST_F(CheckHistoryTest, DeletedAndRenamedAppliedMigrations) {
  std::filesystem::rename(sql_dir() + "/V2__add_name.sql", sql_dir() + "/V2__add_names.sql");
  std::filesystem::remove(sql_dir() + "/R__people.sql");
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("sql/V2__add_names.sql: error [RW306] DESCRIPTION_MISMATCH"));
  EXPECT_THAT(r.out,
              HasSubstr("prod-info.json: error [RW302] APPLIED_REPEATABLE_MIGRATION_NOT_RESOLVED: "
                        "Detected applied migration not resolved locally: people."));
}

TEST_F(CheckHistoryTest, VersionBelowTheAppliedOnesIsIgnoredUnlessOutOfOrder) {
  migration("V1_5__late.sql", "SELECT 1;\n");
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(
      r.out,
      HasSubstr("sql/V1_5__late.sql: error [RW303] RESOLVED_VERSIONED_MIGRATION_NOT_APPLIED: "
                "Detected resolved migration not applied to database: 1.5."));
  EXPECT_EQ(check({"-outOfOrder=true"}).exit_code, 0);
}

TEST_F(CheckHistoryTest, FailedMigrationOnTheTarget) {
  json doc = json::parse(std::ifstream(dir_.str() + "/prod-info.json"));
  for (json& m : doc["migrations"]) {
    if (m["version"] == "2") m["state"] = "Failed";
  }
  dir_.write("prod-info.json", doc.dump());
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(
      r.out,
      HasSubstr("[RW301] FAILED_VERSIONED_MIGRATION: Detected failed migration to version 2"));
}

TEST_F(CheckHistoryTest, FlywayExportWithoutChecksumsSaysWhatItCannotCheck) {
  export_without_checksums();
  migration("V1__create_person.sql", "CREATE TABLE person (id BIGINT);\n");
  CommandOutput r = check();
  EXPECT_EQ(r.exit_code, 0) << describe(r);
  EXPECT_THAT(r.out, HasSubstr("prod-info.json: note [RW307] the export has no checksums: "
                               "CHECKSUM_MISMATCH was not checked"));
  EXPECT_THAT(r.out, Not(HasSubstr("RW305")));
  // Everything else still runs.
  std::filesystem::remove(sql_dir() + "/V1__create_person.sql");
  CommandOutput deleted = check();
  EXPECT_EQ(deleted.exit_code, 1) << describe(deleted);
  EXPECT_THAT(deleted.out, HasSubstr("[RW302] APPLIED_VERSIONED_MIGRATION_NOT_RESOLVED"));
}

TEST_F(CheckHistoryTest, ChainedInfoResultsAreAccepted) {
  CommandOutput chained = runway({"info", "validate", "-outputType=json"});
  ASSERT_EQ(chained.exit_code, 0) << describe(chained);
  dir_.write("prod-info.json", chained.out);
  EXPECT_EQ(check().exit_code, 0);
}

TEST_F(CheckHistoryTest, UnreadableOrForeignFilesAreClearErrors) {
  CommandOutput missing = check({"-check.history=nope.json"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("check.history: unable to read nope.json"));
  dir_.write("other.json", "{\"operation\": \"migrate\"}");
  CommandOutput foreign = check({"-check.history=other.json"});
  EXPECT_EQ(foreign.exit_code, 1);
  EXPECT_THAT(foreign.err, HasSubstr("does not hold the JSON that info -outputType=json prints"));
}

}  // namespace
}  // namespace runway::testing
