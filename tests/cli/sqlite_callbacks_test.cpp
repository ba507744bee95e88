// SQL callbacks end to end (spec 7.10): each callback appends its event to a log table, so
// the tests read back the order in which they ran and which of them committed.
#include <gmock/gmock.h>

#include <filesystem>

#include "cli/sqlite_fixture.h"

namespace runway::testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

class SqliteCallbacksTest : public SqliteCliTest {
 protected:
  // A callback that records `<event>[:<description>]` in cb_log.
  void logging_callback(const std::string& event, const std::string& description = "",
                        const std::string& folder = "sql") const {
    std::string tag = description.empty() ? event : event + ":" + description;
    dir_.write(
        folder + "/" + event + (description.empty() ? "" : "__" + description) + ".sql",
        "CREATE TABLE IF NOT EXISTS cb_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, tag TEXT);\n"
        "INSERT INTO cb_log (tag) VALUES ('" +
            tag + "');\n");
  }
  // Creates the history table first, so callbacks creating cb_log do not make the schema
  // non-empty before migrate looks at it.
  void create_history_table() const {
    std::filesystem::create_directories(dir_.path() / "empty");
    ASSERT_EQ(run_runway({"-url=jdbc:sqlite:" + db(), "-locations=filesystem:empty", "migrate"},
                         dir_.str())
                  .exit_code,
              0);
  }
  std::vector<std::string> log() const {
    std::vector<std::string> tags;
    if (!table_exists("cb_log")) return tags;
    for (const Row& row : sqlite_rows(db(), "SELECT tag FROM cb_log ORDER BY seq"))
      tags.push_back(row[0].value_or("NULL"));
    return tags;
  }
};

constexpr const char* kMigrateEvents[] = {"afterConnect",        "beforeValidate",
                                          "afterValidate",       "afterValidateError",
                                          "beforeMigrate",       "beforeEachMigrate",
                                          "afterEachMigrate",    "afterEachMigrateError",
                                          "afterVersioned",      "beforeRepeatables",
                                          "afterMigrateApplied", "afterMigrate",
                                          "afterMigrateError",   "afterMigrateOperationFinish"};

