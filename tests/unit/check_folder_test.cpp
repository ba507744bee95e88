// Folder rules and team conventions of `runway check`, on real files in a temp folder.
#include <gmock/gmock.h>

#include "check/check.h"
#include "support/temp_dir.h"

namespace runway {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// 2024-06-01 12:00:00 UTC: what timestamp versions are compared with.
const auto kNow = std::chrono::system_clock::from_time_t(1717243200);

class CheckFolderTest : public ::testing::Test {
 protected:
  CheckFolderTest() {
    settings_.locations = {"filesystem:" + dir_.str() + "/sql"};
    settings_.url = "jdbc:sqlite:app.db";  // the folder rules only; DDL rules are PostgreSQL's
  }
  void file(const std::string& name, const std::string& content) {
    dir_.write("sql/" + name, content);
  }

  CheckResult check() {
    auto result = check_migrations(settings_, CheckEnvironment{dir_.str(), kNow});
    EXPECT_TRUE(result.has_value()) << (result ? "" : result.error().message);
    return result ? *result : CheckResult{};
  }
  // "path:line rule" per finding.
  std::vector<std::string> findings() {
    std::vector<std::string> out;
    for (const Finding& f : check().findings) {
      out.push_back(f.path + ":" + std::to_string(f.line) + " " + f.rule);
    }
    return out;
  }

