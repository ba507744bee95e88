#include "check/conventions.h"

#include <ctime>

namespace runway {
namespace {

constexpr std::string_view kSequential = "sequential:";
// Timestamps are written in local time somewhere on earth; a day of slack keeps a version
// written east of here from looking like the future.
constexpr auto kClockSlack = std::chrono::hours(24);

bool all_digits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

int number(std::string_view digits) {
  int value = 0;
  for (char c : digits) value = value * 10 + (c - '0');
  return value;
}

// yyyyMMddHHmmss (or yyyyMMddHHmm) as a point in time, if it is a real date and time.
std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view text) {
  if ((text.size() != 14 && text.size() != 12) || !all_digits(text)) return std::nullopt;
  std::tm tm{};
  tm.tm_year = number(text.substr(0, 4)) - 1900;
  tm.tm_mon = number(text.substr(4, 2)) - 1;
  tm.tm_mday = number(text.substr(6, 2));
  tm.tm_hour = number(text.substr(8, 2));
  tm.tm_min = number(text.substr(10, 2));
  tm.tm_sec = text.size() == 14 ? number(text.substr(12, 2)) : 0;
  const std::tm written = tm;
  const std::time_t time = timegm(&tm);
  // timegm normalises 2024-02-30 into March: a changed field means the date does not exist.
  if (tm.tm_year != written.tm_year || tm.tm_mon != written.tm_mon ||
      tm.tm_mday != written.tm_mday || tm.tm_hour != written.tm_hour ||
      tm.tm_min != written.tm_min || tm.tm_sec != written.tm_sec) {
    return std::nullopt;
  }
  return std::chrono::system_clock::from_time_t(time);
}

}  // namespace

Result<Conventions> Conventions::from(const Settings& settings) {
  Conventions conventions;
  if (!settings.check_description_pattern.empty()) {
    try {
      conventions.description_.emplace(settings.check_description_pattern);
    } catch (const std::regex_error& e) {
      return fail(ErrorCode::Configuration,
                  "check.descriptionPattern is not a valid regular "
                  "expression: " +
                      settings.check_description_pattern + " (" + e.what() + ")");
    }
    conventions.description_text_ = settings.check_description_pattern;
  }
  const std::string& scheme = settings.check_version_scheme;
  if (scheme == "timestamp") {
    conventions.scheme_ = Scheme::Timestamp;
  } else if (scheme.starts_with(kSequential) && all_digits(scheme.substr(kSequential.size())) &&
             number(scheme.substr(kSequential.size())) > 0) {
    conventions.scheme_ = Scheme::Sequential;
    conventions.digits_ = static_cast<std::size_t>(number(scheme.substr(kSequential.size())));
  } else if (!scheme.empty()) {
    return fail(ErrorCode::Configuration,
                "check.versionScheme must be sequential:<digits> (e.g. sequential:4) or "
                "timestamp, not '" +
                    scheme + "'");
  }
  return conventions;
}

void Conventions::review(const CheckedMigration& m, const std::string& raw_description,
                         std::chrono::system_clock::time_point now,
                         std::vector<Finding>& out) const {
  if (description_ && !std::regex_match(raw_description, *description_)) {
    out.push_back(
        make_finding("RW401", m.path, 0,
                     "description '" + raw_description + "' does not match " + description_text_,
                     "Rename the file so that its description matches the pattern."));
  }
  if (!m.migration.is_versioned() || scheme_ == Scheme::Any) return;
  const std::string& version = m.migration.version.text();
  if (scheme_ == Scheme::Sequential) {
    if (!all_digits(version) || version.size() != digits_) {
      out.push_back(
          make_finding("RW402", m.path, 0,
                       "version " + version + " is not a sequence number of " +
                           std::to_string(digits_) + " digits",
                       "Number it like " + std::string(digits_ - 1, '0') +
                           "1 (check.versionScheme=sequential:" + std::to_string(digits_) + ")."));
    }
    return;
  }
  std::string digits = version;  // V2024_05_01_103000 is a timestamp too
  std::erase(digits, '.');
  const auto stamp = parse_timestamp(digits);
  if (!stamp) {
    out.push_back(make_finding("RW402", m.path, 0,
                               "version " + version +
                                   " is not a timestamp yyyyMMddHHmmss of a "
                                   "real date",
                               "Name it after the time it was written, e.g. V20240501103000__."));
  } else if (*stamp > now + kClockSlack) {
    out.push_back(make_finding("RW402", m.path, 0,
                               "version " + version + " is a timestamp in the future",
                               "Use the current time: a future version makes every migration "
                               "written until then sort below it, out of order."));
  }
}

}  // namespace runway
