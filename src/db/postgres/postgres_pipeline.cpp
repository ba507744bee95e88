#include "db/postgres/postgres_pipeline.h"

#include "db/postgres/libpq.h"

namespace runway::postgres {
namespace {

Result<void> send(PGconn* connection, const PipelinedStatement& statement) {
  std::vector<const char*> values;
  values.reserve(statement.params.size());
  for (const SqlValue& param : statement.params) values.push_back(param ? param->c_str() : nullptr);
  // libpq wants a terminated string; statements here are short.
  const std::string sql(statement.sql);
  if (libpq().PQsendQueryParams(connection, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                values.data(), nullptr, nullptr, 0) != 1) {
    return fail(statement_error(connection, nullptr, statement.sql));
  }
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
    // Each statement's result is followed by a null that ends it. A null in its place means
    // the connection broke.
    ResultPtr result(libpq().PQgetResult(connection));
    if (!result) return fail(statement_error(connection, nullptr, statement.sql));
    while (ResultPtr unexpected{libpq().PQgetResult(connection)}) {
    }
    results.push_back(std::move(result));
  }
  ResultPtr sync(libpq().PQgetResult(connection));
  if (libpq().PQresultStatus(sync.get()) != PGRES_PIPELINE_SYNC) {
    return fail(statement_error(connection, sync.get(), {}));
  }
  return results;
}

}  // namespace

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
