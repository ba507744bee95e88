// A migration as check sees it: in the working tree, or in a git revision.
#pragma once

#include <cstdint>
#include <string>

#include "runway/migration.h"

namespace runway {

struct CheckedMigration {
  // Kind, version, description, paths and checksum as the scanner would resolve them; a
  // repeatable's checksum covers its text with placeholders replaced (spec 3.2).
  ResolvedMigration migration;
  std::int32_t raw_checksum = 0;  // of the text as written
  std::string path;               // as findings name it

  // Versioned and baseline migrations by version (V and B files may share one), repeatables
  // by description: what pairs a file with its history row.
  std::string key() const {
    if (!migration.is_versioned()) return "R:" + migration.description;
    return (migration.kind == MigrationKind::BaselineMigration ? "B:" : "V:") +
           migration.version.normalized();
  }
};

}  // namespace runway
