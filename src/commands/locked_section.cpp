#include "commands/locked_section.h"

namespace runway {

Result<void> with_transaction(Database& db, bool transactional,
                              const std::function<Result<void>()>& work) {
  if (!transactional) return work();
  RUNWAY_TRY(db.begin());
  auto done = work();
  if (!done) {
    (void)db.rollback();
    return done;
  }
  auto committed = db.commit();
  if (!committed && db.in_transaction()) (void)db.rollback();
  return committed;
}

Result<bool> with_migration_lock(Session& session, LockScope scope,
                                 const std::function<Result<bool>()>& work) {
  Database& db = *session.db;
  HistoryTable& history = *session.history;
  bool transactional = scope == LockScope::Transaction;
  if (transactional) RUNWAY_TRY(db.begin());
  auto kept = [&]() -> Result<bool> {
    RUNWAY_TRY(db.acquire_lock(scope, history.schema(), history.table(),
                               session.settings.lock_retry_count));
    return work();
  }();
  if (transactional) {
    if (kept && *kept) {
      auto committed = db.commit();
      if (committed) return true;
      kept = std::unexpected(committed.error());
    }
    if (db.in_transaction()) (void)db.rollback();
    history.invalidate();
    return kept;
  }
  // A session lock outlives a failure of the work: release it on every path. The work's
  // writes were not rolled back, but a failed step may have written some: read them again.
  auto released = db.release_lock(scope);
  if (!kept || !*kept) history.invalidate();
  if (!kept) return kept;
  if (!released) return std::unexpected(released.error());
  return kept;
}

}  // namespace runway
