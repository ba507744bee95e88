// Owning handles for libpq objects, and the conversion of a PGresult into runway's values:
// rows as text for a statement that returned some, an Error with the server's SQLSTATE and
// words for one that failed.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <string_view>

#include "db/postgres/libpq.h"
#include "runway/driver.h"
#include "runway/error.h"

namespace runway::postgres {

struct ConnectionCloser {
  void operator()(PGconn* connection) const { libpq().PQfinish(connection); }
};
using ConnectionPtr = std::unique_ptr<PGconn, ConnectionCloser>;

struct ResultCloser {
  void operator()(PGresult* result) const { libpq().PQclear(result); }
};
using ResultPtr = std::unique_ptr<PGresult, ResultCloser>;

// The connection's last error message, trimmed.
std::string connection_message(PGconn* connection);

// The rows of a PGRES_TUPLES_OK result, or the row count of a PGRES_COMMAND_OK one.
QueryResult to_query_result(const PGresult* result);

// The error a failed statement reports: SQLSTATE, the primary message (with DETAIL and HINT
// lines when the server sent them) and the statement. A null result (out of memory, lost
// connection) falls back to the connection's last error message.
Error statement_error(PGconn* connection, const PGresult* result, std::string_view statement);

}  // namespace runway::postgres
