// The migration lock on a real server: two connections exclude each other with the key Java
// Flyway uses, and a timeout names the session that holds the lock. A transaction lock is
// sent with the next statement (see postgres_database.h), so that statement is what waits.
#include "db/postgres/postgres_lock.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "support/postgres_test_database.h"

namespace runway::test {
namespace {

using PostgresLockTest = PostgresConnectedTest;
using Clock = std::chrono::steady_clock;

// A bigint advisory lock appears in pg_locks as classid (high half) and objid (low half).
std::string held_key(Database& db) {
  return query_text(db,
                    "SELECT ((classid::bigint << 32) | objid::bigint)::text FROM pg_locks"
                    " WHERE locktype = 'advisory' AND pid = pg_backend_pid()");
}

TEST_F(PostgresLockTest, TransactionLockUsesFlywaysKeyAndEndsWithTheTransaction) {
  ASSERT_TRUE(db().begin());
  ASSERT_TRUE(db().acquire_lock(LockScope::Transaction, "public", "flyway_schema_history", 0));
  EXPECT_EQ(held_key(db()), "77433833903597");
  ASSERT_TRUE(db().release_lock(LockScope::Transaction));
  ASSERT_TRUE(db().commit());
  EXPECT_EQ(advisory_lock_count(db()), "0");
}

TEST_F(PostgresLockTest, TransactionLockNeedsATransaction) {
  EXPECT_FALSE(db().acquire_lock(LockScope::Transaction, "public", "flyway_schema_history", 0));
}

TEST_F(PostgresLockTest, SecondConnectionGivesUpAndNamesTheHolder) {
  ConnectionOptions holder_options = database().connection();
  holder_options.url += "&ApplicationName=lock-holder";
  auto holder = connect(holder_options);
  auto waiter = connect();
  ASSERT_TRUE(holder && waiter);
  ASSERT_TRUE(holder->begin());
  ASSERT_TRUE(holder->acquire_lock(LockScope::Transaction, "myschema", "flyway_schema_history", 0));
  EXPECT_EQ(held_key(*holder), "77431447924489");
  const std::string holder_pid = query_text(*holder, "SELECT pg_backend_pid()::text");

  ASSERT_TRUE(waiter->begin());
  ASSERT_TRUE(waiter->acquire_lock(LockScope::Transaction, "myschema", "flyway_schema_history", 1));
  const auto start = Clock::now();
  auto blocked = waiter->query("SELECT 1");
  const auto waited = Clock::now() - start;
  ASSERT_FALSE(blocked);
  EXPECT_GE(waited, std::chrono::milliseconds(950));
  EXPECT_LT(waited, std::chrono::seconds(5));
  const std::string& message = blocked.error().message;
  EXPECT_TRUE(message.starts_with(
      "Number of retries exceeded while attempting to acquire PostgreSQL advisory lock. "
      "Configure the number of retries with the 'lockRetryCount' configuration option: "
      "https://rd.gt/3A57jfk\n"))
      << message;
  EXPECT_NE(message.find("The advisory lock 77431447924489 is held by:\n  pid " + holder_pid +
                         " (application 'lock-holder', user 'postgres', state 'idle in "
                         "transaction')"),
            std::string::npos)
      << message;
  ASSERT_TRUE(waiter->rollback());

  // Other tables have other keys, so they are not blocked.
  ASSERT_TRUE(waiter->begin());
  EXPECT_TRUE(waiter->acquire_lock(LockScope::Transaction, "myschema", "other_history", 0));
  EXPECT_TRUE(waiter->query("SELECT 1"));
  ASSERT_TRUE(waiter->rollback());

  ASSERT_TRUE(holder->commit());
  ASSERT_TRUE(waiter->begin());
  EXPECT_TRUE(waiter->acquire_lock(LockScope::Transaction, "myschema", "flyway_schema_history", 0));
  EXPECT_TRUE(waiter->query("SELECT 1"));
  ASSERT_TRUE(waiter->commit());
}

// The read that travels with a refused lock attempt ran without the lock; what the caller gets
// must be the read made once the lock is held, which sees what the holder committed.
TEST_F(PostgresLockTest, AReadSentWithARefusedLockIsMadeAgainOnceTheLockIsHeld) {
  auto holder = connect();
  auto waiter = connect();
  ASSERT_TRUE(holder && waiter);
  ASSERT_TRUE(holder->execute("CREATE TABLE applied (n INTEGER)"));
  ASSERT_TRUE(holder->begin());
  ASSERT_TRUE(holder->acquire_lock(LockScope::Transaction, "public", "flyway_schema_history", 0));
  ASSERT_TRUE(holder->execute("INSERT INTO applied VALUES (1)"));

  std::thread finish_holder([&holder] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_TRUE(holder->commit());
  });
  ASSERT_TRUE(waiter->begin());
  ASSERT_TRUE(waiter->acquire_lock(LockScope::Transaction, "public", "flyway_schema_history", -1));
  const auto start = Clock::now();
  auto rows = waiter->query("SELECT count(*) FROM applied");
  const auto waited = Clock::now() - start;
  finish_holder.join();
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ(rows->rows.at(0).at(0), "1");
  EXPECT_GE(waited, std::chrono::milliseconds(1400));
  EXPECT_EQ(held_key(*waiter), "77433833903597");
  ASSERT_TRUE(waiter->commit());
}

// A session write (the migration search_path) travels with the lock attempt; a refusal rolls
// it back, so it must be sent again with the attempt that succeeds.
TEST_F(PostgresLockTest, ASessionWriteSentWithARefusedLockIsSentAgain) {
  auto holder = connect();
  auto waiter = connect();
  ASSERT_TRUE(holder && waiter);
  ASSERT_TRUE(holder->begin());
  ASSERT_TRUE(holder->acquire_lock(LockScope::Transaction, "public", "flyway_schema_history", 0));
  EXPECT_EQ(held_key(*holder), "77433833903597");
  std::thread finish_holder([&holder] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    EXPECT_TRUE(holder->commit());
  });

