// Connecting: password authentication by every route, and no password in any message.
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdlib>
#include <sstream>

#include "db/drivers.h"
#include "support/postgres_test_database.h"

namespace runway::test {
namespace {

using PostgresConnectTest = PostgresTest;

// Sends what spdlog logs to a string while it lives.
class CapturedLog {
 public:
  CapturedLog() : previous_(spdlog::default_logger()) {
    auto logger = std::make_shared<spdlog::logger>(
        "captured", std::make_shared<spdlog::sinks::ostream_sink_mt>(stream_));
    logger->set_pattern("%l: %v");
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(previous_); }
  std::string text() const { return stream_.str(); }

 private:
  std::ostringstream stream_;
  std::shared_ptr<spdlog::logger> previous_;
};

// Sets an environment variable for the lifetime of the object.
class ScopedEnvironment {
 public:
  ScopedEnvironment(const char* name, const std::string& value) : name_(name) {
    setenv(name, value.c_str(), 1);
  }
  ~ScopedEnvironment() { unsetenv(name_); }

 private:
  const char* name_;
};

class PostgresPasswordTest : public PostgresTest {
 protected:
  // This test's database, as the password role, with `query` appended.
  std::string url_as_password_user(const std::string& query = "") {
    return database().url(false) + "?user=" + server().password_user + query;
  }

  void expect_connected_as_password_user(const ConnectionOptions& options) {
    auto db = connect(options);
    ASSERT_TRUE(db);
    EXPECT_EQ(db->current_user().value_or("?"), server().password_user);
  }
};

TEST_F(PostgresPasswordTest, PasswordInTheUrl) {
  ConnectionOptions options;
  options.url = url_as_password_user("&password=" + server().password);
  expect_connected_as_password_user(options);
}

TEST_F(PostgresPasswordTest, PasswordInTheSettings) {
  ConnectionOptions options;
  options.url = database().url(false);
  options.user = server().password_user;
  options.password = server().password;
  expect_connected_as_password_user(options);
}

TEST_F(PostgresPasswordTest, UrlPasswordWinsOverTheSettings) {
  ConnectionOptions options;
  options.url = url_as_password_user("&password=" + server().password);
  options.password = "not-this-one";
  expect_connected_as_password_user(options);
}

TEST_F(PostgresPasswordTest, PasswordFromPgpassword) {
  ScopedEnvironment pgpassword("PGPASSWORD", server().password);
  ConnectionOptions options;
  options.url = url_as_password_user();
  expect_connected_as_password_user(options);
}

TEST_F(PostgresPasswordTest, WrongPasswordIsNeverShown) {
  ConnectionOptions options;
  options.url = url_as_password_user("&password=Wr0ng-pa55");
  auto db = open_postgres(options);
  ASSERT_FALSE(db);
  const Error& error = db.error();
  EXPECT_EQ(error.code, ErrorCode::DbConnection);
  EXPECT_NE(error.message.find("password authentication failed"), std::string::npos)
      << error.message;
  EXPECT_NE(error.message.find("Unable to obtain connection from database (jdbc:postgresql://"),
            std::string::npos)
      << error.message;
  EXPECT_NE(error.message.find("password=********"), std::string::npos) << error.message;
  ASSERT_TRUE(error.sql);
  EXPECT_EQ(error.sql->sql_state, "28P01") << "the server's code for a wrong password";
  for (const std::string& text : {error.message, error.sql->message}) {
    EXPECT_EQ(text.find("Wr0ng-pa55"), std::string::npos) << text;
  }
  EXPECT_EQ(redact_url(options.url).find("Wr0ng-pa55"), std::string::npos);
}

// libpq's message names the user; a password equal to it must still not show.
TEST_F(PostgresPasswordTest, PasswordEchoedByLibpqIsScrubbed) {
  ConnectionOptions options;
  options.url = url_as_password_user();
  options.password = server().password_user;
  auto db = open_postgres(options);
  ASSERT_FALSE(db);
  EXPECT_EQ(db.error().message.find(server().password_user), std::string::npos)
      << db.error().message;
  EXPECT_NE(db.error().message.find("for user \"********\""), std::string::npos)
      << db.error().message;
}

TEST_F(PostgresConnectTest, RetriesAreLoggedWithoutThePassword) {
  ConnectionOptions options;
  // Port 1 on localhost refuses at once, so each attempt fails fast.
  options.url = "jdbc:postgresql://127.0.0.1:1/db?user=u&password=Hidden-pa55";
  options.connect_retries = 1;
  CapturedLog log;
  const auto start = std::chrono::steady_clock::now();
  auto db = open_postgres(options);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(db);
  EXPECT_GE(elapsed, std::chrono::milliseconds(950));
  const std::string logged = log.text();
  EXPECT_NE(logged.find("warning: Connection error: connection to server at \"127.0.0.1\", "
                        "port 1 failed"),
            std::string::npos)
      << logged;
  EXPECT_NE(logged.find("warning: Retrying in 1 sec..."), std::string::npos) << logged;
  EXPECT_EQ(logged.find("Retrying in 2 sec"), std::string::npos) << logged;
  EXPECT_EQ(logged.find("Hidden-pa55"), std::string::npos) << logged;
  EXPECT_EQ(db.error().message.find("Hidden-pa55"), std::string::npos) << db.error().message;
}

TEST_F(PostgresConnectTest, LibpqUriConnects) {
  ConnectionOptions options;
  options.url = "postgresql://postgres@" + server().host + ":" + server().port + "/" +
                 database().name() + "?application_name=via-uri";
  auto db = connect(options);
  ASSERT_TRUE(db);
  EXPECT_EQ(query_text(*db, "SHOW application_name"), "via-uri");
  EXPECT_EQ(db->database_name().value_or("?"), database().name());
}

}  // namespace
}  // namespace runway::test
