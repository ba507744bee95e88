// A migration folder and a SQLite database file in a fresh directory, and `runway` pointed
// at them, as a user would run it.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "support/run_command.h"
#include "support/sqlite_file.h"
#include "support/temp_dir.h"

namespace runway::testing {

class SqliteCliTest : public ::testing::Test {
 protected:
  std::string db() const { return dir_.str() + "/app.db"; }
  std::string sql_dir() const { return dir_.str() + "/sql"; }
  void migration(const std::string& name, const std::string& content) const {
    dir_.write("sql/" + name, content);
  }
  // runway -url=jdbc:sqlite:<db> -locations=filesystem:sql <args...>
  CommandOutput runway(std::vector<std::string> args) const {
    args.insert(args.begin(), {"-url=jdbc:sqlite:" + db(), "-locations=filesystem:sql"});
    return run_runway(args, dir_.str());
  }
  std::vector<Row> history() const {
    return sqlite_rows(db(), "SELECT installed_rank, version, description, type, script, checksum, "
                             "installed_by, execution_time, success FROM flyway_schema_history "
                             "ORDER BY installed_rank");
  }
  bool table_exists(const std::string& name) const {
    return sqlite_value(db(), "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='" +
                                  name + "'") == "1";
  }

  TempDir dir_;
};

// Prints what runway said when an expectation on it fails.
inline std::string describe(const CommandOutput& r) {
  return "exit " + std::to_string(r.exit_code) + "\n--- stdout\n" + r.out + "\n--- stderr\n" + r.err;
}

}  // namespace runway::testing
