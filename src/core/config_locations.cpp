#include "core/config_locations.h"

#include <algorithm>
#include <filesystem>

#include "core/config_files.h"
#include "core/config_text.h"

namespace runway {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kFilesystem = "filesystem:";

std::string absolute_location(const std::string& base_directory, std::string_view path) {
  std::string absolute = absolute_from(base_directory, path);
  if (absolute.size() > 1 && absolute.ends_with('/')) absolute.pop_back();
  return std::string(kFilesystem) + absolute;
}

// Flyway keeps a relative path relative unless a workingDirectory anchors it.
std::string location_label(const std::string& base_directory, bool working_directory_given,
                           std::string_view path) {
  if (!working_directory_given) return std::string(kFilesystem) + std::string(path);
  return absolute_location(base_directory, path);
}

// Flyway's Locations are a sorted set.
void sort_labels(ResolvedLocations& resolved) {
  std::sort(resolved.labels.begin(), resolved.labels.end());
  resolved.labels.erase(std::unique(resolved.labels.begin(), resolved.labels.end()),
                        resolved.labels.end());
}

// A prefix is what precedes the first colon, unless that colon is part of a Windows drive
// (C:\x, C:/x), which Flyway does not split either.
bool has_prefix(std::string_view location) {
  std::size_t colon = location.find(':');
  if (colon == std::string_view::npos) return false;
  bool windows_drive =
      colon == 1 && location.size() > 2 && (location[2] == '\\' || location[2] == '/');
  return !windows_drive;
}

}  // namespace

Result<ResolvedLocations> resolve_locations(const std::vector<std::string>& locations,
                                            const std::string& base_directory,
                                            bool working_directory_given) {
  ResolvedLocations resolved;
  for (const std::string& configured : locations) {
    std::string_view location = trim(configured);
    if (location.starts_with(kFilesystem)) {
      location.remove_prefix(kFilesystem.size());
    } else if (has_prefix(location)) {
      return fail(
          ErrorCode::Configuration,
          "Unknown prefix for location (should be one of [filesystem:]): " + std::string(location) +
              ". runway reads migrations from the filesystem only.");
    } else {
      resolved.warnings.push_back(
          "Location '" + std::string(location) + "' has no prefix: runway reads it as filesystem:" +
          std::string(location) + " (Flyway would read the Java classpath)");
    }
    resolved.locations.push_back(absolute_location(base_directory, location));
    resolved.labels.push_back(location_label(base_directory, working_directory_given, location));
  }
  sort_labels(resolved);
  return resolved;
}

ResolvedLocations default_locations(const std::string& base_directory,
                                    bool working_directory_given) {
  ResolvedLocations resolved;
  resolved.labels.push_back(location_label(base_directory, working_directory_given, "sql"));
  if (fs::is_directory(fs::path(base_directory) / "sql")) {
    resolved.locations.push_back(absolute_location(base_directory, "sql"));
  } else {
    resolved.warnings.push_back("No locations configured and default location 'sql' not found.");
  }
  return resolved;
}

}  // namespace runway
