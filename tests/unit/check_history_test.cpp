// Rebuilding history rows from an exported `info -outputType=json` (spec 10.3).
#include <gmock/gmock.h>

#include "check/history_rules.h"

namespace runway {
namespace {

using ::testing::HasSubstr;

// Flyway's own export (spec 10.3): no checksum field, rows in info order.
const char* kFlywayExport = R"({
  "schemaVersion": "2", "schemaName": "", "operation": "info", "flywayVersion": "12.0.2",
  "migrations": [
    {"category": "Versioned", "version": "1", "rawVersion": "1", "description": "create person",
     "type": "SQL", "installedOnUTC": "2024-05-01T10:00:00.123Z", "state": "Success",
     "filepath": "/app/sql/V1__create_person.sql", "installedBy": "app", "executionTime": 12},
    {"category": "Versioned", "version": "1.5", "rawVersion": "1_5", "description": "late",
     "type": "SQL", "installedOnUTC": "2024-05-03T10:00:00.000Z", "state": "Out of Order",
     "filepath": "", "installedBy": "app", "executionTime": 1},
    {"category": "Versioned", "version": "2", "rawVersion": "2", "description": "broken",
     "type": "SQL", "installedOnUTC": "2024-05-02T10:00:00.000Z", "state": "Failed",
     "filepath": "", "installedBy": "app", "executionTime": 3},
    {"category": "Versioned", "version": "3", "rawVersion": "3", "description": "pending",
     "type": "SQL", "installedOnUTC": "", "state": "Pending", "filepath": "/app/sql/V3__pending.sql"}
  ]})";

TEST(CheckHistoryExport, RebuildsAppliedRowsInTheOrderTheyRan) {
  auto history = parse_history_export(kFlywayExport, "prod.json");
  ASSERT_TRUE(history.has_value()) << history.error().message;
  EXPECT_FALSE(history->has_checksums);
  ASSERT_EQ(history->rows.size(), 3u) << "the pending entry is not a row";
  const AppliedMigration& first = history->rows[0];
  EXPECT_EQ(first.installed_rank, 1);
  EXPECT_EQ(first.version_text, "1");
  EXPECT_EQ(first.description, "create person");
  EXPECT_EQ(first.script, "V1__create_person.sql");
  EXPECT_EQ(first.installed_on, "2024-05-01 10:00:00.123");
  EXPECT_EQ(first.execution_time, 12);
  EXPECT_TRUE(first.success);
  EXPECT_EQ(history->rows[1].version_text, "2");
  EXPECT_FALSE(history->rows[1].success) << "state Failed";
  EXPECT_EQ(history->rows[2].version_text, "1_5") << "the text as the history table stores it";
  EXPECT_EQ(history->rows[2].installed_rank, 3);
}

TEST(CheckHistoryExport, ReadsRunwayChecksumsAndChains) {
  const char* runway_chain = R"({"individualResults": [
    {"operation": "validate", "validationSuccessful": true},
    {"operation": "info", "migrations": [
      {"version": "1", "description": "a", "type": "SQL", "state": "Success",
       "installedOnUTC": "2024-05-01T10:00:00.000Z", "checksum": -1586587850},
      {"version": "", "description": "b", "type": "SQL", "state": "Success",
       "installedOnUTC": "2024-05-01T10:00:01.000Z", "checksum": null}]}]})";
  auto history = parse_history_export(runway_chain, "prod.json");
  ASSERT_TRUE(history.has_value()) << history.error().message;
  EXPECT_TRUE(history->has_checksums);
  EXPECT_EQ(history->rows[0].checksum, -1586587850);
  EXPECT_EQ(history->rows[1].checksum, std::nullopt);
  EXPECT_FALSE(history->rows[1].is_versioned());
}

TEST(CheckHistoryExport, RejectsWhatIsNotAnInfoResult) {
  for (const char* text : {"not json", "{\"operation\": \"migrate\"}", "[]"}) {
    auto history = parse_history_export(text, "prod.json");
    ASSERT_FALSE(history.has_value()) << text;
    EXPECT_THAT(history.error().message, HasSubstr("prod.json does not hold the JSON"));
  }
  auto bad_type = parse_history_export(
      R"({"migrations": [{"version": "1", "type": "XML", "installedOnUTC": "2024-05-01T10:00:00Z"}]})",
      "prod.json");
  ASSERT_FALSE(bad_type.has_value());
  EXPECT_THAT(bad_type.error().message, HasSubstr("unknown type 'XML'"));
}

TEST(CheckHistoryExport, WithoutChecksumsEveryOtherRuleStillRuns) {
  auto history = parse_history_export(kFlywayExport, "prod.json");
  ASSERT_TRUE(history.has_value());
  CheckedMigration v1;
  v1.migration.version = *MigrationVersion::parse("1");
  v1.migration.description = "create person";
  v1.migration.script = "V1__create_person.sql";
  v1.migration.absolute_path = "/work/sql/V1__create_person.sql";
  v1.migration.checksum = 42;  // whatever production ran, the export cannot say
  v1.path = "sql/V1__create_person.sql";
  CheckedMigration v3 = v1;  // pending: migrate will apply it
  v3.migration.version = *MigrationVersion::parse("3");
  v3.migration.description = "pending";
  v3.migration.absolute_path = "/work/sql/V3__pending.sql";
  auto findings = validate_against_history({v1, v3}, *history, Settings{}, "prod.json");
  ASSERT_TRUE(findings.has_value()) << findings.error().message;
  std::vector<std::string> rules;
  for (const Finding& f : *findings) rules.push_back(f.rule + " " + f.path);
  // RW307: no checksums; RW301: version 2 failed; 1.5 is applied but has no file here.
  EXPECT_THAT(rules, ::testing::UnorderedElementsAre("RW307 prod.json", "RW301 prod.json",
                                                     "RW302 prod.json"));
}

}  // namespace
}  // namespace runway
