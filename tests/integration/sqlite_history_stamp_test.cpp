// The history table skips reading rows it already holds while SQLite's change stamp says
// nothing else wrote (Database::change_stamp). Each test here writes the table behind its back
// in one way a stale cache would miss, and checks that the next read and the next insert see it.
#include <gtest/gtest.h>

#include <string>

#include "db/drivers.h"
#include "db/history_table.h"
#include "support/sqlite_file.h"
#include "support/temp_dir.h"

namespace runway::testing {
namespace {

class SqliteHistoryStampTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ConnectionOptions options;
    options.url = "jdbc:sqlite:" + file();
    auto opened = open_sqlite(options);
    ASSERT_TRUE(opened) << opened.error().message;
    db_ = std::move(*opened);
    history_ = std::make_unique<HistoryTable>(*db_, "main", "flyway_schema_history", "", "me");
    ASSERT_TRUE(history_->create(std::nullopt));
  }

  std::string file() const { return dir_.str() + "/app.db"; }

  static HistoryRow row(const std::string& version) {
    HistoryRow r;
    r.version = version;
    r.description = "v" + version;
    r.script = "V" + version + "__v.sql";
    return r;
  }

  // Applies `version` as migrate does: a write transaction, the rows, the insert, commit.
  void record(const std::string& version) {
    ASSERT_TRUE(db_->begin());
    ASSERT_TRUE(history_->rows_for_planning());
    auto inserted = history_->insert(row(version));
    ASSERT_TRUE(inserted) << inserted.error().message;
    ASSERT_TRUE(db_->commit());
  }

  std::vector<Row> ranks_and_versions() const {
    return sqlite_rows(file(),
                       "SELECT installed_rank, version FROM flyway_schema_history ORDER BY 1");
  }

  TempDir dir_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<HistoryTable> history_;
};

TEST_F(SqliteHistoryStampTest, ARowAnotherConnectionCommittedIsReadAndRankedAfter) {
  record("1");
  // Another connection (another process, in real life) adds rank 2.
  sqlite_rows(file(),
              "INSERT INTO flyway_schema_history (installed_rank, version, description, type, "
              "script, installed_by, execution_time, success) "
              "VALUES (2, '2', 'other', 'SQL', 'V2__other.sql', 'them', 0, 1)");
  auto rows = history_->rows_for_planning();
  ASSERT_TRUE(rows);
  ASSERT_EQ((*rows)->size(), 2u);
  EXPECT_EQ((*rows)->back().version_text, "2");
  record("3");
  EXPECT_EQ(ranks_and_versions(), (std::vector<Row>{{"1", "1"}, {"2", "2"}, {"3", "3"}}));
}

TEST_F(SqliteHistoryStampTest, ARowThisConnectionWroteOutsideTheTableIsRankedAfter) {
  record("1");
  // A migration's own statement writes the table on the same connection: no other connection
  // committed, so only the authorizer can tell.
  ASSERT_TRUE(db_->begin());
  ASSERT_TRUE(history_->rows_for_planning());
  ASSERT_TRUE(db_->execute(
      "INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, "
      "installed_by, execution_time, success) VALUES (2, NULL, 'by hand', 'SQL', 'x.sql', 'me', "
      "0, 1)"));
  auto inserted = history_->insert(row("2"));
  ASSERT_TRUE(inserted) << inserted.error().message;
  ASSERT_TRUE(db_->commit());
  EXPECT_EQ(ranks_and_versions(), (std::vector<Row>{{"1", "1"}, {"2", std::nullopt}, {"3", "2"}}));
  auto rows = history_->rows();
  ASSERT_TRUE(rows);
  EXPECT_EQ((*rows)->size(), 3u);
}

TEST_F(SqliteHistoryStampTest, RowsWrittenWithoutReadingAreReadBackForTheirTimes) {
  record("1");
  record("2");
  auto planning = history_->rows_for_planning();
  ASSERT_TRUE(planning);
  ASSERT_EQ((*planning)->size(), 2u);
  auto rows = history_->rows();
  ASSERT_TRUE(rows);
  ASSERT_EQ((*rows)->size(), 2u);
  for (const AppliedMigration& m : **rows) {
    EXPECT_FALSE(m.installed_on.empty()) << "rank " << m.installed_rank;
    EXPECT_EQ(m.installed_by, "me");
  }
}

TEST_F(SqliteHistoryStampTest, ARolledBackInsertIsForgotten) {
  record("1");
  ASSERT_TRUE(db_->begin());
  ASSERT_TRUE(history_->rows_for_planning());
  ASSERT_TRUE(history_->insert(row("2")));
  ASSERT_TRUE(db_->rollback());
  history_->invalidate();  // as the migration lock does after a rollback
  record("2");
  EXPECT_EQ(ranks_and_versions(), (std::vector<Row>{{"1", "1"}, {"2", "2"}}));
}

}  // namespace
}  // namespace runway::testing
