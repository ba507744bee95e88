#include "flightpath/window.h"

#include <charconv>
#include <ctime>

namespace runway::flightpath {

namespace {

UnixMs months_before(UnixMs now, int months) {
  std::time_t seconds = static_cast<std::time_t>(now / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  tm.tm_mon -= months;  // timegm normalises the year
  return static_cast<UnixMs>(timegm(&tm)) * 1000 + now % 1000;
}

}  // namespace

Result<UnixMs> parse_since(std::string_view text, UnixMs now) {
  if (auto instant = parse_utc(text)) {
    if (*instant > now) {
      return fail(ErrorCode::Configuration,
                  "metrics.since=" + std::string(text) + " is in the future");
    }
    return *instant;
  }
  int amount = 0;
  const char* end = text.data() + text.size();
  auto [unit, ec] = std::from_chars(text.data(), end, amount);
  if (ec == std::errc() && amount > 0 && unit + 1 == end) {
    switch (*unit) {
      case 'd':
        return now - amount * kMsPerDay;
      case 'w':
        return now - amount * 7 * kMsPerDay;
      case 'm':
        return months_before(now, amount);
      default:
        break;
    }
  }
  return fail(ErrorCode::Configuration,
              "Invalid metrics.since '" + std::string(text) +
                  "': use a number of days, weeks or months (90d, 12w, 6m) or an ISO date "
                  "(2024-01-31)");
}

}  // namespace runway::flightpath
