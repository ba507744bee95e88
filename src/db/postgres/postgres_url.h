// Turns runway's connection settings (a JDBC URL or a libpq URI, user, password,
// jdbcProperties) into libpq connection keywords, so that a URL that works with Flyway and
// pgjdbc reaches the same server with the same options through libpq.
#pragma once

#include <map>
#include <string>

#include "runway/driver.h"
#include "runway/error.h"

namespace runway::postgres {

// libpq keyword -> value (host, port, dbname, user, password, sslmode, options, ...). Only
// keywords with a value are present, so libpq's own defaults (PGPASSWORD, ~/.pgpass,
// PGSSLMODE, ...) apply to everything else.
using ConnectionKeywords = std::map<std::string, std::string>;

// Accepts jdbc:postgresql://host[:port][,host2[:port2]...]/db?k=v&..., jdbc:postgresql:db,
// jdbc:postgresql:/, IPv6 hosts in brackets, the jdbc:p6spy:postgresql: spelling, and
// postgresql:// or postgres:// URIs. Precedence follows pgjdbc: URL parameters win over
// jdbcProperties, which win over the separate user and password settings.
// Fails with ErrorCode::Configuration on a malformed URL; the error never shows a password.
Result<ConnectionKeywords> connection_keywords(const ConnectionOptions& connection);

}  // namespace runway::postgres
