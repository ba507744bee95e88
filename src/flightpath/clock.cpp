#include "flightpath/clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace runway::flightpath {

namespace {

std::tm utc_tm(UnixMs instant) {
  std::time_t seconds =
      static_cast<std::time_t>(instant >= 0 ? instant / 1000 : (instant - 999) / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  return tm;
}

int millis_of(UnixMs instant) {
  return static_cast<int>(((instant % 1000) + 1000) % 1000);
}

}  // namespace

UnixMs now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string format_utc(UnixMs instant) {
  std::tm tm = utc_tm(instant);
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d %02d:%02d:%02d.%03d", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis_of(instant));
  return buffer;
}

std::string format_iso(UnixMs instant) {
  std::string text = format_utc(instant);
  text[10] = 'T';
  return text + "Z";
}

std::string format_date(UnixMs instant) {
  return format_utc(instant).substr(0, 10);
}

std::optional<UnixMs> parse_utc(std::string_view text) {
  std::string s(text);
  if (!s.empty() && s.back() == 'Z') s.pop_back();
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
  double second = 0;
  char separator = ' ';
  int consumed = 0;
  int fields = std::sscanf(s.c_str(), "%4d-%2d-%2d%n%c%2d:%2d%n", &year, &month, &day, &consumed,
                           &separator, &hour, &minute, &consumed);
  if (fields == 3 && static_cast<std::size_t>(consumed) == s.size()) {
    hour = minute = 0;
  } else if (fields == 6 && (separator == ' ' || separator == 'T')) {
    std::string rest = s.substr(static_cast<std::size_t>(consumed));
    if (!rest.empty()) {
      int used = 0;
      if (rest[0] != ':' || std::sscanf(rest.c_str() + 1, "%lf%n", &second, &used) != 1 ||
          static_cast<std::size_t>(used) + 1 != rest.size()) {
        return std::nullopt;
      }
    }
  } else {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second < 0 ||
      second >= 61) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  UnixMs whole = static_cast<UnixMs>(timegm(&tm)) * 1000;
  return whole + static_cast<UnixMs>(second * 1000.0 + 0.5);
}

}  // namespace runway::flightpath
