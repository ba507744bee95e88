#include "core/config_conf_file.h"

#include <cctype>

#include "core/config_text.h"

namespace runway {
namespace {

std::vector<std::string> trimmed_lines(std::string_view text) {
  std::vector<std::string> lines;
  while (!text.empty()) {
    std::size_t newline = text.find('\n');
    std::string_view line = text.substr(0, newline);
    if (line.ends_with('\r')) line.remove_suffix(1);
    lines.emplace_back(trim(line));
    if (newline == std::string_view::npos) break;
    text.remove_prefix(newline + 1);
  }
  return lines;
}

bool is_comment(std::string_view line) {
  return line.starts_with('#') || line.starts_with('!');
}

bool starts_new_assignment(std::string_view line) {
  return line.starts_with(kFlywayKeyPrefix) && line.find('=') != std::string_view::npos;
}

// Joins continuation lines. Backslashes are otherwise literal (Flyway doubles them before
// handing the text to Java), so `C:\migrations\` at the end of the last line stays as it is.
std::vector<std::string> logical_lines(const std::vector<std::string>& lines) {
  std::vector<std::string> joined;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string line = lines[i];
    while (!is_comment(line) && line.ends_with('\\') && i + 1 < lines.size() &&
           !lines[i + 1].empty() && !starts_new_assignment(lines[i + 1])) {
      line.pop_back();
      line += lines[++i];
    }
    joined.push_back(std::move(line));
  }
  return joined;
}

bool is_variable_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

// Replaces ${NAME} with the environment variable NAME, or nothing when it is unset. Flyway
// does this on the raw text, so it also hits values meant as migration placeholders.
std::string expand_environment_variables(std::string_view line,
                                         const std::map<std::string, std::string>& environment) {
  std::string expanded;
  std::size_t pos = 0;
  while (pos < line.size()) {
    std::size_t start = line.find("${", pos);
    if (start == std::string_view::npos) break;
    std::size_t name_end = start + 2;
    while (name_end < line.size() && is_variable_char(line[name_end])) ++name_end;
    bool is_variable = name_end > start + 2 && name_end < line.size() && line[name_end] == '}';
    expanded += line.substr(pos, start - pos);
    if (is_variable) {
      auto it = environment.find(std::string(line.substr(start + 2, name_end - start - 2)));
      if (it != environment.end()) expanded += it->second;
      pos = name_end + 1;
    } else {
      expanded += "${";
      pos = start + 2;
    }
  }
  expanded += line.substr(std::min(pos, line.size()));
  return expanded;
}

// Java properties: the key ends at the first '=', ':' or whitespace; then optional whitespace,
// at most one '=' or ':', and whitespace again.
Property split_key_value(std::string_view line) {
  std::size_t key_end = line.find_first_of("=: \t\f");
  std::string_view key = line.substr(0, key_end);
  std::string_view rest = key_end == std::string_view::npos ? "" : line.substr(key_end);
  rest = trim(rest);
  if (rest.starts_with('=') || rest.starts_with(':')) rest = trim(rest.substr(1));
  return {std::string(key), std::string(rest)};
}

// The assignment lines of properties text: continuations joined, blanks and comments dropped.
std::vector<std::string> assignment_lines(std::string_view text) {
  std::vector<std::string> lines = logical_lines(trimmed_lines(text));
  std::erase_if(lines, [](const std::string& line) { return line.empty() || is_comment(line); });
  return lines;
}

}  // namespace

std::vector<Property> parse_properties(std::string_view text) {
  std::vector<Property> properties;
  for (const std::string& line : assignment_lines(text))
    properties.push_back(split_key_value(line));
  return properties;
}

Result<std::vector<Property>> parse_conf(std::string_view text,
                                         const std::map<std::string, std::string>& environment) {
  std::vector<Property> properties;
  for (const std::string& line : assignment_lines(text)) {
    Property property = split_key_value(expand_environment_variables(line, environment));
    if (!property.name.starts_with(kFlywayKeyPrefix)) continue;
    property.name.erase(0, kFlywayKeyPrefix.size());
    properties.push_back(std::move(property));
  }
  std::vector<std::string> unknown = unknown_property_names(properties, /*in_file=*/true);
  if (!unknown.empty()) return fail(unknown_properties_error(unknown));
  return properties;
}

}  // namespace runway
