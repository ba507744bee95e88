// `info` for people: "Schema version: ..." and Flyway's migrations table (spec 10.1).
#pragma once

#include <string>

#include "runway/results.h"

namespace runway {

std::string render_info_text(const InfoResult& result);
// The list printed by `info -migrationIds`: versions and repeatable descriptions.
std::string render_migration_ids(const InfoResult& result);

// Shared by the text and JSON renderers.
std::string category_of(const MigrationInfo& m);
std::string undoable_of(const MigrationInfo& m, bool has_undo_file);

}  // namespace runway