TEST_F(SqliteCallbacksTest, MigrateFiresEveryEventInFlywaysOrder) {
  create_history_table();
  for (const char* event : kMigrateEvents) logging_callback(event);
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  migration("V2__b.sql", "CREATE TABLE b (id INT);\n");
  migration("R__v.sql", "CREATE VIEW v AS SELECT * FROM a;\n");

  auto result = runway({"migrate"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(log(),
              ElementsAre("afterConnect", "beforeValidate", "afterValidate", "beforeMigrate",
                          "beforeEachMigrate", "afterEachMigrate",  // V1
                          "beforeEachMigrate", "afterEachMigrate",  // V2
                          "afterVersioned", "beforeRepeatables", "beforeEachMigrate",
                          "afterEachMigrate",  // R__v
                          "afterMigrateApplied", "afterMigrate", "afterMigrateOperationFinish"));
  EXPECT_THAT(result.err, HasSubstr("Executing SQL callback: beforeMigrate\n"));
  EXPECT_EQ(history().size(), 3u) << "callbacks never get history rows";

  auto nothing = runway({"migrate"});
  ASSERT_EQ(nothing.exit_code, 0) << describe(nothing);
  std::vector<std::string> all = log();
  std::vector<std::string> second(all.begin() + 15, all.end());
  EXPECT_THAT(second,
              ElementsAre("afterConnect", "beforeValidate", "afterValidate", "beforeMigrate",
                          "afterVersioned", "afterMigrate", "afterMigrateOperationFinish"))
      << "nothing applied: afterVersioned still ends the run, afterMigrateApplied does not fire";
}

TEST_F(SqliteCallbacksTest, FailingTransactionalMigrationRollsBackItsOwnCallbacks) {
  create_history_table();
  for (const char* event : kMigrateEvents) logging_callback(event);
  migration("V1__ok.sql", "CREATE TABLE ok (id INT);\n");
  migration("V2__broken.sql", "CREATE TABLE broken (id INT);\nINSERT INTO missing VALUES (1);\n");

  auto result = runway({"migrate"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  // Both error callbacks ran...
  EXPECT_THAT(result.err, HasSubstr("Executing SQL callback: afterEachMigrateError"));
  EXPECT_THAT(result.err, HasSubstr("Executing SQL callback: afterMigrateError"));
  EXPECT_THAT(result.err, HasSubstr("no such table: missing"));
  // ...but V2's per-migration callbacks ran inside its transaction and were rolled back with
  // it, while afterMigrateError and the operation-finish event committed on their own.
  EXPECT_THAT(log(), ElementsAre("afterConnect", "beforeValidate", "afterValidate", "beforeMigrate",
                                 "beforeEachMigrate", "afterEachMigrate",  // V1, committed
                                 "afterMigrateError", "afterMigrateOperationFinish"));
  EXPECT_FALSE(table_exists("broken"));
  EXPECT_EQ(history().size(), 1u);
}

TEST_F(SqliteCallbacksTest, FailingNonTransactionalMigrationKeepsItsCallbacks) {
  create_history_table();
  for (const char* event : kMigrateEvents) logging_callback(event);
  migration("V1__broken.sql", "CREATE TABLE broken (id INT);\nINSERT INTO missing VALUES (1);\n");
  migration("V1__broken.sql.conf", "executeInTransaction=false\n");

  EXPECT_EQ(runway({"migrate"}).exit_code, 1);
  EXPECT_THAT(log(), ElementsAre("afterConnect", "beforeValidate", "afterValidate", "beforeMigrate",
                                 "beforeEachMigrate", "afterEachMigrateError", "afterMigrateError",
                                 "afterMigrateOperationFinish"));
  EXPECT_TRUE(table_exists("broken"));
  EXPECT_EQ(history().at(0)[8], "0");
}

TEST_F(SqliteCallbacksTest, StatementEventsFireAroundEveryStatement) {
  create_history_table();
  logging_callback("beforeEachMigrateStatement");
  logging_callback("afterEachMigrateStatement");
  logging_callback("afterEachMigrateStatementError");
  migration("V1__two.sql", "CREATE TABLE a (id INT);\nCREATE TABLE b (id INT);\n");
  migration("V2__broken.sql", "INSERT INTO missing VALUES (1);\n");
  migration("V2__broken.sql.conf", "executeInTransaction=false\n");

  EXPECT_EQ(runway({"migrate"}).exit_code, 1);
  EXPECT_THAT(log(), ElementsAre("beforeEachMigrateStatement", "afterEachMigrateStatement",
                                 "beforeEachMigrateStatement", "afterEachMigrateStatement",
                                 "beforeEachMigrateStatement", "afterEachMigrateStatementError"));
}

TEST_F(SqliteCallbacksTest, ScriptsOfOneEventRunByDescriptionWithPlaceholders) {
  create_history_table();
  migration("beforeMigrate__b_second.sql",
            "CREATE TABLE IF NOT EXISTS cb_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, tag TEXT);\n"
            "INSERT INTO cb_log (tag) VALUES ('${who}:${flyway:filename}');\n");
  logging_callback("beforeMigrate", "a_first");
  logging_callback("beforeMigrate");
  migration("nested/deeper/beforeMigrate__c_third.sql",
            "INSERT INTO cb_log (tag) VALUES ('third');\n");

  auto result = runway({"migrate", "-placeholders.who=me"});
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(log(), ElementsAre("beforeMigrate", "beforeMigrate:a_first",
                                 "me:beforeMigrate__b_second.sql", "third"));
  EXPECT_THAT(result.err, HasSubstr("Executing SQL callback: beforeMigrate - a first"));
}

TEST_F(SqliteCallbacksTest, CallbackLocationsAndSkipDefaultCallbacks) {
  create_history_table();
  logging_callback("beforeMigrate", "in_migrations");
  logging_callback("beforeMigrate", "in_callbacks", "callbacks");
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");

  ASSERT_EQ(runway({"migrate", "-callbackLocations=filesystem:callbacks"}).exit_code, 0);
  EXPECT_THAT(log(), ElementsAre("beforeMigrate:in_callbacks"));

  migration("V2__b.sql", "CREATE TABLE b (id INT);\n");
  auto skipped = runway({"migrate", "-skipDefaultCallbacks=true"});
  ASSERT_EQ(skipped.exit_code, 0) << describe(skipped);
  EXPECT_THAT(skipped.err, Not(HasSubstr("Executing SQL callback")));
  EXPECT_TRUE(table_exists("b"));
  EXPECT_EQ(log().size(), 1u);
}

TEST_F(SqliteCallbacksTest, FailingCallbackStopsTheCommand) {
  create_history_table();
  migration("beforeMigrate.sql", "SELECT 1;\nINSERT INTO missing VALUES (1);\n");
  logging_callback("afterMigrateError");
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  auto result = runway({"migrate"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.err,
              HasSubstr("Error while executing beforeMigrate callback: Failed to execute "
                        "script beforeMigrate.sql"));
  EXPECT_THAT(result.err, HasSubstr("Line       : 2"));
  EXPECT_FALSE(table_exists("a"));
  EXPECT_THAT(log(), ElementsAre()) << "beforeMigrate precedes the migration's try block";

  migration("beforeMigrate.sql", "SELECT 1;\n");
  migration("afterEachMigrate.sql", "INSERT INTO missing VALUES (1);\n");
  auto inside = runway({"migrate"});
  EXPECT_EQ(inside.exit_code, 1);
  EXPECT_THAT(inside.err, HasSubstr("Error while executing afterEachMigrate callback:"));
  EXPECT_FALSE(table_exists("a")) << "a per-migration callback failure rolls the migration back";
  EXPECT_THAT(log(), ElementsAre("afterMigrateError"));
}

TEST_F(SqliteCallbacksTest, OtherCommandsFireTheirEvents) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  for (const char* event :
       {"beforeCreateSchema", "createSchema", "beforeInfo", "afterInfo", "afterInfoOperationFinish",
        "beforeValidate", "afterValidateError", "beforeBaseline", "afterBaseline", "beforeRepair",
        "afterRepair", "beforeClean", "afterClean"}) {
    migration(std::string(event) + ".sql", "PRAGMA user_version = 1;\n");  // prints nothing
  }
  auto fresh = runway({"migrate", "-validateOnMigrate=false"});
  ASSERT_EQ(fresh.exit_code, 0) << describe(fresh);
  EXPECT_THAT(fresh.err, HasSubstr("Executing SQL callback: createSchema\nExecuting SQL callback: "
                                   "beforeCreateSchema\n"));

  migration("V2__b.sql", "CREATE TABLE b (id INT);\n");
  auto info = runway({"info"});
  EXPECT_THAT(info.err, HasSubstr("Executing SQL callback: beforeInfo\nExecuting SQL callback: "
                                  "afterInfo\nExecuting SQL callback: afterInfoOperationFinish"));
  auto validate = runway({"validate"});
  EXPECT_EQ(validate.exit_code, 1);
  EXPECT_THAT(validate.err, HasSubstr("Executing SQL callback: beforeValidate\nExecuting SQL "
                                      "callback: afterValidateError"));
  auto repair = runway({"repair"});
  EXPECT_THAT(repair.err, HasSubstr("Executing SQL callback: beforeRepair"));
  EXPECT_THAT(repair.err, HasSubstr("Executing SQL callback: afterRepair"));
  auto clean = runway({"clean", "-cleanDisabled=false"});
  ASSERT_EQ(clean.exit_code, 0) << describe(clean);
  EXPECT_THAT(clean.err, HasSubstr("Executing SQL callback: beforeClean"));
  EXPECT_THAT(clean.err, HasSubstr("Executing SQL callback: afterClean"));
  EXPECT_THAT(runway({"clean"}).err, Not(HasSubstr("beforeClean")))
      << "a refused clean runs no callback";
  auto baseline = runway({"baseline"});
  ASSERT_EQ(baseline.exit_code, 0) << describe(baseline);
  EXPECT_THAT(baseline.err, HasSubstr("Executing SQL callback: beforeBaseline"));
  EXPECT_THAT(baseline.err, HasSubstr("Executing SQL callback: afterBaseline"));
}

}  // namespace
}  // namespace runway::testing

namespace runway::testing {
namespace {

TEST_F(SqliteCallbacksTest, UndoFiresItsEventsAroundEachUndoScript) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  migration("V2__b.sql", "CREATE TABLE b (id INT);\n");
  migration("U2__b.sql", "DROP TABLE b;\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  for (const char* event : {"beforeUndo", "beforeEachUndo", "afterEachUndo", "afterEachUndoError",
                            "afterUndo", "afterUndoError"}) {
    logging_callback(event);
  }
  auto undone = runway({"undo"});
  ASSERT_EQ(undone.exit_code, 0) << describe(undone);
  EXPECT_FALSE(table_exists("b"));
  EXPECT_THAT(log(), ElementsAre("beforeUndo", "beforeEachUndo", "afterEachUndo", "afterUndo"));
}

TEST_F(SqliteCallbacksTest, FailingUndoFiresTheErrorEvents) {
  migration("V1__a.sql", "CREATE TABLE a (id INT);\n");
  migration("U1__a.sql", "DROP TABLE no_such_table;\n");
  ASSERT_EQ(runway({"migrate"}).exit_code, 0);
  for (const char* event : {"beforeUndo", "afterEachUndoError", "afterUndo", "afterUndoError"}) {
    logging_callback(event);
  }
  auto failed = runway({"undo"});
  EXPECT_EQ(failed.exit_code, 1);
  EXPECT_TRUE(table_exists("a"));
  // afterEachUndoError ran inside the rolled-back undo transaction, so only these persist.
  EXPECT_THAT(log(), ElementsAre("beforeUndo", "afterUndoError"));
}

}  // namespace
}  // namespace runway::testing
