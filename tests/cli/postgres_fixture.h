// A migration folder in a fresh directory, a fresh database on the test server, and `runway`
// pointed at both, as a user would run it. Results are checked on a connection of the test's
// own, never through runway.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/sqlite_fixture.h"
#include "support/postgres_test_database.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace runway::testing {

// Flyway's advisory lock key for "public"."flyway_schema_history" (spec 8.3).
inline constexpr const char* kFlywayLockKey = "77433833903597";

class PostgresCliTest : public runway::test::PostgresTest {
 protected:
  void SetUp() override {
    PostgresTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    db_ = connect();
    ASSERT_TRUE(db_);
  }

  std::string url() const { return database().url(); }
  void migration(const std::string& name, const std::string& content) const {
    dir_.write("sql/" + name, content);
  }
  // runway -url=<this test's database> -locations=filesystem:sql <args...>
  CommandOutput runway(std::vector<std::string> args,
                       const std::map<std::string, std::string>& environment = {}) const {
    args.insert(args.begin(), {"-url=" + url(), "-locations=filesystem:sql"});
    return run_runway(args, dir_.str(), environment);
  }

  Database& db() { return *db_; }
  // The single value of a one-row, one-column query.
  std::string value(const std::string& sql) { return runway::test::query_text(*db_, sql); }
  // Every row of `sql`, NULL as nullopt.
  std::vector<Row> rows(const std::string& sql) {
    auto result = db_->query(sql);
    if (!result) {
      ADD_FAILURE() << sql << ": " << result.error().message;
      return {};
    }
    return result->rows;
  }
  // installed_rank, version, description, type, script, success of every history row.
  std::vector<Row> history(const std::string& table = "\"public\".\"flyway_schema_history\"") {
    return rows(
        "SELECT installed_rank::text, version, description, type, script, success::text"
        " FROM " +
        table + " ORDER BY installed_rank");
  }
  bool relation_exists(const std::string& qualified_name) {
    return value("SELECT to_regclass('" + qualified_name + "') IS NOT NULL") == "t";
  }

  TempDir dir_;

 private:
  std::unique_ptr<Database> db_;
};

}  // namespace runway::testing
