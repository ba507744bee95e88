// What the history and the result say after a failure part-way through a locked section:
// rolled-back work is reported as not applied, and a non-transactional script that ran leaves
// a failed row, while one that never ran leaves none (spec 5.4.1, 8.4).
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "cli/sqlite_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;

class SqliteFailureRowsTest : public SqliteCliTest {
 protected:
  // The version, type and success of every history row, e.g. "1 SQL 1".
  std::vector<std::string> rows() const {
    std::vector<std::string> out;
    for (const Row& row : history()) {
      out.push_back(row[1].value_or("NULL") + " " + row[3].value_or("") + " " +
                    row[8].value_or(""));
    }
    return out;
  }
  // A callback that fails when it runs.
  void failing_callback(const std::string& event) const {
    dir_.write("sql/" + event + ".sql", "INSERT INTO no_such_table VALUES (1);\n");
  }
};

// As Flyway: the group's members that ran before the failure are listed (rolled back with it),
// and none is counted.
TEST_F(SqliteFailureRowsTest, RolledBackGroupReportsNoMigrationApplied) {
  migration("V1__ok.sql", "CREATE TABLE a (id INT);\n");
  migration("V2__broken.sql", "SELECT * FROM nowhere;\n");
  auto r = runway({"migrate", "-group=true", "-outputType=json"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["success"], false);
  EXPECT_EQ(j["migrationsExecuted"], 0) << "V1 was rolled back with the group";
  ASSERT_EQ(j["migrations"].size(), 1u);
  EXPECT_EQ(j["migrations"][0]["version"], "1");
  EXPECT_EQ(j["targetSchemaVersion"], nullptr);
  EXPECT_TRUE(rows().empty());
  EXPECT_FALSE(table_exists("a"));
}

TEST_F(SqliteFailureRowsTest, NonTransactionalMigrationWhoseAfterEachMigrateFailsIsRecorded) {
  migration("V1__ok.sql", "CREATE TABLE a (id INT);\n");
  failing_callback("afterEachMigrate");
  auto r = runway({"migrate", "-executeInTransaction=false"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("Error while executing afterEachMigrate callback"));
  EXPECT_TRUE(table_exists("a")) << "the SQL ran and committed";
  EXPECT_THAT(rows(), ::testing::ElementsAre("1 SQL 0")) << "so the history must say it ran";
}

TEST_F(SqliteFailureRowsTest, TransactionalMigrationWhoseAfterEachMigrateFailsLeavesNoRow) {
  migration("V1__ok.sql", "CREATE TABLE a (id INT);\n");
  failing_callback("afterEachMigrate");
  auto r = runway({"migrate"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_FALSE(table_exists("a"));
  EXPECT_TRUE(rows().empty());
}

class SqliteUndoFailureRowsTest : public SqliteFailureRowsTest {
 protected:
  void SetUp() override {
    migration("V1__people.sql", "CREATE TABLE people (id INT);\n");
    auto migrated = runway({"migrate"});
    ASSERT_EQ(migrated.exit_code, 0) << describe(migrated);
  }
};

TEST_F(SqliteUndoFailureRowsTest, UndoThatNeverRanLeavesNoFailedRow) {
  migration("U1__people.sql", "DROP TABLE people;\n");
  failing_callback("beforeEachUndo");
  auto r = runway({"undo", "-executeInTransaction=false"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("Error while executing beforeEachUndo callback"));
  EXPECT_TRUE(table_exists("people")) << "the undo script never ran";
  EXPECT_THAT(rows(), ::testing::ElementsAre("1 SQL 1")) << "so no failed undo row";
}

TEST_F(SqliteUndoFailureRowsTest, UndoWithAPlaceholderErrorLeavesNoFailedRow) {
  migration("U1__people.sql", "DROP TABLE ${missing};\n");
  auto r = runway({"undo", "-executeInTransaction=false"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_TRUE(table_exists("people"));
  EXPECT_THAT(rows(), ::testing::ElementsAre("1 SQL 1"));
}

TEST_F(SqliteUndoFailureRowsTest, FailedUndoInItsOwnTransactionIsRecorded) {
  // The script's own BEGIN is left open by the failure: the failed row must not be written
  // into it, or it is lost when the connection closes.
  migration("U1__people.sql", "BEGIN;\nDROP TABLE people;\nINSERT INTO nowhere VALUES (1);\n");
  auto r = runway({"undo", "-executeInTransaction=false"});
  EXPECT_EQ(r.exit_code, 1) << describe(r);
  EXPECT_THAT(r.err, HasSubstr("Please restore backups"));
  EXPECT_THAT(rows(), ::testing::ElementsAre("1 SQL 1", "1 UNDO_SQL 0"));
}

}  // namespace
}  // namespace runway::testing
