#include "db/postgres/postgres_pipeline.h"

#include <string>

#include "db/postgres/libpq.h"

namespace runway::postgres {
namespace {

Result<void> send(PGconn* connection, const PipelinedStatement& statement) {
  std::vector<const char*> values;
  values.reserve(statement.params.size());
  for (const SqlValue& param : statement.params) values.push_back(param ? param->c_str() : nullptr);
  const int count = static_cast<int>(values.size());
  // libpq wants terminated strings; statements here are short.
  const std::string sql(statement.sql);
  const std::string name(statement.prepared_name);
  auto& pq = libpq();
  if (statement.prepare &&
      pq.PQsendPrepare(connection, name.c_str(), sql.c_str(), count, nullptr) != 1) {
    return fail(statement_error(connection, nullptr, statement.sql));
  }
  const int sent = name.empty() ? pq.PQsendQueryParams(connection, sql.c_str(), count, nullptr,
                                                       values.data(), nullptr, nullptr, 0)
                                : pq.PQsendQueryPrepared(connection, name.c_str(), count,
                                                         values.data(), nullptr, nullptr, 0);
  if (sent != 1) return fail(statement_error(connection, nullptr, statement.sql));
  return {};
}

Result<std::vector<ResultPtr>> exchange(PGconn* connection,
                                        std::span<const PipelinedStatement> statements) {
  for (const PipelinedStatement& statement : statements) RUNWAY_TRY(send(connection, statement));
  if (libpq().PQpipelineSync(connection) != 1)
    return fail(statement_error(connection, nullptr, {}));
  std::vector<ResultPtr> results;
  results.reserve(statements.size());
  for (const PipelinedStatement& statement : statements) {
    if (statement.prepare) {
      RUNWAY_ASSIGN(prepared, next_pipeline_result(connection, statement.sql));
      RUNWAY_ASSIGN(executed, next_pipeline_result(connection, statement.sql));
      const bool ok = libpq().PQresultStatus(prepared.get()) == PGRES_COMMAND_OK;
      results.push_back(std::move(ok ? executed : prepared));
    } else {
      RUNWAY_ASSIGN(executed, next_pipeline_result(connection, statement.sql));
      results.push_back(std::move(executed));
    }
  }
  ResultPtr sync(libpq().PQgetResult(connection));
  if (libpq().PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) {
    return fail(statement_error(connection, sync.get(), {}));
  }
  return results;
}

}  // namespace

Result<ResultPtr> next_pipeline_result(PGconn* connection, std::string_view sql) {
  ResultPtr result(libpq().PQgetResult(connection));
  if (!result) return fail(statement_error(connection, nullptr, sql));
  while (ResultPtr unexpected{libpq().PQgetResult(connection)}) {
  }
  return result;
}

Result<std::vector<ResultPtr>> run_pipeline(PGconn* connection,
                                            std::span<const PipelinedStatement> statements) {
  if (libpq().PQenterPipelineMode(connection) != 1) {
    return fail(statement_error(connection, nullptr, {}));
  }
  auto results = exchange(connection, statements);
  // Fails only when results are still unread, which happens only after the connection broke,
  // and then the error above is the one to report.
  libpq().PQexitPipelineMode(connection);
  return results;
}

}  // namespace runway::postgres
