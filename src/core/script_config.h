// Script configuration files (spec 7.9): `<script>.conf` beside a migration or callback
// overrides executeInTransaction, encoding and placeholderReplacement for that one script.
#pragma once

#include <string>
#include <string_view>

#include "runway/config.h"
#include "runway/migration.h"
#include "runway/placeholders.h"

namespace runway {

// Parses the properties text of a script configuration file; `path` names it in errors.
// Unknown keys are fatal, as in Flyway; `shouldExecute` (a Flyway Teams feature) is refused.
Result<ScriptConfig> parse_script_config(std::string_view text, const std::string& path);

// Reads and parses the file at `path` (decoded with the global encoding). Placeholders are
// replaced in its text first when placeholder replacement is enabled, as Flyway does.
Result<ScriptConfig> load_script_config(const std::string& path, const Settings& settings,
                                        const PlaceholderValues& placeholders);

}  // namespace runway
