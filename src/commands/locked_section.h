// The one place that opens and closes a unit of work: begin, take the migration lock, run the
// work, then commit and release, or roll back and release on every failure path. Commands
// used to write this block by hand, and the copies drifted (a session lock left held, a
// history cache holding rolled-back rows).
#pragma once

#include <functional>

#include "commands/session.h"

namespace runway {

// Runs `work` in a transaction when `transactional`: committed when it succeeds, rolled back
// when it (or the commit) fails. Without a transaction `work` just runs.
Result<void> with_transaction(Database& db, bool transactional,
                              const std::function<Result<void>()>& work);

// Runs `work` under the migration lock of the history table (spec 8.3). LockScope::Transaction
// runs it in a transaction that holds the lock; LockScope::Session takes a session lock and
// runs it without one. `work` returns whether to keep its changes: false rolls the
// transaction back without it being an error (a migration failed and the command reports
// that as data). The lock is released on every path; after any rollback the history cache
// is forgotten, since it may hold rows that were never committed. Returns what `work` decided.
Result<bool> with_migration_lock(Session& session, LockScope scope,
                                 const std::function<Result<bool>()>& work);

// The lock scope for work that runs in a transaction or not.
inline LockScope lock_scope(bool transactional) {
  return transactional ? LockScope::Transaction : LockScope::Session;
}

}  // namespace runway