  testing::TempDir dir_;
  Settings settings_;
};

TEST_F(CheckFolderTest, CleanFolderPasses) {
  file("V1__create.sql", "CREATE TABLE t (id int);\n");
  file("V1_1__more.sql", "ALTER TABLE t ADD COLUMN name text;\n");
  file("R__view.sql", "CREATE VIEW v AS SELECT * FROM t;\n");
  file("afterMigrate.sql", "SELECT 1;\n");
  file("README.md", "not a migration");
  CheckResult result = check();
  EXPECT_THAT(result.findings, IsEmpty());
  EXPECT_TRUE(result.passed());
  EXPECT_EQ(result.migrations_checked, 4);
}

TEST_F(CheckFolderTest, InvalidNamesAreErrors) {
  file("V1_add.sql", "SELECT 1;");
  file("v2__lower.sql", "SELECT 1;");
  CheckResult result = check();
  EXPECT_THAT(findings(), ElementsAre("sql/V1_add.sql:0 RW101", "sql/v2__lower.sql:0 RW101"));
  EXPECT_THAT(result.findings[0].message, HasSubstr("could not recognise version number 1_add"));
  EXPECT_FALSE(result.passed());
}

TEST_F(CheckFolderTest, EqualVersionsAndDescriptionsAreDuplicates) {
  file("V1.1__a.sql", "SELECT 1;");
  file("V1_1__b.sql", "SELECT 2;");
  file("sub/V1.01__c.sql", "SELECT 3;");
  file("B1.1__baseline.sql", "SELECT 4;");  // a B file may share a V file's version
  file("R__views.sql", "SELECT 5;");
  file("sub/R__views.sql", "SELECT 6;");
  EXPECT_THAT(findings(), ElementsAre("sql/V1_1__b.sql:0 RW102", "sql/sub/R__views.sql:0 RW103",
                                      "sql/sub/V1.01__c.sql:0 RW102"));
}

TEST_F(CheckFolderTest, PlaceholdersWithoutValuesAreNamedWithTheirLine) {
  settings_.placeholders = {{"owner", "app"}};
  file("V1__ok.sql", "GRANT SELECT ON t TO ${owner};\nSELECT '${flyway:filename}';\n");
  file("V2__missing.sql", "SELECT 1;\nSELECT '${tenant}';\n");
  file("V3__database.sql", "SELECT '${flyway:database}', '${flyway:user}';\n");
  settings_.user = "deployer";  // ${flyway:user} is then known; the database name never is
  CheckResult result = check();
  EXPECT_THAT(findings(),
              ElementsAre("sql/V2__missing.sql:2 RW104", "sql/V3__database.sql:1 RW105"));
  EXPECT_EQ(result.findings[1].severity, Severity::Note);
  EXPECT_EQ(result.count(Severity::Error), 1) << "the note is not an error";
}

TEST_F(CheckFolderTest, PlaceholderReplacementOffIgnoresThem) {
  settings_.placeholder_replacement = false;
  file("V1__dollar.sql", "SELECT '${not_a_placeholder}';\n");
  EXPECT_THAT(findings(), IsEmpty());
}

TEST_F(CheckFolderTest, SqlThatCannotBeSplitIsAnError) {
  file("V1__quote.sql", "SELECT 1;\nSELECT 'open;\n");
  file("V2__comment.sql", "/* never closed\nSELECT 1;\n");
  CheckResult result = check();
  EXPECT_THAT(findings(), ElementsAre("sql/V1__quote.sql:2 RW106", "sql/V2__comment.sql:1 RW106"));
  EXPECT_THAT(result.findings[0].message, HasSubstr("Incomplete statement at line 2"));
}

TEST_F(CheckFolderTest, UnterminatedDollarQuoteOnPostgres) {
  settings_.url = "jdbc:postgresql://localhost/app";
  file("V1__function.sql",
       "SET lock_timeout = '1s';\nCREATE FUNCTION f() RETURNS int AS $body$ SELECT 1;\n");
  EXPECT_THAT(findings(), ElementsAre("sql/V1__function.sql:2 RW106"));
}

TEST_F(CheckFolderTest, EmptyMigrationsAreWarnings) {
  file("V1__empty.sql", "");
  file("V2__comments.sql", "-- nothing yet\n/* still nothing */\n");
  CheckResult result = check();
  EXPECT_THAT(findings(), ElementsAre("sql/V1__empty.sql:0 RW107", "sql/V2__comments.sql:0 RW107"));
  EXPECT_TRUE(result.passed());
  settings_.check_fail_on_warnings = true;
  EXPECT_FALSE(check().passed());
}

TEST_F(CheckFolderTest, UndecodableFileIsAnError) {
  file("V1__latin1.sql", "SELECT 'caf\xE9';\n");
  EXPECT_THAT(findings(), ElementsAre("sql/V1__latin1.sql:0 RW108"));
  settings_.encoding = "ISO-8859-1";
  EXPECT_THAT(findings(), IsEmpty());
}

TEST_F(CheckFolderTest, DescriptionPattern) {
  settings_.check_description_pattern = "[A-Z]+-[0-9]+_.+";
  file("V1__PROJ-12_add_index.sql", "SELECT 1;");
  file("V2__add_index.sql", "SELECT 1;");
  file("R__PROJ-3_views.sql", "SELECT 1;");
  CheckResult result = check();
  EXPECT_THAT(findings(), ElementsAre("sql/V2__add_index.sql:0 RW401"));
  EXPECT_THAT(result.findings[0].message, HasSubstr("'add_index' does not match"));
}

TEST_F(CheckFolderTest, SequentialVersionScheme) {
  settings_.check_version_scheme = "sequential:3";
  file("V001__a.sql", "SELECT 1;");
  file("V02__b.sql", "SELECT 1;");
  file("V003.1__c.sql", "SELECT 1;");
  file("R__d.sql", "SELECT 1;");
  EXPECT_THAT(findings(), ElementsAre("sql/V003.1__c.sql:0 RW402", "sql/V02__b.sql:0 RW402"));
}

TEST_F(CheckFolderTest, TimestampVersionScheme) {
  settings_.check_version_scheme = "timestamp";
  file("V20240501103000__ok.sql", "SELECT 1;");
  file("V2024_05_02_10_30_00__separated.sql", "SELECT 1;");
  file("V20240230103000__no_such_day.sql", "SELECT 1;");
  file("V20340501103000__future.sql", "SELECT 1;");
  file("V7__not_a_timestamp.sql", "SELECT 1;");
  CheckResult result = check();
  EXPECT_THAT(findings(), ElementsAre("sql/V20240230103000__no_such_day.sql:0 RW402",
                                      "sql/V20340501103000__future.sql:0 RW402",
                                      "sql/V7__not_a_timestamp.sql:0 RW402"));
  EXPECT_THAT(result.findings[1].message, HasSubstr("in the future"));
}

TEST_F(CheckFolderTest, BadConventionSettingsAreConfigurationErrors) {
  settings_.check_version_scheme = "sequential";
  auto result = check_migrations(settings_, CheckEnvironment{dir_.str(), kNow});
  ASSERT_FALSE(result.has_value());
  EXPECT_THAT(result.error().message, HasSubstr("check.versionScheme must be"));
  settings_.check_version_scheme = "";
  settings_.check_description_pattern = "([A-Z";
  result = check_migrations(settings_, CheckEnvironment{dir_.str(), kNow});
  ASSERT_FALSE(result.has_value());
  EXPECT_THAT(result.error().message, HasSubstr("check.descriptionPattern"));
}

TEST_F(CheckFolderTest, PostgresDdlRulesRunOnlyForPostgres) {
  file("V1__drop.sql", "SET lock_timeout = '1s';\nDROP TABLE old;\n");
  EXPECT_THAT(findings(), IsEmpty());
  settings_.url = "";  // no url: check assumes PostgreSQL
  EXPECT_THAT(findings(), ElementsAre("sql/V1__drop.sql:2 PG007"));
}

}  // namespace
}  // namespace runway
