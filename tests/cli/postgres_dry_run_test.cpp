// -dryRunOutput on a real PostgreSQL server (docs/dry-runs.md): psql runs the SQL written out
// on the untouched database, and the result equals a real migrate on a second database,
// COPY data, a non-transactional migration and a created schema included.
#include <gtest/gtest.h>

#include "support/postgres_test_database.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace runway::testing {
namespace {

using runway::test::PostgresTest;
using runway::test::PostgresTestDatabase;

class PostgresDryRunTest : public PostgresTest {
 protected:
  CommandOutput runway_on(const std::string& url, std::vector<std::string> args) const {
    args.insert(args.begin(), {"-url=" + url, "-schemas=app", "-locations=filesystem:sql"});
    return run_runway(args, dir_.str());
  }
  // The history but for installed_on and execution_time, the table's rows, and the indexes.
  std::vector<std::vector<SqlValue>> state_of(const ConnectionOptions& options) {
    std::vector<std::vector<SqlValue>> state;
    auto db = connect(options);
    if (!db) return state;
    for (const char* sql :
         {"SELECT installed_rank, version, description, type, script, checksum, installed_by, "
          "success FROM app.flyway_schema_history ORDER BY installed_rank",
          "SELECT * FROM app.people ORDER BY 1",
          "SELECT schemaname, tablename, indexname, indexdef FROM pg_indexes WHERE schemaname IN "
          "('app', 'public') ORDER BY indexname"}) {
      auto rows = db->query(sql);
      EXPECT_TRUE(rows.has_value()) << sql << ": " << rows.error().message;
      if (rows) state.insert(state.end(), rows->rows.begin(), rows->rows.end());
    }
    return state;
  }
  bool app_schema_exists(const ConnectionOptions& options) {
    auto db = connect(options);
    auto exists = db ? db->schema_exists("app") : Result<bool>(false);
    return exists.value_or(false);
  }

  TempDir dir_;
};

TEST_F(PostgresDryRunTest, PsqlRunningTheOutputEqualsARealMigrate) {
  dir_.write("sql/V1__create_people.sql", "CREATE TABLE people (id INT, name TEXT);\n");
  dir_.write(
      "sql/V2__seed.sql",
      "INSERT INTO people VALUES (1, 'O''Brien');\nCOPY people FROM STDIN;\n2\tbob\n3\tal\n\\.\n");
  dir_.write("sql/V3__index.sql", "CREATE INDEX CONCURRENTLY people_idx ON people (id);\n");
  auto real = PostgresTestDatabase::create(server());
  ASSERT_TRUE(real.has_value()) << real.error();

  auto dry = runway_on(database().url(), {"migrate", "-dryRunOutput=dry-run.sql"});
  ASSERT_EQ(dry.exit_code, 0) << dry.err;
  EXPECT_FALSE(app_schema_exists(database().connection())) << "a dry run changes nothing";

  auto replayed = run_program(
      {"/usr/bin/psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", "-h", server().host, "-p",
       server().port, "-U", "postgres", "-d", database().name(), "-f", dir_.str() + "/dry-run.sql"},
      dir_.str());
  ASSERT_EQ(replayed.exit_code, 0) << replayed.err;
  auto migrated = runway_on((*real)->url(), {"migrate"});
  ASSERT_EQ(migrated.exit_code, 0) << migrated.err;

  auto expected = state_of((*real)->connection());
  EXPECT_EQ(expected.size(), 4u + 3u + 3u) << "history rows, people, indexes (2 of the history)";
  EXPECT_EQ(state_of(database().connection()), expected);
}

}  // namespace
}  // namespace runway::testing
