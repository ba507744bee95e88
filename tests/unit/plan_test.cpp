// The planner: states (spec 5.1.2), entry order (5.1.3), current version (5.1.4), target (6.4)
// and outOfOrder (6.3), from hand-built files and history rows.
#include "runway/plan.h"

#include <gtest/gtest.h>

#include "unit/plan_builders.h"

namespace runway {
namespace {

using namespace runway::test;
using Strings = std::vector<std::string>;
using Type = MigrationType;

// Spec 5.1.1: every state reachable without paid features.

TEST(PlanTest, FilesOnFreshDatabaseArePending) {
  Plan plan = plan_of({V("2"), V("1")}, {});
  EXPECT_EQ(states(plan), (Strings{"V1: Pending", "V2: Pending"}));
}

TEST(PlanTest, VersionsAboveTargetAreAboveTarget) {
  Plan plan = plan_of({V("1"), V("2"), V("3")}, {}, with_target("2"));
  EXPECT_EQ(states(plan), (Strings{"V1: Pending", "V2: Pending", "V3: Above Target"}));
}

TEST(PlanTest, FilesBelowBaselineMarkerAreBelowBaselineAndAtItIgnored) {
  Plan plan = plan_of({V("1"), V("2"), V("3"), V("4"), V("5")}, {baseline_marker(1, "3")});
  EXPECT_EQ(states(plan),
            (Strings{"V1: Below Baseline", "V2: Below Baseline", "V3: Ignored (Baseline)",
                     "baseline 3: Baseline", "V4: Pending", "V5: Pending"}));
}

TEST(PlanTest, BaselineMarkerDoesNotMatchVersionedFileOfSameVersion) {
  Plan plan = plan_of({V("1"), V("2")}, {baseline_marker(1, "1")});
  EXPECT_EQ(states(plan),
            (Strings{"V1: Ignored (Baseline)", "baseline 1: Baseline", "V2: Pending"}));
}

TEST(PlanTest, LowerVersionWithoutOutOfOrderIsIgnored) {
  Plan plan = plan_of({V("1"), V("2"), V("3")}, {row(1, "1", ""), row(2, "3", "")});
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V3: Success", "V2: Ignored"}));
}

TEST(PlanTest, OutOfOrderMakesLowerVersionPending) {
  PlanOptions options;
  options.out_of_order = true;
  Plan plan = plan_of({V("1"), V("1.5"), V("2")}, {row(1, "1", ""), row(2, "2", "")}, options);
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V2: Success", "V1.5: Pending"}));
}

TEST(PlanTest, AppliedRowWithoutFileBelowLatestFileIsMissing) {
  Plan plan = plan_of({V("2"), V("3")}, {row(1, "1", ""), row(2, "2", "")});
  EXPECT_EQ(states(plan), (Strings{"V1: Missing", "V2: Success", "V3: Pending"}));
}

TEST(PlanTest, FailedRowWithoutFileBelowLatestFileIsFailedMissing) {
  Plan plan = plan_of({V("2")}, {failed_row(1, "1", "")});
  EXPECT_EQ(states(plan), (Strings{"V1: Failed (Missing)", "V2: Pending"}));
}

TEST(PlanTest, AppliedRowWithMatchingFileIsSuccess) {
  Plan plan = plan_of({V("1", "init")}, {row(1, "1", "init")});
  EXPECT_EQ(states(plan), (Strings{"V1: Success"}));
  EXPECT_TRUE(plan.pending().empty());
}

TEST(PlanTest, FailedRowWithFileIsFailed) {
  Plan plan = plan_of({V("1"), V("2")}, {row(1, "1", ""), failed_row(2, "2", "")});
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V2: Failed"}));
}

TEST(PlanTest, RowAppliedBelowEarlierRankedVersionIsOutOfOrder) {
  Plan plan =
      plan_of({V("1"), V("2"), V("3")}, {row(1, "1", ""), row(2, "3", ""), row(3, "2", "")});
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V3: Success", "V2: Out of Order"}));
  EXPECT_TRUE(plan.entries[2].out_of_order);
  EXPECT_FALSE(plan.entries[1].out_of_order);
}

TEST(PlanTest, AppliedRowAboveLatestFileIsFuture) {
  Plan plan = plan_of({V("1")}, {row(1, "1", ""), row(2, "2", "")});
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V2: Future"}));
}

TEST(PlanTest, FailedRowAboveLatestFileIsFailedFuture) {
  Plan plan = plan_of({V("1")}, {row(1, "1", ""), failed_row(2, "2", "")});
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V2: Failed (Future)"}));
}

TEST(PlanTest, RepeatableWithChangedChecksumIsOutdatedAndPending) {
  Plan plan = plan_of({R("views", 2)}, {row(1, "", "views", Type::Sql, 1)});
  EXPECT_EQ(states(plan), (Strings{"R views: Outdated", "R views: Pending"}));
}

TEST(PlanTest, OlderRunOfRepeatableIsSuperseded) {
  Plan plan = plan_of({R("views", 2)},
                      {row(1, "", "views", Type::Sql, 1), row(2, "", "views", Type::Sql, 2)});
  EXPECT_EQ(states(plan), (Strings{"R views: Superseded", "R views: Success"}));
  EXPECT_TRUE(plan.pending().empty());
}

TEST(PlanTest, RowMarkedDeletedIsDeletedAndItsDeleteRowNotListed) {
  AppliedMigration v2 = row(2, "2", "");
  Plan plan = plan_of({V("1")}, {row(1, "1", ""), v2, delete_row(3, v2)});
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V2: Deleted"}));
}

TEST(PlanTest, DeletedRowWhoseFileIsBackMakesFilePending) {
  AppliedMigration v2 = row(2, "2", "");
  Plan plan = plan_of({V("1"), V("2")}, {row(1, "1", ""), v2, delete_row(3, v2)});
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V2: Deleted", "V2: Pending"}));
}

TEST(PlanTest, SecondDeleteForSameVersionIsCorruptHistory) {
  AppliedMigration v2 = row(2, "2", "");
  auto plan = make_plan(kept({V("1")}), {row(1, "1", ""), v2, delete_row(3, v2), delete_row(4, v2)}, {});
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().code, ErrorCode::DuplicateDeletedMigration);
  EXPECT_EQ(plan.error().message,
            "Corrupted schema history: multiple delete entries for version 2");
}

TEST(PlanTest, DeleteAfterReapplyMarksOnlyTheNewRow) {
  AppliedMigration first = row(2, "2", "");
  AppliedMigration again = row(4, "2", "");
  Plan plan = plan_of({V("1")},
                      {row(1, "1", ""), first, delete_row(3, first), again, delete_row(5, again)});
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V2: Deleted", "V2: Deleted"}));
}

TEST(PlanTest, UndoRowMarksEarlierRowUndone) {
  Plan plan =
      plan_of({V("1"), V("2")}, {row(1, "1", ""), row(2, "2", ""), row(3, "2", "", Type::UndoSql)});
  ASSERT_EQ(plan.entries.size(), 4u);
  EXPECT_EQ(states(plan)[1], "V2: Undone");
  EXPECT_EQ(labels(plan.pending()), (Strings{"V2"}));
  EXPECT_EQ(plan.current_version().text(), "1");
}

// Spec 5.1.2, B files.

TEST(PlanTest, BaselineMigrationOnFreshDatabaseSkipsLowerVersions) {
  Plan plan = plan_of({V("1"), V("2"), V("3"), V("4"), V("5"), V("6"), V("7"), B("5")}, {});
  EXPECT_EQ(states(plan), (Strings{"V1: Below Baseline", "V2: Below Baseline", "V3: Below Baseline",
                                   "V4: Below Baseline", "V5: Ignored (Baseline)", "B5: Pending",
                                   "V6: Pending", "V7: Pending"}));
  EXPECT_EQ(labels(plan.pending()), (Strings{"B5", "V6", "V7"}));
}

TEST(PlanTest, HighestBaselineMigrationWinsOnFreshDatabase) {
  Plan plan = plan_of({V("1"), B("2"), V("3"), B("4"), V("5")}, {});
  EXPECT_EQ(states(plan), (Strings{"V1: Below Baseline", "B2: Below Baseline", "V3: Below Baseline",
                                   "B4: Pending", "V5: Pending"}));
}

TEST(PlanTest, BaselineMigrationIsIgnoredOnceAnythingIsApplied) {
  Plan plan = plan_of({V("1"), B("5"), V("6")}, {row(1, "1", "")});
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "B5: Ignored", "V6: Pending"}));
}

