// Walking filesystem locations (spec 1.1, 1.2): recursion that skips hidden directories,
// wildcard locations, duplicate and nested locations.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <regex>
#include <set>

#include "runway/scan.h"

namespace runway {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kFilesystemPrefix = "filesystem:";

struct Location {
  std::string descriptor;  // as configured
  fs::path root;           // where scanning starts
  std::optional<std::regex> pattern;  // full-match filter on the path below root (wildcards)
};

bool has_wildcard(std::string_view text) { return text.find_first_of("*?") != std::string_view::npos; }

// Translates the wildcard part of a location into a regular expression over relative paths:
// `**` = any number of directories, `*` = any characters but `/`, `?` = one such character.
std::regex wildcard_regex(const std::string& pattern) {
  std::string re;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '*' && i + 1 < pattern.size() && pattern[i + 1] == '*') {
      bool slash_follows = i + 2 < pattern.size() && pattern[i + 2] == '/';
      re += slash_follows ? "(?:.*/)?" : ".*";
      i += slash_follows ? 2 : 1;
    } else if (c == '*') {
      re += "[^/]*";
    } else if (c == '?') {
      re += "[^/]";
    } else {
      if (std::string_view("\\^$.|+()[]{}").find(c) != std::string_view::npos) re += '\\';
      re += c;
    }
  }
  // A last segment without a dot names directories: any file below them matches.
  std::string last = pattern.substr(pattern.rfind('/') == std::string::npos ? 0 : pattern.rfind('/') + 1);
  if (last.find('.') == std::string::npos) re += "/.*";
  return std::regex(re);
}

Location parse_location(const std::string& descriptor) {
  std::string path = descriptor.starts_with(kFilesystemPrefix)
                         ? descriptor.substr(kFilesystemPrefix.size())
                         : descriptor;
  Location location{descriptor, fs::path(path), std::nullopt};
  if (!has_wildcard(path)) return location;
  fs::path root;
  fs::path rest;
  bool in_pattern = false;
  for (const fs::path& segment : fs::path(path)) {
    if (!in_pattern && has_wildcard(segment.string())) in_pattern = true;
    (in_pattern ? rest : root) /= segment;
  }
  location.root = root;
  location.pattern = wildcard_regex(rest.generic_string());
  return location;
}

// Drops exact duplicates and locations inside another plain location (spec 1.1).
std::vector<Location> distinct_locations(const std::vector<std::string>& descriptors) {
  std::vector<std::string> sorted = descriptors;
  std::sort(sorted.begin(), sorted.end());
  std::vector<Location> kept;
  for (const std::string& descriptor : sorted) {
    Location location = parse_location(descriptor);
    bool skip = false;
    for (const Location& parent : kept) {
      if (parent.descriptor == descriptor) {
        spdlog::warn("Discarding duplicate location '{}'", descriptor);
        skip = true;
      } else if (!parent.pattern && !location.pattern) {
        auto [end, _] = std::mismatch(parent.root.begin(), parent.root.end(),
                                      location.root.begin(), location.root.end());
        if (end == parent.root.end()) {
          spdlog::warn("Discarding location '{}' as it is a sub-location of '{}'", descriptor,
                       parent.descriptor);
          skip = true;
        }
      }
      if (skip) break;
    }
    if (!skip) kept.push_back(std::move(location));
  }
  return kept;
}

std::optional<std::string> unusable_reason(const fs::path& root) {
  std::error_code ec;
  auto status = fs::status(root, ec);
  if (ec || !fs::exists(status)) return "not found";
  if (!fs::is_directory(status)) return "not a directory";
  fs::directory_iterator probe(root, ec);
  if (ec) return "not readable";
  return std::nullopt;
}

void walk(const fs::path& root, const fs::path& dir, const Location& location,
          std::set<fs::path>& visited, std::vector<ScriptFile>& out) {
  std::error_code ec;
  fs::path canonical = fs::canonical(dir, ec);
  if (ec || !visited.insert(canonical).second) return;  // unreadable, or a symlink loop
  // Both paths of a file are its directory's plus its name: the path arithmetic is done once
  // per directory rather than once per file, where it cost more than reading the file.
  std::string relative_dir = dir.lexically_relative(root).generic_string();
  relative_dir = relative_dir == "." ? "" : relative_dir + "/";
  std::string absolute_dir = fs::absolute(dir).lexically_normal().string();
  if (!absolute_dir.ends_with('/')) absolute_dir += '/';
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    std::string name = entry.path().filename().string();
    std::error_code type_ec;
    if (entry.is_directory(type_ec)) {
      if (!name.starts_with(".")) walk(root, entry.path(), location, visited, out);
      continue;
    }
    if (!entry.is_regular_file(type_ec)) continue;
    std::string relative = relative_dir + name;
    if (location.pattern && !std::regex_match(relative, *location.pattern)) continue;
    out.push_back(ScriptFile{std::move(relative), absolute_dir + name, std::move(name)});
  }
}

}  // namespace

Result<std::vector<ScriptFile>> list_script_files(const std::vector<std::string>& locations,
                                                  bool fail_on_missing_locations) {
  std::vector<ScriptFile> files;
  for (const Location& location : distinct_locations(locations)) {
    if (auto reason = unusable_reason(location.root)) {
      if (fail_on_missing_locations) {
        return fail(ErrorCode::Configuration, "Failed to find filesystem location: " +
                                                  location.root.string() + " (" + *reason + ")");
      }
      spdlog::error("Skipping filesystem location: {} ({})", location.root.string(), *reason);
      continue;
    }
    std::set<fs::path> visited;
    std::vector<ScriptFile> found;
    walk(location.root, location.root, location, visited, found);
    std::sort(found.begin(), found.end(), [](const ScriptFile& a, const ScriptFile& b) {
      return a.relative_path < b.relative_path;
    });
    files.insert(files.end(), std::make_move_iterator(found.begin()),
                 std::make_move_iterator(found.end()));
  }
  return files;
}

}  // namespace runway
