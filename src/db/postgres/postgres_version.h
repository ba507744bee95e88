// The PostgreSQL versions runway supports (PostgresDatabase::check_supported), without libpq.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace runway::postgres {

// Why runway refuses a server of this version, or nullopt: PostgreSQL 13 and later are
// supported. `version` is the server's "<major>.<minor>", for the message.
std::optional<std::string> unsupported_version(int major_version, std::string_view version);

}  // namespace runway::postgres
