// -cherryPick on a real SQLite file, through the built binary (docs/cherry-pick.md).
#include <gmock/gmock.h>

#include "cli/sqlite_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class SqliteCherryPickTest : public SqliteCliTest {
 protected:
  void SetUp() override {
    migration("V1__one.sql", "CREATE TABLE one (id INT);\n");
    migration("V2__two.sql", "CREATE TABLE two (id INT);\n");
    migration("V2_1__two_one.sql", "CREATE TABLE two_one (id INT);\n");
    migration("V3__three.sql", "CREATE TABLE three (id INT);\n");
    migration("R__person_view.sql", "CREATE VIEW person_view AS SELECT 1 AS x;\n");
    migration("R__views.sql", "CREATE VIEW views AS SELECT 1 AS x;\n");
  }
  std::vector<std::string> applied_scripts() const {
    std::vector<std::string> scripts;
    for (const Row& row : history()) scripts.push_back(row[4].value_or(""));
    return scripts;
  }
};

TEST_F(SqliteCherryPickTest, AppliesOnlyTheNamedPendingMigrationsInPlannedOrder) {
  auto result = runway({"migrate", "-cherryPick=R__views,2,1"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(applied_scripts(),
            (std::vector<std::string>{"V1__one.sql", "V2__two.sql", "R__views.sql"}));
  EXPECT_FALSE(table_exists("two_one"));

  auto rest = runway({"migrate"});
  ASSERT_EQ(rest.exit_code, 0) << describe(rest);
  EXPECT_EQ(applied_scripts(),
            (std::vector<std::string>{"V1__one.sql", "V2__two.sql", "R__views.sql",
                                      "V2_1__two_one.sql", "V3__three.sql", "R__person_view.sql"}));
}

TEST_F(SqliteCherryPickTest, VersionsWithUnderscoresAndRepeatablesByDescription) {
  ASSERT_EQ(runway({"migrate", "-cherryPick=1,2"}).exit_code, 0);
  auto result = runway({"migrate", "-cherryPick=2_1,person_view"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_TRUE(table_exists("two_one"));
  EXPECT_FALSE(table_exists("three"));
  auto info = runway({"info"});
  EXPECT_THAT(
      info.out,
      HasSubstr("| Versioned  | 3       | three       | SQL  |                     | Pending |"));
  EXPECT_THAT(
      info.out,
      HasSubstr("| Repeatable |         | views       | SQL  |                     | Pending |"));
}

// Spec 6.1 rule 4: a migration the pick skips is no validation failure, even when it can no
// longer be applied in order.
TEST_F(SqliteCherryPickTest, MigrationsNotPickedDoNotFailValidation) {
  ASSERT_EQ(runway({"migrate", "-cherryPick=1,3"}).exit_code, 0);
  auto strict = runway({"migrate"});
  EXPECT_EQ(strict.exit_code, 1) << "2 and 2.1 now sit below version 3: " << describe(strict);
  EXPECT_THAT(strict.err, HasSubstr("Detected resolved migration not applied to database: 2."));

  auto picked = runway({"migrate", "-cherryPick=R__views"});
  ASSERT_EQ(picked.exit_code, 0) << describe(picked);
  EXPECT_EQ(applied_scripts().back(), "R__views.sql");
}

TEST_F(SqliteCherryPickTest, NamingAnAppliedMigrationIsAnError) {
  ASSERT_EQ(runway({"migrate", "-target=1"}).exit_code, 0);
  auto result = runway({"migrate", "-cherryPick=2,1"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("Invalid cherryPick entry '1': migration V1__one.sql is "
                                    "Success, not Pending; only pending migrations can be "
                                    "cherry-picked"));
  EXPECT_FALSE(table_exists("two")) << "nothing is applied when an entry is wrong";
}

TEST_F(SqliteCherryPickTest, NamingNoMigrationIsAnError) {
  auto result = runway({"migrate", "-cherryPick=no_such_thing"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("Invalid cherryPick entry 'no_such_thing': no migration in "
                                    "the configured locations has this version or description"));
  EXPECT_FALSE(table_exists("flyway_schema_history") && !history().empty());
}

}  // namespace
}  // namespace runway::testing
