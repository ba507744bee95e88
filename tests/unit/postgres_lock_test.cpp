#include "db/postgres/postgres_lock.h"

#include <gtest/gtest.h>

namespace runway::postgres {
namespace {

// The two rows of spec 8.3's table; Java Flyway computes exactly these keys.
TEST(PostgresLockKey, MatchesFlywayForThePublicSchema) {
  EXPECT_EQ(java_string_hash("\"public\".\"flyway_schema_history\""), 2125624436);
  EXPECT_EQ(advisory_lock_key("\"public\".\"flyway_schema_history\""), 77433833903597);
}

TEST(PostgresLockKey, MatchesFlywayForANegativeHash) {
  EXPECT_EQ(java_string_hash("\"myschema\".\"flyway_schema_history\""), -260354672);
  EXPECT_EQ(advisory_lock_key("\"myschema\".\"flyway_schema_history\""), 77431447924489);
}

// Values from Java: "".hashCode(), "é".hashCode() (one UTF-16 unit), and "😀".hashCode()
// (a surrogate pair, 0xD83D 0xDE00).
TEST(PostgresLockKey, HashesUtf16CodeUnitsLikeJava) {
  EXPECT_EQ(java_string_hash(""), 0);
  EXPECT_EQ(java_string_hash("\xC3\xA9"), 0xE9);
  EXPECT_EQ(java_string_hash("\xF0\x9F\x98\x80"), 0xD83D * 31 + 0xDE00);
  EXPECT_EQ(java_string_hash("Flyway"), 2107503036);
}

}  // namespace
}  // namespace runway::postgres
