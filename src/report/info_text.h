// `info` for people: "Schema version: ..." and Flyway's migrations table (spec 10.1).
#pragma once

#include <string>

#include "runway/config.h"
#include "runway/results.h"

namespace runway {

// With no migration on disk, the naming settings come first, so a user sees where runway
// looked and for which names (as Flyway's MigrationConfigPrinter does).
std::string render_info_text(const InfoResult& result, const Settings& settings);
// The list printed by `info -migrationIds`: versions and repeatable descriptions.
std::string render_migration_ids(const InfoResult& result);

// Shared by the text and JSON renderers.
std::string category_of(const MigrationInfo& m);
std::string undoable_of(const MigrationInfo& m, bool has_undo_file);

}  // namespace runway
