#include "core/ignore_patterns.h"

#include <array>
#include <optional>
#include <string_view>
#include <utility>

#include "core/config_text.h"

namespace runway {
namespace {

constexpr std::string_view kPatternHelpUrl = "https://rd.gt/37m4hXD";

constexpr std::array<std::pair<std::string_view, IgnorePattern::Type>, 3> kTypes = {{
    {"*", IgnorePattern::Type::Any},
    {"repeatable", IgnorePattern::Type::Repeatable},
    {"versioned", IgnorePattern::Type::Versioned},
}};

constexpr std::array<std::pair<std::string_view, IgnorePattern::State>, 5> kStateWords = {{
    {"*", IgnorePattern::State::Any},
    {"missing", IgnorePattern::State::Missing},
    {"pending", IgnorePattern::State::Pending},
    {"ignored", IgnorePattern::State::Ignored},
    {"future", IgnorePattern::State::Future},
}};

template <typename Value, std::size_t N>
std::optional<Value> lookup(const std::array<std::pair<std::string_view, Value>, N>& names,
                            std::string_view name) {
  for (const auto& [text, value] : names) {
    if (text == name) return value;
  }
  return std::nullopt;
}

// "[*, repeatable, versioned]", as Java prints a list.
template <typename Value, std::size_t N>
std::string list_names(const std::array<std::pair<std::string_view, Value>, N>& names) {
  std::vector<std::string> texts;
  for (const auto& entry : names) texts.emplace_back(entry.first);
  return "[" + join(texts, ", ") + "]";
}

// Java's String.split(":"): trailing empty parts are dropped, so `versioned:` has one part.
std::vector<std::string_view> split_java(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t colon = text.find(':', start);
    parts.push_back(text.substr(start, colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  while (!parts.empty() && parts.back().empty()) parts.pop_back();
  return parts;
}

Result<IgnorePattern> parse_pattern(std::string_view text) {
  std::vector<std::string_view> parts = split_java(text);
  if (parts.size() != 2) {
    return fail(ErrorCode::Error,
                "Invalid pattern '" + std::string(text) +
                    "'. Pattern must be of the form <migration_type>:<migration_state> See " +
                    std::string(kPatternHelpUrl) + " for full details");
  }
  std::optional<IgnorePattern::Type> type = lookup(kTypes, to_lower(trim(parts[0])));
  if (!type) {
    return fail(ErrorCode::Error, "Invalid migration type '" + std::string(parts[0]) +
                                              "'. Valid types are: " + list_names(kTypes));
  }
  std::optional<IgnorePattern::State> state = lookup(kStateWords, to_lower(trim(parts[1])));
  if (!state) {
    return fail(ErrorCode::Error, "Invalid migration state '" + std::string(parts[1]) +
                                              "'. Valid states are: " + list_names(kStateWords));
  }
  return IgnorePattern{*type, *state};
}

}  // namespace

Result<std::vector<IgnorePattern>> parse_ignore_patterns(const std::vector<std::string>& patterns) {
  std::vector<IgnorePattern> parsed;
  for (const std::string& text : patterns) {
    RUNWAY_ASSIGN(pattern, parse_pattern(trim(text)));
    parsed.push_back(pattern);
  }
  return parsed;
}

}  // namespace runway