  ASSERT_TRUE(waiter->begin());
  ASSERT_TRUE(waiter->acquire_lock(LockScope::Transaction, "public", "flyway_schema_history", -1));
  ASSERT_TRUE(waiter->use_search_path("app, public"));
  auto shown = waiter->query("SHOW search_path");
  finish_holder.join();
  ASSERT_TRUE(shown) << shown.error().message;
  EXPECT_EQ(shown->rows.at(0).at(0), "app, public");
  ASSERT_TRUE(waiter->commit());
  EXPECT_EQ(query_text(*waiter, "SHOW search_path"), "app, public") << "kept after the COMMIT";
}

// A statement that may write waits for the lock before it is sent: it never runs unlocked.
// nextval() is not undone by a rollback, so the sequence tells whether the INSERT ever ran.
TEST_F(PostgresLockTest, AWriteIsNotSentUntilTheLockIsGranted) {
  auto holder = connect();
  auto waiter = connect();
  ASSERT_TRUE(holder && waiter);
  ASSERT_TRUE(holder->execute("CREATE SEQUENCE attempts"));
  ASSERT_TRUE(holder->execute("CREATE TABLE applied (n BIGINT)"));
  ASSERT_TRUE(holder->begin());
  ASSERT_TRUE(holder->acquire_lock(LockScope::Transaction, "public", "flyway_schema_history", 0));
  EXPECT_EQ(held_key(*holder), "77433833903597");

  ASSERT_TRUE(waiter->begin());
  ASSERT_TRUE(waiter->acquire_lock(LockScope::Transaction, "public", "flyway_schema_history", 0));
  auto inserted = waiter->execute("INSERT INTO applied VALUES (nextval('attempts'))");
  ASSERT_FALSE(inserted);
  EXPECT_TRUE(inserted.error().message.starts_with("Number of retries exceeded"))
      << inserted.error().message;
  ASSERT_TRUE(waiter->rollback());
  ASSERT_TRUE(holder->commit());
  EXPECT_EQ(query_text(*holder, "SELECT is_called::text FROM attempts"), "false")
      << "the INSERT ran without the lock";
}

// begin() and the lock cost nothing until a statement needs them: an empty transaction is
// neither sent nor committed, and a rollback of it sends nothing either.
TEST_F(PostgresLockTest, ATransactionWithoutStatementsSendsNothing) {
  auto other = connect();
  ASSERT_TRUE(other);
  ASSERT_TRUE(db().begin());
  EXPECT_TRUE(db().in_transaction());
  ASSERT_TRUE(db().acquire_lock(LockScope::Transaction, "public", "flyway_schema_history", 0));
  EXPECT_EQ(advisory_lock_count(*other), "0");
  ASSERT_TRUE(db().commit());
  EXPECT_FALSE(db().in_transaction());
  ASSERT_TRUE(db().begin());
  ASSERT_TRUE(db().rollback());
  EXPECT_FALSE(db().in_transaction());
  EXPECT_EQ(advisory_lock_count(db()), "0");
}

TEST_F(PostgresLockTest, SessionLockOutlivesTransactionsUntilReleased) {
  auto holder = connect();
  auto waiter = connect();
  ASSERT_TRUE(holder && waiter);
  ASSERT_TRUE(holder->acquire_lock(LockScope::Session, "public", "flyway_schema_history", 0));
  ASSERT_TRUE(holder->begin());
  ASSERT_TRUE(holder->commit());
  EXPECT_EQ(held_key(*holder), "77433833903597");
  EXPECT_FALSE(waiter->acquire_lock(LockScope::Session, "public", "flyway_schema_history", 0));

  ASSERT_TRUE(holder->release_lock(LockScope::Session));
  EXPECT_EQ(advisory_lock_count(*holder), "0");
  EXPECT_TRUE(waiter->acquire_lock(LockScope::Session, "public", "flyway_schema_history", 0));
  EXPECT_TRUE(waiter->release_lock(LockScope::Session));
}

// Someone else (a pooler, an admin) ended the lock behind runway's back.
TEST_F(PostgresLockTest, ReleasingALockThatIsGoneIsAnError) {
  ASSERT_TRUE(db().acquire_lock(LockScope::Session, "public", "flyway_schema_history", 0));
  ASSERT_TRUE(db().execute("SELECT pg_advisory_unlock_all()"));
  auto released = db().release_lock(LockScope::Session);
  ASSERT_FALSE(released);
  EXPECT_TRUE(released.error().message.starts_with(
      "Unable to release PostgreSQL advisory lock: this session no longer held it."))
      << released.error().message;
}

TEST_F(PostgresLockTest, QuotesInNamesAreDoubledInTheKey) {
  ASSERT_TRUE(db().acquire_lock(LockScope::Session, "we\"ird", "t", 0));
  EXPECT_EQ(held_key(db()), std::to_string(postgres::advisory_lock_key("\"we\"\"ird\".\"t\"")));
  EXPECT_TRUE(db().release_lock(LockScope::Session));
}

}  // namespace
}  // namespace runway::test