TEST(PlanTest, AppliedBaselineMigrationIsBaselineAndRaisesBaseline) {
  Plan plan = plan_of({V("4"), V("5"), B("5"), V("6")}, {row(1, "5", "", Type::SqlBaseline)});
  EXPECT_EQ(states(plan), (Strings{"V4: Below Baseline", "V5: Ignored (Baseline)", "B5: Baseline",
                                   "V6: Pending"}));
  EXPECT_EQ(plan.applied_baseline.text(), "5");
}

TEST(PlanTest, FailedBaselineMigrationIsFailed) {
  Plan plan = plan_of({B("5")}, {failed_row(1, "5", "", Type::SqlBaseline)});
  EXPECT_EQ(states(plan), (Strings{"B5: Failed"}));
}

// Target (spec 6.4).

TEST(PlanTest, TargetCurrentWithNothingAppliedHoldsEverythingBack) {
  Plan plan = plan_of({V("1"), V("2"), R("views")}, {}, with_target("current"));
  EXPECT_EQ(states(plan), (Strings{"V1: Above Target", "V2: Above Target", "R views: Pending"}));
}

TEST(PlanTest, TargetCurrentStopsAtHighestApplied) {
  Plan plan = plan_of({V("1"), V("2")}, {row(1, "1", "")}, with_target("current"));
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V2: Above Target"}));
  EXPECT_EQ(plan.target.text(), "1");
}

