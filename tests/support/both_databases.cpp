#include "support/both_databases.h"

#include <cstdlib>

#include "db/drivers.h"

namespace runway::testing {

void BothDatabasesCliTest::use(Engine engine) {
  engine_ = engine;
  if (engine == Engine::Sqlite) {
    url_ = "jdbc:sqlite:" + dir_.str() + "/app.db";
    ConnectionOptions options;
    options.url = url_;
    auto db = open_sqlite(options);
    ASSERT_TRUE(db) << db.error().message;
    db_ = std::move(*db);
    return;
  }
  if (const char* skip = std::getenv("RUNWAY_SKIP_POSTGRES"); skip && std::string(skip) == "1") {
    GTEST_SKIP() << "RUNWAY_SKIP_POSTGRES=1: skipping a test that needs a PostgreSQL server";
  }
  auto server = runway::test::PostgresTestServer::from_environment();
  ASSERT_TRUE(server) << server.error();
  auto database = runway::test::PostgresTestDatabase::create(*server);
  ASSERT_TRUE(database) << database.error();
  postgres_ = std::move(*database);
  url_ = postgres_->url();
  auto db = open_postgres(postgres_->connection());
  ASSERT_TRUE(db) << db.error().message;
  db_ = std::move(*db);
}

CommandOutput BothDatabasesCliTest::runway(
    std::vector<std::string> args, const std::map<std::string, std::string>& environment) const {
  args.insert(args.begin(), {"-url=" + url_, "-locations=filesystem:sql"});
  return run_runway(args, dir_.str(), environment);
}

std::vector<Row> BothDatabasesCliTest::rows(const std::string& sql) {
  auto result = db_->query(sql);
  if (!result) {
    ADD_FAILURE() << sql << ": " << result.error().message;
    return {};
  }
  return result->rows;
}

bool BothDatabasesCliTest::table_exists(const std::string& schema, const std::string& table) {
  auto exists = db_->table_exists(schema, table);
  if (!exists) ADD_FAILURE() << exists.error().message;
  return exists && *exists;
}

bool BothDatabasesCliTest::schema_exists(const std::string& schema) {
  auto exists = db_->schema_exists(schema);
  if (!exists) ADD_FAILURE() << exists.error().message;
  return exists && *exists;
}

CommandOutput BothDatabasesCliTest::replay(const std::string& sql_file) const {
  if (engine_ == Engine::Sqlite) {
    return run_program(
        {"/usr/bin/sqlite3", "-bail", dir_.str() + "/app.db", ".read '" + sql_file + "'"},
        dir_.str());
  }
  auto server = runway::test::PostgresTestServer::from_environment();
  return run_program(
      {"/usr/bin/psql", "-q", "-X", "-v", "ON_ERROR_STOP=1", "-h", server->host, "-p", server->port,
       "-U", "postgres", "-d", postgres_->name(), "-f", sql_file},
      dir_.str());
}

}  // namespace runway::testing
