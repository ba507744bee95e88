// A script's statements sent ahead (Database::send_ahead): inside a transaction they go out
// in one pipeline without waiting for each answer, and collect_sent() syncs it and reads the
// answers in order.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "db/postgres/libpq.h"
#include "db/postgres/postgres_database.h"

namespace runway::postgres {

Result<bool> PostgresDatabase::send_ahead(std::string_view sql) {
  PGconn* connection = connection_.get();
  if (sent_ahead_ == 0) {
    if (!in_transaction()) return false;
    // The deferred BEGIN and lock attempt first: nothing may run before the lock is granted.
    RUNWAY_TRY(settle());
    if (libpq().PQenterPipelineMode(connection) != 1) {
      return fail(statement_error(connection, nullptr, sql));
    }
  }
  const std::string text(sql);
  // One statement with no parameters, over the extended protocol (pipelines allow no other).
  if (libpq().PQsendQueryParams(connection, text.c_str(), 0, nullptr, nullptr, nullptr, nullptr,
                                0) != 1) {
    Error error = statement_error(connection, nullptr, sql);
    (void)collect_sent([](const QueryResult&) {});
    return fail(std::move(error));
  }
  ++sent_ahead_;
  return true;
}

Result<void> PostgresDatabase::collect_sent(const ResultHandler& on_result) {
  if (sent_ahead_ == 0) return {};
  PGconn* connection = connection_.get();
  const std::size_t sent = std::exchange(sent_ahead_, 0);
  std::optional<Error> failure;
  std::vector<std::string> session_resets;
  bool connected = libpq().PQpipelineSync(connection) == 1;
  if (!connected) failure = statement_error(connection, nullptr, {});
  for (std::size_t i = 0; connected && i < sent; ++i) {
    auto result = next_pipeline_result(connection, {});
    if (!result) {
      if (!failure) failure = std::move(result).error();
      connected = false;
      break;
    }
    if (failure) continue;  // skipped by the server after the failure: PGRES_PIPELINE_ABORTED
    const ExecStatusType status = libpq().PQresultStatus(result->get());
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK && status != PGRES_EMPTY_QUERY) {
      failure = statement_error(connection, result->get(), {});
      continue;
    }
    std::string tag = libpq().PQcmdStatus(result->get());
    if (tag.starts_with("DISCARD") || tag.starts_with("DEALLOCATE")) {
      session_resets.push_back(std::move(tag));
    }
    on_result(to_query_result(result->get()));
  }
  if (connected) {
    ResultPtr sync(libpq().PQgetResult(connection));
    if (libpq().PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC && !failure) {
      failure = statement_error(connection, sync.get(), {});
    }
  }
  libpq().PQexitPipelineMode(connection);
  for (const std::string& tag : session_resets) RUNWAY_TRY(after_session_reset(tag));
  if (failure) return fail(std::move(*failure));
  return {};
}

}  // namespace runway::postgres
