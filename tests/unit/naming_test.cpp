// Migration file names (spec 1.3-1.5).
#include "runway/naming.h"

#include <gtest/gtest.h>

#include <string>

namespace runway {
namespace {

using Kind = ParsedName::Kind;

ParsedName parse_ok(std::string_view file_name, const NamingConventions& naming = {}) {
  auto parsed = parse_migration_name(file_name, naming);
  EXPECT_TRUE(parsed.has_value()) << file_name << ": " << (parsed ? "" : parsed.error().message);
  return parsed ? *parsed : ParsedName{};
}

std::string parse_error(std::string_view file_name, const NamingConventions& naming = {}) {
  auto parsed = parse_migration_name(file_name, naming);
  EXPECT_FALSE(parsed.has_value()) << file_name << " was accepted";
  return parsed ? std::string() : parsed.error().message;
}

void expect_versioned(std::string_view file_name, std::string_view version_text,
                      std::string_view description) {
  ParsedName parsed = parse_ok(file_name);
  EXPECT_EQ(parsed.kind, Kind::Versioned) << file_name;
  EXPECT_EQ(parsed.version.text(), version_text) << file_name;
  EXPECT_EQ(parsed.description, description) << file_name;
}

// Spec 1.4, one row per test.

TEST(NamingTest, SimpleVersionedName) {
  expect_versioned("V1__init.sql", "1", "init");
}

TEST(NamingTest, UnderscoresInVersionBecomeDotsAndInDescriptionSpaces) {
  expect_versioned("V1_1__add_table.sql", "1.1", "add table");
}

TEST(NamingTest, DottedVersionAndDescriptionCaseKept) {
  expect_versioned("V1.2.3__My_Desc.sql", "1.2.3", "My Desc");
}

TEST(NamingTest, LeadingZerosKeptInTextButEqualToOne) {
  ParsedName parsed = parse_ok("V001__x.sql");
  EXPECT_EQ(parsed.version.text(), "001");
  EXPECT_EQ(parsed.version, *MigrationVersion::parse("1"));
}

TEST(NamingTest, DatedVersionHasFiveParts) {
  expect_versioned("V2017_07_08_11_10__x.sql", "2017.07.08.11.10", "x");
}

TEST(NamingTest, TimestampVersionIsOnePart) {
  expect_versioned("V20170708111000__x.sql", "20170708111000", "x");
}

TEST(NamingTest, SeparatorIsOptionalWithoutDescription) {
  expect_versioned("V1.sql", "1", "");
}

TEST(NamingTest, SeparatorWithEmptyDescription) {
  expect_versioned("V1__.sql", "1", "");
}

TEST(NamingTest, SuffixMatchIsCaseInsensitive) {
  expect_versioned("V1__init.SQL", "1", "init");
}

TEST(NamingTest, PrefixIsCaseSensitive) {
  EXPECT_EQ(parse_error("v1__init.sql"), "Unrecognised migration name format: v1__init.sql");
}

TEST(NamingTest, SingleUnderscoreMakesVersionUnrecognisable) {
  EXPECT_EQ(parse_error("V1_init.sql"),
            "Invalid versioned migration name format: V1_init.sql (could not recognise version "
            "number 1_init)");
}

TEST(NamingTest, VersionedNameWithoutVersion) {
  EXPECT_EQ(parse_error("V__init.sql"),
            "Invalid versioned migration name format: V__init.sql (It must contain a version and "
            "should look like this: V1.2__init.sql)");
}

TEST(NamingTest, VersionedNameWithoutVersionOrDescriptionSuggestsDescription) {
  EXPECT_EQ(parse_error("V__.sql"),
            "Invalid versioned migration name format: V__.sql (It must contain a version and "
            "should look like this: V1.2__description.sql)");
}

TEST(NamingTest, DoubleDotVersionIsInvalid) {
  EXPECT_EQ(parse_error("V1..2__x.sql"),
            "Invalid versioned migration name format: V1..2__x.sql (could not recognise version "
            "number 1..2)");
}

TEST(NamingTest, RepeatableName) {
  ParsedName parsed = parse_ok("R__views.sql");
  EXPECT_EQ(parsed.kind, Kind::Repeatable);
  EXPECT_EQ(parsed.description, "views");
  EXPECT_TRUE(parsed.version.is_empty());
}

TEST(NamingTest, RepeatableCannotContainVersion) {
  EXPECT_EQ(parse_error("R1__views.sql"),
            "Invalid repeatable migration / callback name format: R1__views.sql (It cannot "
            "contain a version and should look like this: R__views.sql)");
}

TEST(NamingTest, BaselineMigrationName) {
  ParsedName parsed = parse_ok("B5__baseline.sql");
  EXPECT_EQ(parsed.kind, Kind::BaselineMigration);
  EXPECT_EQ(parsed.version.text(), "5");
  EXPECT_EQ(parsed.description, "baseline");
}

// Spec 1.4 lists `U1__undo_init.sql` as unrecognised in Flyway OSS. runway implements undo
// (as Flyway's paid editions do), so the U prefix is a candidate and the name is an undo.
TEST(NamingTest, UndoNameIsRecognisedBecauseRunwaySupportsUndo) {
  ParsedName parsed = parse_ok("U1__undo_init.sql");
  EXPECT_EQ(parsed.kind, Kind::Undo);
  EXPECT_EQ(parsed.version.text(), "1");
  EXPECT_EQ(parsed.description, "undo init");
}

TEST(NamingTest, CallbackWithoutDescription) {
  ParsedName parsed = parse_ok("beforeMigrate.sql");
  EXPECT_EQ(parsed.kind, Kind::Callback);
  EXPECT_EQ(parsed.event, "beforeMigrate");
  EXPECT_EQ(parsed.description, "");
}

TEST(NamingTest, CallbackWithDescription) {
  ParsedName parsed = parse_ok("afterMigrate__refresh_views.sql");
  EXPECT_EQ(parsed.kind, Kind::Callback);
  EXPECT_EQ(parsed.event, "afterMigrate");
  EXPECT_EQ(parsed.description, "refresh views");
}

// `BeforeMigrate` is not an event id; it starts with the baseline prefix `B`, so what follows
// is taken as a version.
TEST(NamingTest, EventIdsAreCaseSensitive) {
  EXPECT_EQ(parse_error("BeforeMigrate.sql"),
            "Invalid versioned migration name format: BeforeMigrate.sql (could not recognise "
            "version number eforeMigrate)");
}

TEST(NamingTest, NameWithoutKnownPrefixIsUnrecognised) {
  EXPECT_EQ(parse_error("notes.sql"), "Unrecognised migration name format: notes.sql");
}

TEST(NamingTest, OnlySqlSuffixesAreConsidered) {
  NamingConventions naming;
  EXPECT_FALSE(has_sql_suffix("README.md", naming));
  EXPECT_FALSE(has_sql_suffix("V1__x.sql.conf", naming));
  EXPECT_TRUE(has_sql_suffix("V1__x.sql", naming));
  EXPECT_TRUE(has_sql_suffix("notes.SQL", naming));
}

// Descriptions are taken verbatim apart from `_` -> space (spec 1.3 step 5).

TEST(NamingTest, TrailingSpaceBeforeSuffixIsKept) {
  expect_versioned("V2__add index .sql", "2", "add index ");
}

TEST(NamingTest, OnlyFirstSeparatorSplits) {
  ParsedName parsed = parse_ok("R__a__b.sql");
  EXPECT_EQ(parsed.kind, Kind::Repeatable);
  EXPECT_EQ(parsed.description, "a  b");
}

TEST(NamingTest, CallbackWithVersionIsInvalid) {
  EXPECT_EQ(parse_error("beforeMigrate1__x.sql"),
            "Invalid repeatable migration / callback name format: beforeMigrate1__x.sql (It "
            "cannot contain a version and should look like this: beforeMigrate__x.sql)");
}

TEST(NamingTest, LongestEventIdWins) {
  EXPECT_EQ(parse_ok("afterMigrateApplied.sql").event, "afterMigrateApplied");
  EXPECT_EQ(parse_ok("afterMigrateError__log.sql").event, "afterMigrateError");
  EXPECT_EQ(parse_ok("afterEachMigrateStatementError.sql").event, "afterEachMigrateStatementError");
}

// Configurable naming (spec 1.7).

TEST(NamingTest, CustomPrefixSeparatorAndSuffixes) {
  NamingConventions naming;
  naming.versioned_prefix = "M";
  naming.repeatable_prefix = "RM";
  naming.separator = "-";
  naming.suffixes = {".psql", ".sql"};
  ParsedName versioned = parse_ok("M1_1-add_col.PSQL", naming);
  EXPECT_EQ(versioned.kind, Kind::Versioned);
  EXPECT_EQ(versioned.version.text(), "1.1");
  EXPECT_EQ(versioned.description, "add col");
  ParsedName repeatable = parse_ok("RM-views.sql", naming);
  EXPECT_EQ(repeatable.kind, Kind::Repeatable);
  EXPECT_EQ(repeatable.description, "views");
}

TEST(NamingTest, CustomSuffixAppearsInExampleOfErrorMessage) {
  NamingConventions naming;
  naming.suffixes = {".psql"};
  EXPECT_EQ(parse_error("V__x.PSQL", naming),
            "Invalid versioned migration name format: V__x.PSQL (It must contain a version and "
            "should look like this: V1.2__x.PSQL)");
}

TEST(NamingTest, LongestPrefixWins) {
  NamingConventions naming;
  naming.repeatable_prefix = "VV";
  ParsedName repeatable = parse_ok("VV__views.sql", naming);
  EXPECT_EQ(repeatable.kind, Kind::Repeatable);
  EXPECT_EQ(repeatable.description, "views");
  EXPECT_EQ(parse_ok("V2__x.sql", naming).kind, Kind::Versioned);
}

TEST(NamingTest, LongerCustomVersionedPrefixBeatsShorterOne) {
  NamingConventions naming;
  naming.versioned_prefix = "VV";
  naming.repeatable_prefix = "V";
  ParsedName versioned = parse_ok("VV3__x.sql", naming);
  EXPECT_EQ(versioned.kind, Kind::Versioned);
  EXPECT_EQ(versioned.version.text(), "3");
  EXPECT_EQ(parse_ok("V__x.sql", naming).kind, Kind::Repeatable);
}

}  // namespace
}  // namespace runway
