// What a session checks and sets up on PostgreSQL before any command runs: the server
// version runway supports (the versions themselves: tests/unit/supported_server_test.cpp) and
// the search path migrations run with.
#include <gtest/gtest.h>

#include "commands/session.h"
#include "support/postgres_test_database.h"

namespace runway::test {
namespace {

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
