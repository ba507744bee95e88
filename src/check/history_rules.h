// Against a production history, offline (RW301-RW307): the history rows rebuilt from the JSON
// that `info -outputType=json` printed on the target database, runway's or Flyway's, run
// through the same planner and validation chain as migrate's (spec 5.1, 6.1).
#pragma once

#include <string>
#include <vector>

#include "check/checked_migration.h"
#include "check/finding.h"
#include "runway/config.h"
#include "runway/migration.h"

namespace runway {

struct HistoryExport {
  std::vector<AppliedMigration> rows;  // ranked by installation time
  // runway's export carries each row's checksum; Flyway's has none.
  bool has_checksums = false;
};

// Reads an info result, alone or inside {"individualResults": [...]}. Entries with an
// `installedOnUTC` are history rows.
Result<HistoryExport> parse_history_export(const std::string& json_text, const std::string& file);

// The findings migrate's validation (validateOnMigrate, pending allowed) would raise on the
// target database. `history_path` names findings about rows with no local file.
Result<std::vector<Finding>> validate_against_history(const std::vector<CheckedMigration>& local,
                                                      HistoryExport history,
                                                      const Settings& settings,
                                                      const std::string& history_path);

}  // namespace runway
