// -cherryPick (spec 6.5, docs/cherry-pick.md): which pending migrations it picks, its errors,
// and validation rule 4 (spec 6.1).
#include "core/cherry_pick.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/ignore_patterns.h"
#include "runway/validation.h"
#include "unit/plan_builders.h"

namespace runway {
namespace {

using namespace runway::test;
using Strings = std::vector<std::string>;
using ::testing::HasSubstr;

Settings picking(std::vector<std::string> entries) {
  Settings settings;
  settings.cherry_pick = std::move(entries);
  return settings;
}

Strings picked(const Plan& plan, std::vector<std::string> entries) {
  auto pending = cherry_picked_pending(plan, picking(std::move(entries)), true);
  EXPECT_TRUE(pending.has_value()) << pending.error().message;
  return pending ? labels(*pending) : Strings{};
}

const Plan kFresh = plan_of({V("1"), V("2"), V("2.1"), V("3"), R("person view"), R("views")}, {});

TEST(CherryPickTest, WithoutEntriesEveryPendingMigrationIsPicked) {
  EXPECT_EQ(picked(kFresh, {}), (Strings{"V1", "V2", "V2.1", "V3", "R person view", "R views"}));
}

TEST(CherryPickTest, VersionsAcceptDotsOrUnderscores) {
  EXPECT_EQ(picked(kFresh, {"2.1"}), (Strings{"V2.1"}));
  EXPECT_EQ(picked(kFresh, {"2_1"}), (Strings{"V2.1"}));
}

TEST(CherryPickTest, RepeatablesByDescriptionOrFileStem) {
  EXPECT_EQ(picked(kFresh, {"person_view"}), (Strings{"R person view"}));
  EXPECT_EQ(picked(kFresh, {"person view"}), (Strings{"R person view"}));
  EXPECT_EQ(picked(kFresh, {"R__views"}), (Strings{"R views"}));
}

TEST(CherryPickTest, PickedMigrationsKeepPlannedOrder) {
  EXPECT_EQ(picked(kFresh, {"R__views", "3", "1"}), (Strings{"V1", "V3", "R views"}));
}

TEST(CherryPickTest, RepeatableStemPrefixFollowsTheConfiguredNaming) {
  Settings settings = picking({"REP--views"});
  settings.repeatable_sql_migration_prefix = "REP";
  settings.sql_migration_separator = "--";
  auto pending = cherry_picked_pending(kFresh, settings, true);
  ASSERT_TRUE(pending.has_value()) << pending.error().message;
  EXPECT_EQ(labels(*pending), (Strings{"R views"}));
}

TEST(CherryPickTest, EntryNamingNothingIsAnError) {
  auto pending = cherry_picked_pending(kFresh, picking({"9"}), true);
  ASSERT_FALSE(pending.has_value());
  EXPECT_EQ(pending.error().code, ErrorCode::Configuration);
  EXPECT_EQ(pending.error().message,
            "Invalid cherryPick entry '9': no migration in the configured locations has this "
            "version or description");
}

TEST(CherryPickTest, EntryNamingAnAppliedMigrationIsAnErrorNamingItsState) {
  Plan plan = plan_of({V("1"), V("2")}, {row(1, "1", "")});
  auto pending = cherry_picked_pending(plan, picking({"1"}), true);
  ASSERT_FALSE(pending.has_value());
  EXPECT_EQ(pending.error().message,
            "Invalid cherryPick entry '1': migration V1__.sql is Success, not Pending; only "
            "pending migrations can be cherry-picked");
}

TEST(CherryPickTest, EntryNamingAnIgnoredMigrationSuggestsOutOfOrder) {
  Plan plan = plan_of({V("1"), V("1.5"), V("2")}, {row(1, "1", ""), row(2, "2", "")});
  auto pending = cherry_picked_pending(plan, picking({"1.5"}), true);
  ASSERT_FALSE(pending.has_value());
  EXPECT_THAT(pending.error().message, HasSubstr("is Ignored, not Pending"));
  EXPECT_THAT(pending.error().message, HasSubstr("-outOfOrder=true"));
}

TEST(CherryPickTest, LaterIterationsDoNotCheckEntriesAlreadyApplied) {
  Plan plan = plan_of({V("1"), V("2")}, {row(1, "1", "")});
  auto pending = cherry_picked_pending(plan, picking({"1", "2"}), false);
  ASSERT_TRUE(pending.has_value());
  EXPECT_EQ(labels(*pending), (Strings{"V2"}));
}

// Spec 6.1 rule 4: what waits but is not picked is no validation failure.
TEST(CherryPickTest, ValidationPassesMigrationsNotPicked) {
  Plan plan =
      plan_of({V("1"), V("1.5"), V("2"), V("3"), R("views")}, {row(1, "1", ""), row(2, "2", "")});
  IgnoreRules strict(std::vector<IgnorePattern>{});
  ASSERT_EQ(validate_plan(plan, strict).size(), 3u) << "1.5 ignored, 3 and views pending";

  CherryPick pick(picking({"3"}));
  auto failures = validate_plan(plan, strict, &pick);
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].version, "3") << "the picked migration is still reported as pending";
}

TEST(CherryPickTest, ValidationStillReportsMismatchesOfAppliedMigrations) {
  Plan plan = plan_of({V("1", "", 42), V("2")}, {row(1, "1", "")});
  CherryPick pick(picking({"2"}));
  auto failures = validate_plan(plan, IgnoreRules(std::vector<IgnorePattern>{}), &pick);
  ASSERT_EQ(failures.size(), 2u);
  EXPECT_EQ(failures[0].code, ErrorCode::ChecksumMismatch);
  EXPECT_EQ(failures[1].code, ErrorCode::ResolvedVersionedMigrationNotApplied);
}

}  // namespace
}  // namespace runway
