// The planner with undo (a Flyway Teams feature runway gives away): UNDO_SQL rows, the
// migrations they undo, and Available undo scripts (spec 5.1.1, docs/undo.md).
#include <gtest/gtest.h>

#include "runway/plan.h"
#include "unit/plan_builders.h"

namespace runway {
namespace {

using namespace runway::test;
using Strings = std::vector<std::string>;
using Type = MigrationType;

TEST(PlanUndoTest, UndoRowIsSuccessAndItsMigrationUndoneAndPendingAgain) {
  Plan plan = plan_of({V("1"), V("2", "add people")}, {row(1, "1", ""), row(2, "2", "add people"),
                                                       row(3, "2", "add people", Type::UndoSql)});
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V2: Undone", "undo 2: Success", "V2: Pending"}));
  EXPECT_EQ(plan.current_version().text(), "1");
}

TEST(PlanUndoTest, FailedUndoRowIsFailedAndUndoesNothing) {
  Plan plan = plan_of({V("1"), V("2")},
                      {row(1, "1", ""), row(2, "2", ""), failed_row(3, "2", "", Type::UndoSql)});
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V2: Success", "undo 2: Failed"}));
  EXPECT_EQ(plan.current_version().text(), "2");
}

TEST(PlanUndoTest, MigrationReappliedAfterUndoIsSuccessAgain) {
  Plan plan = plan_of({V("1"), V("2")}, {row(1, "1", ""), row(2, "2", ""),
                                         row(3, "2", "", Type::UndoSql), row(4, "2", "")});
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V2: Undone", "undo 2: Success", "V2: Success"}));
  EXPECT_TRUE(plan.pending().empty());
  EXPECT_EQ(plan.current_version().text(), "2");
}

TEST(PlanUndoTest, SecondUndoAfterReapplyUndoesOnlyTheNewRow) {
  Plan plan =
      plan_of({V("1"), V("2")}, {row(1, "1", ""), row(2, "2", ""), row(3, "2", "", Type::UndoSql),
                                 row(4, "2", ""), row(5, "2", "", Type::UndoSql)});
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V2: Undone", "undo 2: Success", "V2: Undone",
                                   "undo 2: Success", "V2: Pending"}));
}

TEST(PlanUndoTest, UndoScriptsOfAppliedMigrationsAreAvailable) {
  Plan plan = plan_of({V("1"), V("2"), V("3")},
                      {row(1, "1", ""), row(2, "2", ""), row(3, "2", "", Type::UndoSql)});
  add_available_undo_scripts(plan, kept({U("1"), U("2"), U("3")}));
  // U2 was used (V2 is undone) and U3's migration is pending: neither can run now.
  EXPECT_EQ(states(plan), (Strings{"V1: Success", "V2: Undone", "undo 2: Success", "U1: Available",
                                   "V2: Pending", "V3: Pending"}));
}

TEST(PlanUndoTest, AvailableUndoScriptsFollowTheHistoryRowsInVersionOrder) {
  Plan plan = plan_of({V("1"), V("2")}, {row(1, "1", ""), row(2, "2", "", Type::Sql)});
  add_available_undo_scripts(plan, kept({U("2"), U("1")}));
  EXPECT_EQ(states(plan),
            (Strings{"V1: Success", "V2: Success", "U1: Available", "U2: Available"}));
}

TEST(PlanUndoTest, NoUndoScriptsAddNothing) {
  Plan plan = plan_of({V("1")}, {row(1, "1", "")});
  add_available_undo_scripts(plan, {});
  EXPECT_EQ(states(plan), (Strings{"V1: Success"}));
}

}  // namespace
}  // namespace runway
