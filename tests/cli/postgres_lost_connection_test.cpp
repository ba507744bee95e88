// A connection lost while runway waits between two migrations (server restarted, backend
// terminated): the error says what runway was doing, as Flyway's does, with pgjdbc's SQLSTATE
// for a lost connection, exit 1, and nothing half-applied.
#include <gmock/gmock.h>

#include <chrono>
#include <future>
#include <thread>

#include "cli/postgres_fixture.h"

namespace runway::testing {
namespace {

using ::testing::HasSubstr;

TEST_F(PostgresCliTest, ConnectionLostBetweenMigrationsNamesTheHistoryRead) {
  migration("V1__a.sql", "CREATE TABLE a (x INT);\n");
  migration("V2__b.sql", "CREATE TABLE b (x INT);\n");
  auto first = runway({"migrate", "-target=1"});
  ASSERT_EQ(first.exit_code, 0) << describe(first);

  // The test's connection holds the migration lock, so runway waits for it before V2: it
  // polls once a second and sits idle in between, the moment its connection is cut.
  ASSERT_EQ(value(std::string("SELECT pg_try_advisory_lock(") + kFlywayLockKey + ")::text"),
            "true");
  auto waiting = std::async(std::launch::async, [&] { return runway({"migrate"}); });
  // Between two polls runway's session is idle, its last statement the ROLLBACK of the try.
  const std::string runway_backend =
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND "
      "application_name = 'runway' AND state = 'idle' AND query = 'ROLLBACK'";
  std::string terminated;
  for (int i = 0; i < 100 && terminated != "true"; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    terminated = value("SELECT coalesce(bool_or(pg_terminate_backend(pid)), false)::text FROM (" +
                       runway_backend + ") AS r");
  }
  ASSERT_EQ(terminated, "true") << "runway never waited for the lock";
  auto output = waiting.get();

  EXPECT_EQ(output.exit_code, 1) << describe(output);
  EXPECT_THAT(output.err,
              HasSubstr("ERROR: Error while retrieving the list of applied migrations "
                        "from Schema History table \"public\".\"flyway_schema_history\""))
      << describe(output);
  EXPECT_THAT(output.err, HasSubstr("SQL State  : 08006")) << describe(output);
  EXPECT_EQ(history().size(), 1u);
  EXPECT_FALSE(relation_exists("public.b"));
}

}  // namespace
}  // namespace runway::testing
