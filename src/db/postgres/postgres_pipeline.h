// Several statements in one round trip, with libpq's pipeline mode (libpq 14 and later; any
// server that speaks the extended query protocol). The driver uses it to send a deferred
// BEGIN and advisory-lock attempt together with the read that follows them.
#pragma once

#include <libpq-fe.h>

#include <span>
#include <string_view>
#include <vector>

#include "db/postgres/postgres_result.h"
#include "runway/driver.h"

namespace runway::postgres {

struct PipelinedStatement {
  std::string_view sql;
  std::span<const SqlValue> params;
  // The named prepared statement to run it as; empty: run it unnamed, planned anew. With
  // `prepare` the statement is created first, in the same pipeline.
  std::string_view prepared_name = {};
  bool prepare = false;
};

// Sends `statements` and one sync, then collects one result per statement, in order (for a
// statement prepared here, the failed preparation if it failed). After a failed statement the
// server skips the rest: their results are PGRES_PIPELINE_ABORTED. An error means the
// connection failed and no results can be trusted.
Result<std::vector<ResultPtr>> run_pipeline(PGconn* connection,
                                            std::span<const PipelinedStatement> statements);

// In pipeline mode: the result of the next statement sent, with the null that ends it read
// too. An error means the connection broke.
Result<ResultPtr> next_pipeline_result(PGconn* connection, std::string_view sql);

}  // namespace runway::postgres
