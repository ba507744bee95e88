// PostgreSQL for tests: the throwaway server scripts/test starts (scripts/pg-test-server), a
// fresh database per test on it, and a gtest fixture tying the two together.
//
//   class PostgresHistoryTest : public runway::test::PostgresTest {};
//   TEST_F(PostgresHistoryTest, CreatesTheTable) {
//     auto db = connect();            // open_postgres on this test's own database
//     ASSERT_TRUE(db);
//     ...
//   }
//
// Without RUNWAY_PG_URL a PostgresTest fails with a message saying how to get a server;
// RUNWAY_SKIP_POSTGRES=1 skips it instead, for machines without PostgreSQL.
#pragma once

#include <gtest/gtest.h>

#include <expected>
#include <memory>
#include <string>
#include <string_view>

#include "runway/config.h"
#include "runway/driver.h"

namespace runway::test {

// The server, as scripts/pg-test-server describes it in the environment.
struct PostgresTestServer {
  std::string host;           // RUNWAY_PG_HOST
  std::string port;           // RUNWAY_PG_PORT
  std::string admin_url;      // RUNWAY_PG_URL: a superuser's JDBC URL, trust auth
  std::string password_user;  // RUNWAY_PG_PASSWORD_USER: a role that must give its password
  std::string password;       // RUNWAY_PG_PASSWORD: that role's password

  // Fails with the reason when the variables are missing.
  static std::expected<PostgresTestServer, std::string> from_environment();
};

// A database of its own (rw_<unique>) on the test server, dropped on destruction, so tests
// can run in parallel without seeing each other's objects.
class PostgresTestDatabase {
 public:
  static std::expected<std::unique_ptr<PostgresTestDatabase>, std::string> create(
      const PostgresTestServer& server);
  ~PostgresTestDatabase();
  PostgresTestDatabase(const PostgresTestDatabase&) = delete;
  PostgresTestDatabase& operator=(const PostgresTestDatabase&) = delete;

  const std::string& name() const { return name_; }
  // jdbc:postgresql://<host>:<port>/<name>, with ?user=postgres unless `with_user` is false.
  std::string url(bool with_user = true) const;
  // Settings whose url is url(), for a session.
  Settings settings() const;
  // ConnectionOptions whose url is url(), for a driver.
  ConnectionOptions connection() const;

 private:
  PostgresTestDatabase(PostgresTestServer server, std::string name);

  PostgresTestServer server_;
  std::string name_;
};

// Fixture: skips or fails as described above, else gives each test a fresh database.
class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override;

  const PostgresTestServer& server() const { return server_; }
  const PostgresTestDatabase& database() const { return *database_; }
  // open_postgres with `options` (default: database().connection()); on failure records a
  // test failure with the error and returns null.
  std::unique_ptr<Database> connect(const ConnectionOptions& options);
  std::unique_ptr<Database> connect() { return connect(database_->connection()); }

 private:
  PostgresTestServer server_;
  std::unique_ptr<PostgresTestDatabase> database_;
};

// PostgresTest with a connection to the test's database already open, as db().
class PostgresConnectedTest : public PostgresTest {
 protected:
  void SetUp() override;
  Database& db() { return *db_; }

 private:
  std::unique_ptr<Database> db_;
};

// The single value of a one-row, one-column query (a test failure and "" otherwise).
std::string query_text(Database& db, std::string_view sql);

// How many advisory locks are held in db's database. Only that database: tests running in
// parallel take locks in theirs.
std::string advisory_lock_count(Database& db);

}  // namespace runway::test
