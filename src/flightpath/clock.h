// Instants as milliseconds since the Unix epoch (UTC), and their text forms. Flightpath stores
// and compares times this way so SQLite text and PostgreSQL timestamps meet on one scale.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace runway::flightpath {

using UnixMs = std::int64_t;

constexpr UnixMs kMsPerMinute = 60 * 1000;
constexpr UnixMs kMsPerHour = 60 * kMsPerMinute;
constexpr UnixMs kMsPerDay = 24 * kMsPerHour;

UnixMs now_ms();
// "2024-05-01 10:00:00.123" (the form both engines accept for a TIMESTAMP column).
std::string format_utc(UnixMs instant);
// "2024-05-01T10:00:00.123Z", for JSON.
std::string format_iso(UnixMs instant);
// "2024-05-01", for tables and chart labels.
std::string format_date(UnixMs instant);
// Parses "YYYY-MM-DD[ T]HH:MM[:SS[.fff]]" or "YYYY-MM-DD" as UTC; a trailing "Z" is allowed.
std::optional<UnixMs> parse_utc(std::string_view text);

}  // namespace runway::flightpath
