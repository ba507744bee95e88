// The servers runway refuses: a fact of each driver (Database::check_supported), checked by
// the session as it opens.
#include <gtest/gtest.h>

#include "db/drivers.h"
#include "db/postgres/postgres_version.h"

namespace runway {
namespace {

TEST(SupportedServer, PostgresThirteenAndLater) {
  EXPECT_EQ(postgres::unsupported_version(13, "13.0"), std::nullopt);
  EXPECT_EQ(postgres::unsupported_version(18, "18.1"), std::nullopt);
  EXPECT_EQ(postgres::unsupported_version(12, "12.17"),
            "Unsupported database: PostgreSQL 12.17. runway supports PostgreSQL 13 and later; "
            "upgrade the server.");
  EXPECT_TRUE(postgres::unsupported_version(9, "9.6"));
}

TEST(SupportedServer, EverySqlite) {
  ConnectionOptions options;
  options.url = "jdbc:sqlite::memory:";
  auto db = open_sqlite(options);
  ASSERT_TRUE(db) << db.error().message;
  EXPECT_TRUE((*db)->check_supported());
}

}  // namespace
}  // namespace runway