TEST(PlanTest, TargetNextAllowsOnlyFirstPending) {
  Plan plan = plan_of({V("1"), V("2"), V("3")}, {row(1, "1", "")}, with_target("next"));
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V2: Pending", "V3: Above Target"}));
  EXPECT_EQ(plan.target.text(), "2");
}

TEST(PlanTest, TargetNextWithNothingPendingHasNoLimit) {
  Plan plan = plan_of({V("1")}, {row(1, "1", "")}, with_target("next"));
  EXPECT_EQ(states(plan), (Strings{"V1: Success"}));
  EXPECT_EQ(plan.target.kind(), MigrationVersion::Kind::Latest);
}

TEST(PlanTest, OptionalTargetNeedNotExist) {
  Plan plan = plan_of({V("4"), V("6")}, {}, with_target("5?"));
  EXPECT_EQ(states(plan), (Strings{"V4: Pending", "V6: Above Target"}));
}

TEST(PlanTest, TargetThatMatchesNoMigrationFails) {
  auto plan = make_plan(kept({V("4"), V("6")}), {}, with_target("5"));
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().message,
            "No migration with a target version 5 could be found. Ensure target is specified "
            "correctly and the migration exists.");
}

TEST(PlanTest, TargetMatchingOnlyAnAppliedRowExists) {
  Plan plan = plan_of({V("6")}, {row(1, "5.0", "")}, with_target("5"));
  EXPECT_EQ(states(plan), (Strings{"V5.0: Missing", "V6: Above Target"}));
}

TEST(PlanTest, TargetDoesNotLimitRepeatables) {
  Plan plan = plan_of({V("1"), V("2"), R("views")}, {}, with_target("1"));
  EXPECT_EQ(labels(plan.pending()), (Strings{"V1", "R views"}));
}

// Special rows and matching.

TEST(PlanTest, SchemaMarkerAtRankZeroIsSuccess) {
  Plan plan = plan_of({V("1")}, {schema_marker(0), row(1, "1", "")});
  EXPECT_EQ(states(plan), (Strings{"schema: Success", "V1: Success"}));
}

TEST(PlanTest, EqualVersionSpellingsMatch) {
  Plan plan = plan_of({V("1"), V("2")}, {row(1, "1.0", ""), row(2, "002", "")});
  EXPECT_EQ(states(plan), (Strings{"V1.0: Success", "V002: Success"}));
  EXPECT_EQ(plan.entries[0].version_text(), "1.0");
  EXPECT_TRUE(plan.pending().empty());
}

TEST(PlanTest, RepeatableRowHoldingRawChecksumIsUpToDate) {
  ResolvedMigration views = R("views", 111);
  views.equivalent_checksum = 222;
  Plan plan = plan_of({views}, {row(1, "", "views", Type::Sql, 222)});
  EXPECT_EQ(states(plan), (Strings{"R views: Success"}));
  EXPECT_TRUE(plan.pending().empty());
}

