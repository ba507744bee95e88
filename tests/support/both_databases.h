// One test body for SQLite and PostgreSQL: `runway` pointed at a fresh SQLite file or a fresh
// database on the test server, and a connection of the test's own to check what it did.
//
//   class MyTest : public BothDatabasesCliTest, public ::testing::WithParamInterface<Engine> {
//     void SetUp() override { use(GetParam()); }
//   };
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "runway/driver.h"
#include "support/postgres_test_database.h"
#include "support/run_command.h"
#include "support/sqlite_file.h"
#include "support/temp_dir.h"

namespace runway::testing {

enum class Engine { Sqlite, Postgres };

inline std::string engine_name(Engine engine) {
  return engine == Engine::Sqlite ? "Sqlite" : "Postgres";
}
inline void PrintTo(Engine engine, std::ostream* out) {
  *out << engine_name(engine);
}
// For INSTANTIATE_TEST_SUITE_P(BothDatabases, MyTest, both_engines(), engine_test_name).
inline auto both_engines() {
  return ::testing::Values(Engine::Sqlite, Engine::Postgres);
}
inline std::string engine_test_name(const ::testing::TestParamInfo<Engine>& info) {
  return engine_name(info.param);
}

// "name" as a SQL identifier. Written here rather than taken from runway, so that a quoting
// defect in runway cannot hide itself by making the test's own queries wrong the same way.
inline std::string sql_identifier(const std::string& name) {
  std::string quoted = "\"";
  for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

class BothDatabasesCliTest : public ::testing::Test {
 protected:
  // Call from SetUp. Skips (RUNWAY_SKIP_POSTGRES=1) or fails as runway::test::PostgresTest does.
  void use(Engine engine);

  Engine engine() const { return engine_; }
  const std::string& url() const { return url_; }
  // The schema runway works in when none is configured: main or public.
  std::string default_schema() const { return engine_ == Engine::Sqlite ? "main" : "public"; }
  void migration(const std::string& name, const std::string& content) const {
    dir_.write("sql/" + name, content);
  }
  // runway -url=<this test's database> -locations=filesystem:sql <args...>
  CommandOutput runway(std::vector<std::string> args,
                       const std::map<std::string, std::string>& environment = {}) const;
  // Every row of `sql` on the test's own connection, NULL as nullopt; a failure otherwise.
  std::vector<Row> rows(const std::string& sql);
  void execute(const std::string& sql) { rows(sql); }
  bool table_exists(const std::string& schema, const std::string& table);
  bool schema_exists(const std::string& schema);
  // Runs a dry run's SQL file with the database's own command-line client.
  CommandOutput replay(const std::string& sql_file) const;

  TempDir dir_;

 private:
  Engine engine_ = Engine::Sqlite;
  std::string url_;
  std::unique_ptr<runway::test::PostgresTestDatabase> postgres_;
  std::unique_ptr<Database> db_;
};

}  // namespace runway::testing
