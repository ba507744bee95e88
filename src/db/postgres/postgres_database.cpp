#include "db/postgres/postgres_database.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <climits>
#include <vector>

#include "db/postgres/libpq.h"

namespace runway::postgres {
namespace {

// Reads what a COPY TO STDOUT sends and throws it away: runway has nowhere to put it.
void discard_copy_out(PGconn* connection) {
  char* buffer = nullptr;
  while (libpq().PQgetCopyData(connection, &buffer, 0) > 0) libpq().PQfreemem(buffer);
}

// Collects the results still queued after a COPY, keeping the last one (its outcome).
ResultPtr last_result(PGconn* connection) {
  ResultPtr last;
  while (ResultPtr next{libpq().PQgetResult(connection)}) last = std::move(next);
  return last;
}

}  // namespace

PostgresDatabase::PostgresDatabase(ConnectionPtr connection) : connection_(std::move(connection)) {
  libpq().PQsetNoticeReceiver(connection_.get(), &PostgresDatabase::receive_notice, this);
}

// PQserverVersion is 150004 for 15.4 and 90624 for 9.6.24.
std::string PostgresDatabase::product_version() const {
  const int version = libpq().PQserverVersion(connection_.get());
  const int minor = version >= 100000 ? version % 10000 : version / 100 % 100;
  return std::to_string(major_version()) + "." + std::to_string(minor);
}

int PostgresDatabase::major_version() const {
  return libpq().PQserverVersion(connection_.get()) / 10000;
}

Result<QueryResult> PostgresDatabase::execute(std::string_view sql) {
  RUNWAY_TRY(settle());
  ResultPtr result(libpq().PQexec(connection_.get(), std::string(sql).c_str()));
  const std::string tag = libpq().PQcmdStatus(result.get());
  RUNWAY_ASSIGN(rows, finish(std::move(result), sql));
  RUNWAY_TRY(after_session_reset(tag));
  return rows;
}

Result<QueryResult> PostgresDatabase::query(std::string_view sql,
                                            std::span<const SqlValue> params) {
  if (write_deferred_) RUNWAY_TRY(settle());
  if (!has_deferred_start()) return run_query(sql, params);
  const PipelinedStatement read{sql, params};
  return send_deferred(&read);
}

Result<QueryResult> PostgresDatabase::modify(std::string_view sql,
                                             std::span<const SqlValue> params) {
  RUNWAY_TRY(settle());
  return run_write(sql, params);
}

PipelinedStatement PostgresDatabase::prepared_write(std::string_view sql,
                                                    std::span<const SqlValue> params) {
  auto [entry, added] = prepared_names_.try_emplace(std::string(sql));
  if (added) entry->second = "runway_" + std::to_string(++prepared_count_);
  return PipelinedStatement{sql, params, entry->second, added};
}

Result<QueryResult> PostgresDatabase::finish_write(ResultPtr result, std::string_view sql) {
  auto done = finish(std::move(result), sql);
  if (!done) prepared_names_.erase(std::string(sql));
  return done;
}

Result<QueryResult> PostgresDatabase::run_write(std::string_view sql,
                                                std::span<const SqlValue> params) {
  const PipelinedStatement write = prepared_write(sql, params);
  RUNWAY_ASSIGN(results, send_batch({&write, 1}));
  return finish_write(std::move(results.front()), sql);
}

Result<QueryResult> PostgresDatabase::run_query(std::string_view sql,
                                                std::span<const SqlValue> params) {
  const PipelinedStatement read{sql, params};
  RUNWAY_ASSIGN(results, send_batch({&read, 1}));
  return finish(std::move(results.front()), sql);
}

Result<std::vector<ResultPtr>> PostgresDatabase::send_batch(
    std::span<const PipelinedStatement> batch) {
  auto results = run_pipeline(connection_.get(), batch);
  // The connection failed mid-way: which statements the server prepared is unknown.
  if (!results) prepared_names_.clear();
  return results;
}

Result<QueryResult> PostgresDatabase::finish(ResultPtr result, std::string_view statement) {
  PGconn* connection = connection_.get();
  switch (libpq().PQresultStatus(result.get())) {
    case PGRES_TUPLES_OK:
    case PGRES_COMMAND_OK:
    case PGRES_EMPTY_QUERY:
      return to_query_result(result.get());
    case PGRES_COPY_IN:
      // Without its data the COPY cannot go on; ending it makes the server report the
      // statement as failed, with this reason, like any other error.
      libpq().PQputCopyEnd(connection, "COPY ... FROM STDIN needs its data: run it with copy_in()");
      return fail(statement_error(connection, last_result(connection).get(), statement));
    case PGRES_COPY_OUT:
      discard_copy_out(connection);
      last_result(connection);
      return fail(ErrorCode::DbConnection,
                  "COPY ... TO STDOUT is not supported: " + std::string(statement));
    default:
      return fail(statement_error(connection, result.get(), statement));
  }
}

Result<std::int64_t> PostgresDatabase::copy_in(std::string_view sql, const CopyDataSource& data) {
  RUNWAY_TRY(settle());
  PGconn* connection = connection_.get();
  ResultPtr started(libpq().PQexec(connection, std::string(sql).c_str()));
  if (libpq().PQresultStatus(started.get()) != PGRES_COPY_IN) {
    RUNWAY_TRY(finish(std::move(started), sql));
    return fail(ErrorCode::Error, "Not a COPY ... FROM STDIN statement: " + std::string(sql));
  }

  Result<void> sent = data([connection](std::string_view chunk) -> Result<void> {
    // PQputCopyData takes an int length; very large chunks go in pieces.
    while (!chunk.empty()) {
      const std::size_t piece = std::min<std::size_t>(chunk.size(), INT_MAX);
      if (libpq().PQputCopyData(connection, chunk.data(), static_cast<int>(piece)) != 1) {
        return fail(statement_error(connection, nullptr, {}));
      }
      chunk.remove_prefix(piece);
    }
    return {};
  });
  // A failing data source aborts the COPY, so the server rolls back the rows it received.
  const char* abort_reason = sent ? nullptr : sent.error().message.c_str();
  if (libpq().PQputCopyEnd(connection, abort_reason) != 1) {
    return fail(statement_error(connection, nullptr, sql));
  }
  ResultPtr ended = last_result(connection);
  if (!sent) return fail(sent.error());
  RUNWAY_ASSIGN(copied, finish(std::move(ended), sql));
  return copied.affected_rows;
}

void PostgresDatabase::set_notice_handler(NoticeHandler handler) {
  notice_handler_ = std::move(handler);
}

void PostgresDatabase::receive_notice(void* self, const PGresult* notice) {
  auto field = [notice](int code) {
    const char* value = libpq().PQresultErrorField(notice, code);
    return std::string(value ? value : "");
  };
  DbNotice db_notice{field(PG_DIAG_SEVERITY_NONLOCALIZED), field(PG_DIAG_SQLSTATE),
                     field(PG_DIAG_MESSAGE_PRIMARY)};
  auto* database = static_cast<PostgresDatabase*>(self);
  if (database->notice_handler_) {
    database->notice_handler_(db_notice);
  } else {
    spdlog::debug("DB: {}: {}", db_notice.severity, db_notice.message);
  }
}

Result<SqlValue> PostgresDatabase::query_value(std::string_view sql,
                                               std::span<const SqlValue> params) {
  RUNWAY_ASSIGN(result, query(sql, params));
  if (result.rows.empty() || result.rows.front().empty()) return SqlValue();
  return result.rows.front().front();
}

Result<bool> PostgresDatabase::query_flag(std::string_view sql, std::span<const SqlValue> params) {
  RUNWAY_ASSIGN(value, query_value(sql, params));
  return value == "t";
}

Result<void> PostgresDatabase::execute_generated(std::string_view query_sql,
                                                 const std::string& schema) {
  const SqlValue params[] = {schema};
  RUNWAY_ASSIGN(statements, query(query_sql, params));
  for (std::size_t column = 0; column < statements.columns.size(); ++column) {
    for (const std::vector<SqlValue>& row : statements.rows) {
      if (row[column]) RUNWAY_TRY(execute(*row[column]));
    }
  }
  return {};
}

}  // namespace runway::postgres
