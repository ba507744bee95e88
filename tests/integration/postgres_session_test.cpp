// What a session checks and sets up on PostgreSQL before any command runs: the server
// version runway supports.
#include <gtest/gtest.h>

#include "commands/session.h"
#include "support/postgres_test_database.h"

namespace runway::test {
namespace {

TEST(SupportedServer, PostgresThirteenAndLater) {
  EXPECT_EQ(unsupported_server("PostgreSQL", 13, "13.0"), std::nullopt);
  EXPECT_EQ(unsupported_server("PostgreSQL", 18, "18.1"), std::nullopt);
  EXPECT_EQ(unsupported_server("SQLite", 3, "3.40"), std::nullopt);
  EXPECT_EQ(unsupported_server("PostgreSQL", 12, "12.17"),
            "Unsupported database: PostgreSQL 12.17. runway supports PostgreSQL 13 and later; "
            "upgrade the server.");
  EXPECT_TRUE(unsupported_server("PostgreSQL", 9, "9.6"));
}

class PostgresSessionTest : public PostgresTest {};

TEST_F(PostgresSessionTest, TheTestServerIsSupported) {
  Settings settings = database().settings();
  auto session = open_session(settings);
  ASSERT_TRUE(session) << session.error().message;
  EXPECT_GE((*session)->db->major_version(), 13);
  EXPECT_EQ((*session)->default_schema, "public");
  EXPECT_EQ((*session)->migration_search_path, "") << "no schema configured: path left alone";
}

TEST_F(PostgresSessionTest, ConfiguredSchemaGoesFirstOnTheSearchPath) {
  Settings settings = database().settings();
  settings.schemas = {"app", "public"};
  auto session = open_session(settings);
  ASSERT_TRUE(session) << session.error().message;
  EXPECT_EQ((*session)->migration_search_path, "\"app\",\"$user\", public");
  settings.schemas = {};
  settings.url += "&currentSchema=app";
  settings.default_schema = "app";
  session = open_session(settings);
  ASSERT_TRUE(session) << session.error().message;
  EXPECT_EQ((*session)->migration_search_path, "")
      << "the connection's path starts with it already";
}

}  // namespace
}  // namespace runway::test
