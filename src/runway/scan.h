// Finding migrations: walk the configured locations, parse names, compute checksums, sort
// and reject duplicates (spec 1, 2.4, 3).
#pragma once

#include <string>
#include <vector>

#include "runway/config.h"
#include "runway/migration.h"
#include "runway/naming.h"
#include "runway/placeholders.h"

namespace runway {

struct CallbackScript {
  std::string event;
  std::string description;
  std::string script;  // relative to its location
  std::string absolute_path;
  std::string file_name;
  ScriptConfig config;
};

struct ResolvedSet {
  // Versioned (V and B) migrations by version, then repeatables by description (spec 1.6).
  std::vector<ResolvedMigration> migrations;
  std::vector<ResolvedMigration> undo_migrations;  // U files, by version
  std::vector<CallbackScript> callbacks;           // by event, then description
  // One Flyway message per file whose name ends in a SQL suffix but does not parse.
  std::vector<std::string> invalid_names;
};

// A file found in a location: the unit the scanner and `check` share.
struct ScriptFile {
  std::string relative_path;  // below the location root, `/`-separated
  std::string absolute_path;
  std::string file_name;
};

// Lists the files of every configured location (spec 1.1-1.2), sorted by relative path.
// Missing locations are logged, or fatal with failOnMissingLocations.
Result<std::vector<ScriptFile>> list_script_files(const std::vector<std::string>& locations,
                                                  bool fail_on_missing_locations);

// Scans, names, checksums and orders every migration and callback. Placeholder values are
// needed because a repeatable's checksum covers its text after replacement (spec 3.2).
Result<ResolvedSet> resolve_migrations(const Settings& settings,
                                       const PlaceholderValues& placeholders);

// Opens a migration or callback for execution: decoded, placeholders replaced when enabled.
Result<std::unique_ptr<TextSource>> open_migration_text(const std::string& absolute_path,
                                                        const std::string& file_name,
                                                        const ScriptConfig& config,
                                                        const Settings& settings,
                                                        const PlaceholderValues& placeholders);

}  // namespace runway