TEST(PlanTest, WithoutAnyLocalFilesAppliedRowsAreFuture) {
  Plan plan = plan_of({}, {row(1, "1", ""), row(2, "2", "")});
  EXPECT_EQ(states(plan), (Strings{"V1: Future", "V2: Future"}));
}

TEST(PlanTest, RepeatableRowWithoutFileIsMissingAndOlderRunSuperseded) {
  Plan plan = plan_of({}, {row(1, "", "views"), row(2, "", "views")});
  EXPECT_EQ(states(plan), (Strings{"R views: Superseded", "R views: Missing"}));
}

TEST(PlanTest, DeletedRepeatableIsDeletedAndFileIsPendingAgain) {
  AppliedMigration views = row(1, "", "views");
  Plan plan = plan_of({R("views")}, {views, delete_row(2, views)});
  EXPECT_EQ(states(plan),
            (Strings{"R views: Deleted", "delete R views: Success", "R views: Pending"}));
}

TEST(PlanTest, SecondRepeatableDeleteDoesNotReachOlderRuns) {
  AppliedMigration first = row(1, "", "views");
  AppliedMigration second = row(2, "", "views");
  Plan plan = plan_of({R("views")}, {first, second, delete_row(3, second), delete_row(4, second)});
  EXPECT_EQ(states(plan),
            (Strings{"R views: Superseded", "R views: Deleted", "delete R views: Success",
                     "delete R views: Success", "R views: Pending"}));
}

TEST(PlanTest, UpToDateRepeatableIsNotPending) {
  Plan plan = plan_of({R("views")}, {row(1, "", "views")});
  EXPECT_EQ(states(plan), (Strings{"R views: Success"}));
}

// Order (spec 5.1.3) and pending order (spec 1.6).

TEST(PlanTest, AppliedRowsComeInRankOrderBeforeFiles) {
  Plan plan = plan_of({V("1"), V("2"), V("3"), R("a")},
                      {row(1, "", "a", Type::Sql, 5), row(2, "2", ""), row(3, "1", "")});
  EXPECT_EQ(states(plan), (Strings{"R a: Outdated", "V2: Success", "V1: Out of Order",
                                   "V3: Pending", "R a: Pending"}));
}

TEST(PlanTest, PendingVersionedAscendingThenRepeatablesByDescriptionBytes) {
  Plan plan = plan_of({R("a1"), R("a b"), V("10"), R("Z"), V("2"), V("1.1")}, {});
  EXPECT_EQ(labels(plan.pending()), (Strings{"V1.1", "V2", "V10", "R Z", "R a b", "R a1"}));
}

// Current version (spec 5.1.4).

TEST(PlanTest, CurrentVersionIsHighestAppliedVersion) {
  Plan plan =
      plan_of({V("1"), V("2"), V("3")}, {row(1, "1", ""), row(2, "3", ""), row(3, "2", "")});
  EXPECT_EQ(plan.current_version().text(), "3");
}

TEST(PlanTest, CurrentVersionIncludesFailedRows) {
  Plan plan = plan_of({V("1"), V("2")}, {row(1, "1", ""), failed_row(2, "2", "")});
  EXPECT_EQ(plan.current_version().text(), "2");
}

TEST(PlanTest, CurrentVersionIncludesBaselineMarker) {
  Plan plan = plan_of({V("1"), V("2")}, {baseline_marker(1, "3")});
  EXPECT_EQ(plan.current_version().text(), "3");
}

TEST(PlanTest, CurrentVersionExcludesDeletedRows) {
  AppliedMigration v2 = row(2, "2", "");
  Plan plan = plan_of({V("1")}, {row(1, "1", ""), v2, delete_row(3, v2)});
  EXPECT_EQ(plan.current_version().text(), "1");
}

TEST(PlanTest, CurrentFallsBackToLastRepeatableWithEmptyVersion) {
  Plan plan = plan_of({R("a"), R("b")}, {row(1, "", "a"), row(2, "", "b")});
  ASSERT_NE(plan.current(), nullptr);
  EXPECT_EQ(plan.current()->description(), "b");
  EXPECT_TRUE(plan.current_version().is_empty());
}

TEST(PlanTest, NothingAppliedHasNoCurrent) {
  Plan plan = plan_of({V("1")}, {});
  EXPECT_EQ(plan.current(), nullptr);
  EXPECT_EQ(plan.current_version().display(), "<< Empty Schema >>");
}

}  // namespace
}  // namespace runway
