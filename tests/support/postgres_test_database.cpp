#include "support/postgres_test_database.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <random>

#include "db/drivers.h"

namespace runway::test {
namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// Unique across the processes ctest runs in parallel and across tests of one process.
std::string unique_database_name() {
  static std::atomic<int> counter = 0;
  std::random_device random;
  return "rw_" + std::to_string(getpid()) + "_" + std::to_string(counter++) + "_" +
         std::to_string(random() % 1000000);
}

Result<std::unique_ptr<Database>> open_admin(const PostgresTestServer& server) {
  ConnectionOptions options;
  options.url = server.admin_url;
  return open_postgres(options);
}

}  // namespace

std::expected<PostgresTestServer, std::string> PostgresTestServer::from_environment() {
  PostgresTestServer server{environment("RUNWAY_PG_HOST"), environment("RUNWAY_PG_PORT"),
                            environment("RUNWAY_PG_URL"), environment("RUNWAY_PG_PASSWORD_USER"),
                            environment("RUNWAY_PG_PASSWORD")};
  if (server.host.empty() || server.port.empty() || server.admin_url.empty()) {
    return std::unexpected(
        "RUNWAY_PG_URL, RUNWAY_PG_HOST and RUNWAY_PG_PORT are not set. Run the tests with "
        "scripts/test, which starts a throwaway PostgreSQL server, or start one yourself: "
        "eval \"$(scripts/pg-test-server start /tmp/runway-pg)\". Set RUNWAY_SKIP_POSTGRES=1 "
        "to skip the PostgreSQL tests on a machine without PostgreSQL.");
  }
  return server;
}

std::expected<std::unique_ptr<PostgresTestDatabase>, std::string> PostgresTestDatabase::create(
    const PostgresTestServer& server) {
  auto admin = open_admin(server);
  if (!admin) return std::unexpected("cannot reach the test server: " + admin.error().message);
  std::string name = unique_database_name();
  if (auto created = (*admin)->execute("CREATE DATABASE " + (*admin)->quote(name)); !created) {
    return std::unexpected("CREATE DATABASE failed: " + created.error().message);
  }
  return std::unique_ptr<PostgresTestDatabase>(new PostgresTestDatabase(server, std::move(name)));
}

PostgresTestDatabase::PostgresTestDatabase(PostgresTestServer server, std::string name)
    : server_(std::move(server)), name_(std::move(name)) {}

PostgresTestDatabase::~PostgresTestDatabase() {
  auto admin = open_admin(server_);
  // FORCE ends sessions a failed test left open, so the database never outlives its test.
  auto dropped =
      admin
          ? (*admin)->execute("DROP DATABASE IF EXISTS " + (*admin)->quote(name_) + " WITH (FORCE)")
          : Result<QueryResult>(std::unexpected(admin.error()));
  if (!dropped)
    ADD_FAILURE() << "cannot drop test database " << name_ << ": " << dropped.error().message;
}

std::string PostgresTestDatabase::url(bool with_user) const {
  return "jdbc:postgresql://" + server_.host + ":" + server_.port + "/" + name_ +
         (with_user ? "?user=postgres" : "");
}

Settings PostgresTestDatabase::settings() const {
  Settings settings;
  settings.url = url();
  return settings;
}

ConnectionOptions PostgresTestDatabase::connection() const {
  ConnectionOptions options;
  options.url = url();
  return options;
}

void PostgresTest::SetUp() {
  if (environment("RUNWAY_SKIP_POSTGRES") == "1") {
    GTEST_SKIP() << "RUNWAY_SKIP_POSTGRES=1: skipping a test that needs a PostgreSQL server";
  }
  auto server = PostgresTestServer::from_environment();
  ASSERT_TRUE(server) << server.error();
  server_ = *server;
  auto database = PostgresTestDatabase::create(server_);
  ASSERT_TRUE(database) << database.error();
  database_ = std::move(*database);
}

void PostgresConnectedTest::SetUp() {
  PostgresTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  db_ = connect();
  ASSERT_TRUE(db_);
}

std::unique_ptr<Database> PostgresTest::connect(const ConnectionOptions& options) {
  auto db = open_postgres(options);
  if (!db) {
    ADD_FAILURE() << "open_postgres(" << redact_url(options.url) << "): " << db.error().message;
    return nullptr;
  }
  return std::move(*db);
}

std::string query_text(Database& db, std::string_view sql) {
  auto result = db.query(sql);
  if (!result) {
    ADD_FAILURE() << sql << ": " << result.error().message;
    return "";
  }
  if (result->rows.size() != 1 || result->rows[0].size() != 1 || !result->rows[0][0]) {
    ADD_FAILURE() << sql << ": expected one non-NULL value";
    return "";
  }
  return *result->rows[0][0];
}

std::string advisory_lock_count(Database& db) {
  return query_text(db,
                    "SELECT count(*) FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND"
                    " database = (SELECT oid FROM pg_catalog.pg_database"
                    " WHERE datname = pg_catalog.current_database())");
}

}  // namespace runway::test
