// Transactions, with the deferred BEGIN, lock attempt and last write described in
// postgres_database.h.
#include <string_view>
#include <utility>
#include <vector>

#include "db/postgres/libpq.h"
#include "db/postgres/postgres_database.h"
#include "db/postgres/postgres_lock.h"

namespace runway::postgres {

Result<void> PostgresDatabase::begin() {
  if (in_transaction()) {
    return fail(ErrorCode::Fault, "begin() called while a transaction is already open");
  }
  begin_deferred_ = true;
  return {};
}

Result<void> PostgresDatabase::modify_session(std::string_view sql,
                                              std::span<const SqlValue> params) {
  // A second one before anything is sent would need a queue: send the first.
  if (session_write_deferred_) RUNWAY_TRY(settle());
  if (!has_deferred_start()) return Database::modify_session(sql, params);
  session_write_deferred_ = DeferredWrite{std::string(sql), {params.begin(), params.end()}, {}};
  return {};
}

Result<void> PostgresDatabase::modify_before_commit(std::string_view sql,
                                                    std::span<const SqlValue> params,
                                                    WriteErrorContext explain) {
  // Outside a transaction there is no COMMIT to wait for.
  if (!in_transaction()) return Database::modify_before_commit(sql, params, std::move(explain));
  // The write must not run before the lock is granted.
  RUNWAY_TRY(settle());
  write_deferred_ =
      DeferredWrite{std::string(sql), {params.begin(), params.end()}, std::move(explain)};
  return {};
}

Result<void> PostgresDatabase::check_write(const DeferredWrite& write, ResultPtr result) {
  auto written = finish_write(std::move(result), write.sql);
  if (!written) return fail(write.explain(std::move(written.error())));
  return {};
}

Result<void> PostgresDatabase::commit() {
  if (begin_deferred_ && !session_write_deferred_) {
    // Nothing was sent since begin(): there is nothing to commit.
    begin_deferred_ = false;
    lock_deferred_.reset();
    return {};
  }
  lock_deferred_.reset();  // nothing ran under it
  if (has_deferred_start()) RUNWAY_TRY(send_deferred(nullptr));
  const std::optional<DeferredWrite> write = std::exchange(write_deferred_, std::nullopt);
  std::vector<PipelinedStatement> batch;
  if (write) batch.push_back(prepared_write(write->sql, write->params));
  batch.push_back({"COMMIT", {}});
  RUNWAY_ASSIGN(results, send_batch(batch));
  if (write) RUNWAY_TRY(check_write(*write, std::move(results.front())));

  ResultPtr& result = results.back();
  // COMMIT of a transaction in which a statement failed "succeeds" with the tag ROLLBACK;
  // reporting success there would hide that nothing was saved.
  const bool rolled_back = libpq().PQresultStatus(result.get()) == PGRES_COMMAND_OK &&
                           std::string_view(libpq().PQcmdStatus(result.get())) == "ROLLBACK";
  RUNWAY_TRY(finish(std::move(result), "COMMIT"));
  if (rolled_back) {
    Error error(ErrorCode::DbConnection,
                "The transaction was rolled back instead of committed because a statement in it "
                "had failed");
    error.sql = SqlErrorInfo{"25P02", 0, error.message, "COMMIT"};
    return fail(std::move(error));
  }
  return {};
}

Result<void> PostgresDatabase::rollback() {
  if (sent_ahead_ != 0) (void)collect_sent([](const QueryResult&) {});  // a caller gave up
  const bool sent = !begin_deferred_;
  begin_deferred_ = false;
  lock_deferred_.reset();
  session_write_deferred_.reset();  // a rollback would undo it anyway
  write_deferred_.reset();
  if (!sent) return {};
  RUNWAY_TRY(finish(ResultPtr(libpq().PQexec(connection_.get(), "ROLLBACK")), "ROLLBACK"));
  return {};
}

bool PostgresDatabase::in_transaction() const {
  if (begin_deferred_) return true;
  const PGTransactionStatusType status = libpq().PQtransactionStatus(connection_.get());
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR || status == PQTRANS_ACTIVE;
}

Result<void> PostgresDatabase::settle() {
  if (has_deferred_start()) RUNWAY_TRY(send_deferred(nullptr));
  if (write_deferred_) {
    const DeferredWrite write = *std::exchange(write_deferred_, std::nullopt);
    auto written = run_write(write.sql, write.params);
    if (!written) return fail(write.explain(std::move(written.error())));
  }
  return {};
}

Result<QueryResult> PostgresDatabase::send_deferred(const PipelinedStatement* read) {
  for (int retries = 0;; ++retries) {
    const bool sends_begin = std::exchange(begin_deferred_, false);
    const std::optional<LockRequest> lock = std::exchange(lock_deferred_, std::nullopt);
    const std::optional<DeferredWrite> session_write =
        std::exchange(session_write_deferred_, std::nullopt);
    const std::string try_lock = lock ? try_lock_sql(LockScope::Transaction, lock->key) : "";
    std::vector<PipelinedStatement> batch;
    if (sends_begin) batch.push_back({"BEGIN", {}});
    if (lock) batch.push_back({try_lock, {}});
    if (session_write) batch.push_back(prepared_write(session_write->sql, session_write->params));
    if (read) batch.push_back(*read);
    RUNWAY_ASSIGN(results, send_batch(batch));

    // Results are checked in the order sent, so the first failure is the one reported.
    auto next = results.begin();
    if (sends_begin) RUNWAY_TRY(finish(std::move(*next++), "BEGIN"));
    if (lock) {
      RUNWAY_ASSIGN(answer, finish(std::move(*next++), try_lock));
      const bool granted = !answer.rows.empty() && answer.rows.front().front() == "t";
      if (!granted) {
        // What ran without the lock changed nothing others see, and the rollback in
        // wait_for_lock undoes the session write: all of it is sent again with the next try.
        RUNWAY_TRY(wait_for_lock(lock->key, LockScope::Transaction, lock->retry_count, retries));
        begin_deferred_ = true;
        lock_deferred_ = lock;
        session_write_deferred_ = session_write;
        continue;
      }
    }
    if (session_write) RUNWAY_TRY(finish_write(std::move(*next++), session_write->sql));
    if (!read) return QueryResult();
    return finish(std::move(*next), read->sql);
  }
}

}  // namespace runway::postgres
