#include "db/postgres/postgres_lock.h"

#include <fmt/format.h>

#include <chrono>
#include <string>
#include <thread>

#include "db/postgres/postgres_database.h"

namespace runway::postgres {
namespace {

constexpr std::int64_t kFlywayLockBase = 0x466C79776179;
constexpr char32_t kReplacementCharacter = 0xFFFD;

// Decodes one UTF-8 sequence at `pos`, advancing it. Malformed bytes decode to U+FFFD, as
// Java's decoder does when it reads the same bytes.
char32_t next_code_point(std::string_view text, std::size_t& pos) {
  const auto lead = static_cast<unsigned char>(text[pos++]);
  int length = 0;  // continuation bytes
  char32_t code_point = 0;
  if (lead < 0x80) return lead;
  if (lead >= 0xC2 && lead < 0xE0) {
    length = 1;
    code_point = lead & 0x1F;
  } else if (lead >= 0xE0 && lead < 0xF0) {
    length = 2;
    code_point = lead & 0x0F;
  } else if (lead >= 0xF0 && lead < 0xF5) {
    length = 3;
    code_point = lead & 0x07;
  } else {
    return kReplacementCharacter;
  }
  for (int i = 0; i < length; ++i) {
    if (pos >= text.size() || (static_cast<unsigned char>(text[pos]) & 0xC0) != 0x80) {
      return kReplacementCharacter;
    }
    code_point = code_point << 6 | (static_cast<unsigned char>(text[pos++]) & 0x3F);
  }
  return code_point;
}

constexpr std::string_view kRetriesExceeded =
    "Number of retries exceeded while attempting to acquire PostgreSQL advisory lock. Configure "
    "the number of retries with the 'lockRetryCount' configuration option: https://rd.gt/3A57jfk";

}  // namespace

std::int32_t java_string_hash(std::string_view text) {
  std::uint32_t hash = 0;  // unsigned, so the wrap-around Java relies on is defined here too
  auto add = [&hash](std::uint32_t code_unit) { hash = 31 * hash + code_unit; };
  for (std::size_t pos = 0; pos < text.size();) {
    const char32_t code_point = next_code_point(text, pos);
    if (code_point < 0x10000) {
      add(code_point);
    } else {  // a UTF-16 surrogate pair
      add(0xD800 + ((code_point - 0x10000) >> 10));
      add(0xDC00 + ((code_point - 0x10000) & 0x3FF));
    }
  }
  return static_cast<std::int32_t>(hash);
}

std::int64_t advisory_lock_key(std::string_view qualified_table) {
  return kFlywayLockBase + java_string_hash(qualified_table);
}

std::string try_lock_sql(LockScope scope, std::int64_t key) {
  return fmt::format(
      "SELECT {}({})",
      scope == LockScope::Transaction ? "pg_try_advisory_xact_lock" : "pg_try_advisory_lock", key);
}

Result<void> PostgresDatabase::acquire_lock(LockScope scope, const std::string& schema,
                                            const std::string& table, int retry_count) {
  if (scope == LockScope::Transaction && !in_transaction()) {
    // Outside a transaction the lock would be released as soon as the SELECT ends.
    return fail(ErrorCode::Fault, "A transaction-scoped advisory lock needs an open transaction");
  }
  if (scope == LockScope::Session && session_lock_) {
    return fail(ErrorCode::Fault, "The session advisory lock is already held");
  }
  const std::int64_t key = advisory_lock_key(quote(schema) + "." + quote(table));
  if (scope == LockScope::Transaction) {
    // Sent with the next statement (see the class comment).
    lock_deferred_ = LockRequest{key, retry_count};
    return {};
  }
  RUNWAY_TRY(settle());
  RUNWAY_TRY(take_session_lock(LockRequest{key, retry_count}));
  session_lock_ = LockRequest{key, retry_count};
  return {};
}

Result<void> PostgresDatabase::take_session_lock(const LockRequest& lock) {
  for (int retries = 0;; ++retries) {
    RUNWAY_ASSIGN(locked, query_flag(try_lock_sql(LockScope::Session, lock.key)));
    if (locked) return {};
    RUNWAY_TRY(wait_for_lock(lock.key, LockScope::Session, lock.retry_count, retries));
  }
}

Result<void> PostgresDatabase::after_session_reset(std::string_view command_tag) {
  if (!command_tag.starts_with("DISCARD") && !command_tag.starts_with("DEALLOCATE")) return {};
  prepared_names_.clear();
  // DISCARD ALL releases every advisory lock too. Take the session lock back at once, so the
  // rest of the migration and its history row are written under it again.
  if (command_tag == "DISCARD ALL" && session_lock_) return take_session_lock(*session_lock_);
  return {};
}

Result<void> PostgresDatabase::wait_for_lock(std::int64_t key, LockScope scope, int retry_count,
                                             int retries) {
  if (retry_count >= 0 && retries >= retry_count) {
    return fail(ErrorCode::Error,
                std::string(kRetriesExceeded) + "\n" + describe_lock_holders(key));
  }
  // A transaction left open while waiting would be one that a CREATE INDEX CONCURRENTLY
  // run by the lock holder may wait for: the holder would wait for us and we for it. The
  // caller has done nothing in it yet (the lock comes first), so wait outside it.
  if (scope == LockScope::Transaction) RUNWAY_TRY(rollback());
  std::this_thread::sleep_for(std::chrono::seconds(1));
  return {};
}

Result<void> PostgresDatabase::release_lock(LockScope scope) {
  // A transaction lock ends with its transaction; only a session lock needs unlocking.
  if (scope == LockScope::Transaction || !session_lock_) return {};
  const std::int64_t key = session_lock_->key;
  session_lock_.reset();
  RUNWAY_ASSIGN(released, query_flag(fmt::format("SELECT pg_advisory_unlock({})", key)));
  if (!released) {
    return fail(ErrorCode::Error,
                "Unable to release PostgreSQL advisory lock: this session no longer held it. A "
                "statement released it (pg_advisory_unlock_all()), or a connection pooler reset "
                "the session; migrations that ran since then ran without the lock.");
  }
  return {};
}

// A bigint advisory lock shows in pg_locks as classid = high 32 bits, objid = low 32 bits,
// objsubid = 1, in the database it was taken in.
std::string PostgresDatabase::describe_lock_holders(std::int64_t key) {
  const auto unsigned_key = static_cast<std::uint64_t>(key);
  const SqlValue params[] = {std::to_string(unsigned_key >> 32),
                             std::to_string(unsigned_key & 0xFFFFFFFFu)};
  auto holders = query(
      "SELECT l.pid, a.application_name, a.usename, a.state"
      " FROM pg_catalog.pg_locks l"
      " LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid"
      " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
      " AND l.classid = $1::oid AND l.objid = $2::oid"
      " AND l.database = (SELECT oid FROM pg_catalog.pg_database"
      " WHERE datname = pg_catalog.current_database())"
      " ORDER BY l.pid",
      params);
  const std::string lock = fmt::format("The advisory lock {}", key);
  if (!holders) return lock + " holder is unknown: " + holders.error().message;
  if (holders->rows.empty()) return lock + " is no longer held by any session.";
  std::string text = lock + " is held by:";
  for (const std::vector<SqlValue>& row : holders->rows) {
    // Another user's session shows NULLs here unless we may see pg_stat_activity in full.
    auto shown = [](const SqlValue& value) { return value.value_or("?"); };
    text += fmt::format("\n  pid {} (application '{}', user '{}', state '{}')", shown(row[0]),
                        shown(row[1]), shown(row[2]), shown(row[3]));
  }
  return text;
}

}  // namespace runway::postgres
